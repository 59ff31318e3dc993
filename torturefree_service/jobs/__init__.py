"""Background jobs: long work (annual reports, imports) as database rows run off the request."""
