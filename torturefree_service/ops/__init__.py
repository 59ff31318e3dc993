"""Running the service: the application server, health, backups, request limits (#19)."""
