"""What the hub's PostgreSQL-only migrations share (a leading underscore: Django's migration
loader skips this module)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def on_postgresql(statements: list[str]) -> Callable[[Any, Any], None]:
    """A RunPython step that runs the statements on PostgreSQL and does nothing elsewhere
    (SQLite keeps its plain scans)."""

    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run
