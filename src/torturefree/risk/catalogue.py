"""The datasets torturefree can import, the legal weight of evidence kinds, the findings' bases."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from torturefree.paths import data_dir
from torturefree.risk.errors import RiskError
from torturefree.risk.model import EvidenceKind, Weight

DATASETS_FILE = "evidence/datasets.yaml"
KINDS_FILE = "evidence/evidence-kinds.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DatasetSpec(_Strict):
    title: str
    cite: str
    href: str
    path: str
    licence: str
    redistributable: bool
    vintage: int | None = None

    def citation(self, **values: object) -> str:
        """The citation text for a figure, e.g. with its year or instrument filled in."""
        try:
            return self.cite.format(**values)
        except KeyError:
            return self.title


class LegalCitation(_Strict):
    title: str
    href: str | None = None


class KindRule(_Strict):
    weight: Weight
    citation: LegalCitation


class Lookback(_Strict):
    default_years: int
    note: str


class KindsFile(_Strict):
    instrument: str
    lookback: Lookback
    kinds: dict[EvidenceKind, KindRule]


def _load_yaml(path: Path) -> object:
    if not path.exists():
        raise RiskError(f"{path}: missing")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def load_datasets(root: Path | None = None) -> dict[str, DatasetSpec]:
    path = (root or data_dir()) / DATASETS_FILE
    document = _load_yaml(path)
    try:
        raw = dict(document["datasets"])  # type: ignore[index]
        return {name: DatasetSpec.model_validate(spec) for name, spec in raw.items()}
    except (KeyError, TypeError, ValidationError) as error:
        raise RiskError(f"{path}: {error}") from error


def load_kinds(root: Path | None = None) -> KindsFile:
    """The weight of each kind; every kind of the vocabulary must have one (no silent default)."""
    path = (root or data_dir()) / KINDS_FILE
    try:
        kinds = KindsFile.model_validate(_load_yaml(path))
    except ValidationError as error:
        raise RiskError(f"{path}: {error}") from error
    missing = set(EvidenceKind) - set(kinds.kinds)
    if missing:
        raise RiskError(f"{path}: no weight for {sorted(k.value for k in missing)}")
    return kinds


FINDINGS_FILE = "evidence/findings.yaml"


class FindingsFile(_Strict):
    destination_set: str
    bases: dict[str, list[LegalCitation]]

    def basis(self, code: str) -> list[LegalCitation]:
        if code not in self.bases:
            raise RiskError(f"{FINDINGS_FILE}: no legal basis for finding '{code}'")
        return self.bases[code]


def load_findings_config(root: Path | None = None) -> FindingsFile:
    path = (root or data_dir()) / FINDINGS_FILE
    try:
        return FindingsFile.model_validate(_load_yaml(path))
    except ValidationError as error:
        raise RiskError(f"{path}: {error}") from error
