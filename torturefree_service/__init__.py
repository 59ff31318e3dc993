"""The licensing service: a Django project around the torturefree core (issue #5)."""
