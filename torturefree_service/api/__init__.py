"""The HTTP API (/api/v1): thin views by audience over the services and selectors."""
