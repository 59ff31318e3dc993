"""The hub's Django app: participants and the signed directory, the register, country rules."""
