"""The exchange between states (#13): signed messages in and out, delivered with receipts."""
