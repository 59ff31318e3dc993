"""Party screening: watchlist import, explainable matching, dispositions and re-screening."""
