"""Organisations (traders, vetted draft -> active) and people with roles and API tokens."""
