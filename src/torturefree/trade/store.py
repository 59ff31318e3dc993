"""The stored form: Parquet under <home>/trade/parquet, one folder per import, by year and reporter.

Layout: parquet/batch=<id>/year=<YYYY>/reporter=<CC>/part-0.parquet, and batch=<id>/_import.json
saying what was imported. An import is written under a temporary name and renamed into place
in one step, so a reader sees all of it or none; the batch id is the file's SHA-256, so the same
file imported twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from torturefree.errors import InputError
from torturefree.paths import home_dir
from torturefree.trade.params import Parameters, load_parameters
from torturefree.trade.places import Places, load_places
from torturefree.trade.rows import Rows

MANIFEST = "_import.json"
LAYOUTS = ("comtrade", "baci", "comext")


@dataclass
class ImportResult:
    file: str
    layout: str
    batch: str
    rows: int
    changed: bool
    partitions: list[str] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    note: str = ""

    def as_json(self) -> dict[str, Any]:
        return self.__dict__.copy()


class TradeStore:
    def __init__(self, home: Path | None = None, parameters: Parameters | None = None) -> None:
        self.root = (home or home_dir()) / "trade"
        self.parquet = self.root / "parquet"
        self.parameters = parameters or load_parameters()
        self._places: Places | None = None

    @property
    def places(self) -> Places:
        if self._places is None:
            self._places = load_places(self.parameters)
        return self._places

    def import_file(self, path: Path, layout: str) -> ImportResult:
        """Read `path` in `layout`, check every row, then write it as one batch (or nothing)."""
        if layout not in LAYOUTS:
            raise InputError(
                f"unknown layout '{layout}' (one of {', '.join(LAYOUTS)})", field="layout"
            )
        if not path.is_file():
            raise InputError("no such file", field="PATH", source=str(path))
        batch = _digest(path)
        done = self.parquet / f"batch={batch}"
        if done.is_dir():
            meta = json.loads((done / MANIFEST).read_text(encoding="utf-8"))
            return ImportResult(
                path.name,
                layout,
                batch,
                meta["rows"],
                False,
                meta["partitions"],
                {},
                f"already imported on {meta['imported_at']} (same content): nothing changed",
            )
        rows = self._read(path, layout)
        return self.write_batch(rows.table(), batch, path.name, layout, rows.skipped)

    def write_batch(
        self,
        table: pa.Table,
        batch: str,
        name: str,
        layout: str,
        skipped: dict[str, int] | None = None,
    ) -> ImportResult:
        staging = self.parquet / f".tmp-{uuid.uuid4().hex}"
        try:
            partitions = write_partitions(table, staging)
            meta = {
                "file": name,
                "layout": layout,
                "rows": table.num_rows,
                "partitions": partitions,
                "skipped": skipped or {},
                "imported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            }
            (staging / MANIFEST).write_text(json.dumps(meta, indent=1), encoding="utf-8")
            os.replace(staging, self.parquet / f"batch={batch}")
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return ImportResult(
            name, layout, batch, table.num_rows, True, partitions, skipped or {}, "imported"
        )

    def imports(self) -> list[dict[str, Any]]:
        if not self.parquet.is_dir():
            return []
        found = []
        for folder in sorted(self.parquet.glob("batch=*")):
            meta = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            found.append({"batch": folder.name.removeprefix("batch="), **meta})
        return found

    def files(self) -> list[Path]:
        return sorted(self.parquet.glob("batch=*/year=*/reporter=*/*.parquet"))

    def years(self) -> list[int]:
        """The years stored, from the partition folders (a folder is written only with rows):
        no pass over the data, which on Spark is a job over every file."""
        return sorted({int(f.parent.parent.name.removeprefix("year=")) for f in self.files()})

    def _read(self, path: Path, layout: str) -> Rows:
        readers: dict[str, Callable[[], Rows]] = {
            "comtrade": lambda: _comtrade(path, self.places),
            "baci": lambda: _baci(path, self.places),
            "comext": lambda: _comext(path, self.places, self.parameters),
        }
        return readers[layout]()


def write_partitions(table: pa.Table, folder: Path, part: str = "part-0") -> list[str]:
    """Write one Parquet file per (year, reporter) under hive-style folders; returns them."""
    folder.mkdir(parents=True, exist_ok=True)
    keys = table.select(["year", "reporter"]).group_by(["year", "reporter"]).aggregate([])
    written = []
    data = table.drop_columns(["year", "reporter"])
    for year, reporter in zip(keys["year"].to_pylist(), keys["reporter"].to_pylist(), strict=True):
        mask = pa.compute.and_(
            pa.compute.equal(table["year"], year), pa.compute.equal(table["reporter"], reporter)
        )
        where = f"year={year}/reporter={reporter}"
        (folder / where).mkdir(parents=True, exist_ok=True)
        pq.write_table(data.filter(mask), folder / where / f"{part}.parquet", compression="zstd")
        written.append(where)
    return sorted(written)


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()[:20]


def _comtrade(path: Path, places: Places) -> Rows:
    from torturefree.trade.comtrade import read_comtrade

    return read_comtrade(path, places)


def _baci(path: Path, places: Places) -> Rows:
    from torturefree.trade.baci import read_baci

    return read_baci(path, places)


def _comext(path: Path, places: Places, parameters: Parameters) -> Rows:
    from torturefree.trade.comext import read_comext

    return read_comext(path, places, parameters)
