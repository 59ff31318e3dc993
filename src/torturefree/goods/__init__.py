"""Identifying goods against list entries: CN/HS codes, CAS numbers, text, technical parameters."""
