"""The torturefree command line: thin Typer commands over the core, no logic of their own."""
