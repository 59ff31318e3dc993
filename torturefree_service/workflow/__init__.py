"""Declarative state machines: one table of allowed transitions per workflow."""
