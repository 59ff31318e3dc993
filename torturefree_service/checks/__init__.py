"""Checks on submit: determination, goods identification, screening, risk, denial search."""
