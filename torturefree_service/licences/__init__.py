"""Licences: issue, validity from law data, PDF, verification, amendments, shipments, expiry."""
