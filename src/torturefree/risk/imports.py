"""Import country facts from user-named files: parsed whole first, then written atomically."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from torturefree.errors import InputError
from torturefree.risk.catalogue import DatasetSpec, load_datasets
from torturefree.risk.countries import CountryTable, load_countries
from torturefree.risk.datasets import Parsed, amnesty, cirights, pts, treaties
from torturefree.risk.store import EvidenceStore, ImportRecord

Parser = Callable[[Path, CountryTable, DatasetSpec], Parsed]
PARSERS: dict[str, Parser] = {
    "amnesty-death-penalty": lambda path, table, spec: amnesty.parse(path, table),
    "un-treaty-ratification": lambda path, table, spec: treaties.parse(
        path, table, spec.vintage or 0
    ),
    "pts": lambda path, table, spec: pts.parse(path, table),
    "cirights": lambda path, table, spec: cirights.parse(path, table),
}


@dataclass(frozen=True)
class ImportOutcome:
    record: ImportRecord
    changed: bool


def source_hash(path: Path) -> str:
    """SHA-256 of a file, or of a folder's files (names and contents, in name order)."""
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        if path.is_dir():
            digest.update(file.relative_to(path).as_posix().encode() + b"\0")
        digest.update(file.read_bytes())
    return digest.hexdigest()


def parse_dataset(
    dataset: str, path: Path, *, specs: dict[str, DatasetSpec], table: CountryTable
) -> tuple[ImportRecord, Parsed]:
    """Read one dataset's file without touching the store."""
    if dataset not in PARSERS or dataset not in specs:
        known = sorted(set(PARSERS) & set(specs))
        raise InputError(
            f"unknown dataset '{dataset}' (known: {', '.join(known)})", field="dataset"
        )
    if not path.exists():
        raise InputError("no such file or folder", field="PATH", source=str(path))
    parsed = PARSERS[dataset](path, table, specs[dataset])
    if not parsed.facts:
        raise InputError(f"no facts found for dataset '{dataset}'", source=str(path))
    return _record(dataset, path, parsed), parsed


def _record(dataset: str, path: Path, parsed: Parsed) -> ImportRecord:
    years = [f.year for f in parsed.facts]
    return ImportRecord(
        id=0,
        dataset=dataset,
        version=f"{path.name} {min(years)}-{max(years)}",
        source=str(path.resolve()),
        sha256=source_hash(path),
        imported_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        rows=len(parsed.facts),
        skipped=sorted(parsed.skipped),
        quirks=parsed.quirks,
    )


def import_dataset(
    store: EvidenceStore, dataset: str, path: Path, *, data_root: Path | None = None
) -> ImportOutcome:
    """Import one dataset; importing the same file again changes nothing."""
    specs, table = load_datasets(data_root), load_countries(data_root)
    record, parsed = parse_dataset(dataset, path, specs=specs, table=table)
    stored, changed = store.replace_facts(record, parsed.facts)
    return ImportOutcome(stored, changed)


def import_folder(
    store: EvidenceStore, folder: Path, *, data_root: Path | None = None
) -> list[ImportOutcome]:
    """Import every known dataset found in a folder laid out like shared/data/evidence/.

    All files are parsed before anything is written, so one bad file leaves the store unchanged.
    """
    if not folder.is_dir():
        raise InputError("not a folder", field="PATH", source=str(folder))
    specs, table = load_datasets(data_root), load_countries(data_root)
    found = [
        (name, folder / spec.path) for name, spec in specs.items() if (folder / spec.path).exists()
    ]
    if not found:
        expected = ", ".join(spec.path for spec in specs.values())
        raise InputError(f"no known dataset in folder (expected {expected})", source=str(folder))
    parsed = [parse_dataset(name, path, specs=specs, table=table) for name, path in found]
    return [ImportOutcome(*store.replace_facts(record, p.facts)) for record, p in parsed]
