"""The evidence register in the service: entered, reviewed and withdrawn by officers, with history.

The items live in the core's EvidenceStore (the file findings read); Django keeps only reviews.
"""
