"""The one audit service: every state change is recorded here and appended to the ledger."""
