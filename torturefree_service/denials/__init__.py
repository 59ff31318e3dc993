"""Denials: our own notifications (Art. 23(1)), imported foreign denials, essentially identical search."""
