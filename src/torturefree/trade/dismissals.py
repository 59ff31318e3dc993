"""An analyst's dismissals of flags, with the reason, kept under <home>/trade/dismissals.jsonl.

Append-only: a later dismissal of the same flag adds a line; the last one counts. A flag id is
a digest of its kind and keys, so the same anomaly keeps its id from one run to the next.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

from torturefree.errors import InputError
from torturefree.paths import home_dir

FILE = "dismissals.jsonl"


class Dismissals:
    def __init__(self, home: Path | None = None) -> None:
        self.path = (home or home_dir()) / "trade" / FILE

    def dismiss(self, flag_id: str, reason: str, analyst: str) -> dict[str, Any]:
        if not reason.strip():
            raise InputError("a dismissal needs a reason", field="reason")
        if not analyst.strip():
            raise InputError("a dismissal names the analyst", field="analyst")
        record = {
            "flag_id": flag_id,
            "reason": reason.strip(),
            "analyst": analyst.strip(),
            "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        return record

    def current(self) -> dict[str, dict[str, Any]]:
        if not self.path.exists():
            return {}
        found: dict[str, dict[str, Any]] = {}
        for line in self.path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                found[record["flag_id"]] = record
        return found
