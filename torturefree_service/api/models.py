"""The API app holds no tables."""
