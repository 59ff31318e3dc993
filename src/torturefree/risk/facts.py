"""Country facts as findings read them: imported datasets first, else the facts the product ships.

Only datasets whose licence allows redistribution are shipped (data/evidence/derived/); the rest
come from files the user names (`torturefree evidence import-country-facts`).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from torturefree.paths import data_dir
from torturefree.risk.catalogue import DatasetSpec, load_datasets
from torturefree.risk.errors import RiskError
from torturefree.risk.model import Fact
from torturefree.risk.store import EvidenceStore

DERIVED_DIR = "evidence/derived"
FIELDS = (
    "dataset",
    "country",
    "year",
    "indicator",
    "value",
    "text",
    "lower_bound",
    "unknown",
    "raw",
    "note",
)


@dataclass(frozen=True)
class Provenance:
    """Where a dataset's facts came from: imported by the user, or shipped as derived data."""

    dataset: str
    origin: str
    version: str
    sha256: str
    spec: DatasetSpec


class FactBase:
    """All country facts available to findings, with each dataset's provenance."""

    def __init__(self, store: EvidenceStore, data_root: Path | None = None) -> None:
        self.store = store
        self.root = data_root or data_dir()
        self.specs = load_datasets(self.root)

    @cached_property
    def provenance(self) -> dict[str, Provenance]:
        found = {}
        for name, spec in self.specs.items():
            record = self.store.current_import(name)
            if record is not None:
                found[name] = Provenance(name, "imported", record.version, record.sha256, spec)
            elif spec.redistributable and (meta := _shipped_meta(self.root, name)):
                found[name] = Provenance(name, "shipped", meta[0], meta[1], spec)
        return found

    def facts(self, *, country: str | None = None) -> list[Fact]:
        result = []
        for name, prov in self.provenance.items():
            if prov.origin == "imported":
                result.extend(self.store.facts(country=country, dataset=name))
            else:
                shipped = self._shipped(name)
                result.extend(f for f in shipped if country is None or f.country == country)
        return result

    def _shipped(self, dataset: str) -> list[Fact]:
        return read_facts_csv(self.root / DERIVED_DIR / f"{dataset}.csv")


def _shipped_meta(root: Path, dataset: str) -> tuple[str, str] | None:
    meta = root / DERIVED_DIR / f"{dataset}.source"
    if not meta.exists():
        return None
    lines = dict(
        line.split(": ", 1)
        for line in meta.read_text(encoding="utf-8").splitlines()
        if ": " in line
    )
    return lines.get("version", "?"), lines.get("sha256", "?")


def read_facts_csv(path: Path) -> list[Fact]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return [_fact(row) for row in csv.DictReader(handle)]
    except (OSError, ValueError) as error:
        raise RiskError(f"{path}: {error}") from error


def _fact(row: dict[str, str]) -> Fact:
    return Fact(
        dataset=row["dataset"],
        country=row["country"],
        year=int(row["year"]),
        indicator=row["indicator"],
        value=float(row["value"]) if row["value"] else None,
        text=row["text"] or None,
        lower_bound=row["lower_bound"] == "1",
        unknown=row["unknown"] == "1",
        raw=row["raw"],
        note=row["note"] or None,
    )


def write_derived(
    facts: list[Fact], out_dir: Path, *, dataset: str, version: str, sha256: str
) -> Path:
    """Write a redistributable dataset's facts (and where they came from) for shipping in data/."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{dataset}.csv"
    ordered = sorted(facts, key=lambda f: (f.country, f.year, f.indicator))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(FIELDS)
        for f in ordered:
            writer.writerow(
                [
                    f.dataset,
                    f.country,
                    f.year,
                    f.indicator,
                    "" if f.value is None else f.value,
                    f.text or "",
                    int(f.lower_bound),
                    int(f.unknown),
                    f.raw,
                    f.note or "",
                ]
            )
    meta = f"dataset: {dataset}\nversion: {version}\nsha256: {sha256}\n"
    (out_dir / f"{dataset}.source").write_text(meta, encoding="utf-8")
    return path
