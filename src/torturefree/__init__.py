"""torturefree: controls on trade in goods used for torture and capital punishment."""

__version__ = "0.1.0"
