"""Fixtures for the risk package, and the YAML scenarios of findings (scenarios/*.yaml)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from torturefree.risk import EvidenceStore, RiskContext, RiskQuery, assess, open_context
from torturefree.risk.evidence_io import import_evidence
from torturefree.risk.imports import import_folder
from torturefree.vocabulary import Category

FIXTURES = Path(__file__).parent / "fixtures"
LAW = FIXTURES / "law"


@pytest.fixture
def store(tmp_path: Path) -> EvidenceStore:
    return EvidenceStore(tmp_path / "risk.sqlite3")


@pytest.fixture
def loaded(store: EvidenceStore) -> EvidenceStore:
    """A store with the fixture country facts and evidence items imported."""
    import_folder(store, FIXTURES / "evidence")
    import_evidence(store, FIXTURES / "evidence_items.csv", actor="test", reason="fixture")
    import_evidence(store, FIXTURES / "evidence_items.jsonl", actor="test", reason="fixture")
    return store


@pytest.fixture
def context(loaded: EvidenceStore) -> RiskContext:
    return open_context(loaded, law_root=LAW)


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.suffix == ".yaml" and file_path.parent.name == "scenarios":
        return ScenarioFile.from_parent(parent, path=file_path)
    return None


class ScenarioFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        document = yaml.safe_load(self.path.read_text(encoding="utf-8"))
        for spec in document["scenarios"]:
            yield Scenario.from_parent(self, name=spec["name"], spec=spec)


class Scenario(pytest.Item):
    """A sentence-named scenario: a destination, date and goods, and what the findings must show."""

    def __init__(self, *, spec: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.spec = spec

    def runtest(self) -> None:
        tmp = Path(self.config._tmp_path_factory.mktemp("scenario"))  # type: ignore[attr-defined]
        store = EvidenceStore(tmp / "risk.sqlite3")
        import_folder(store, FIXTURES / "evidence")
        for name in self.spec.get("evidence", []):
            import_evidence(store, FIXTURES / name, actor="scenario", reason="scenario")
        query = RiskQuery(
            country=self.spec["country"],
            date=dt.date.fromisoformat(str(self.spec["date"])),
            categories=frozenset(Category(c) for c in self.spec.get("goods", [])),
            end_user=self.spec.get("end_user"),
            end_use_information=self.spec.get("end_use_shown"),
        )
        result = assess(open_context(store, law_root=LAW), query).model_dump(mode="json")
        check_expectations(result, self.spec["expect"])

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"scenario: {self.name}"


def check_expectations(result: dict[str, Any], expect: dict[str, Any]) -> None:
    codes = [f["code"] for f in result["findings"]]
    for code in expect.get("findings", []):
        assert code in codes, f"finding {code} missing; got {codes}"
    for code in expect.get("no_findings", []):
        assert code not in codes, f"finding {code} present; got {codes}"
    for key in ("death_penalty_status", "general_authorisation_destination"):
        if key in expect:
            assert result[key] == expect[key], f"{key}: {result[key]!r} != {expect[key]!r}"
    # A scenario names the treaties it is about; treaties added later (CPED) are not its concern.
    for treaty, party in expect.get("ratifications", {}).items():
        got = result["ratifications"][treaty]
        assert got == party, f"ratifications[{treaty}]: {got!r} != {party!r}"
    if "evidence_ids" in expect:
        assert sorted(e["id"] for e in result["evidence"]) == sorted(expect["evidence_ids"])
    for text in expect.get("summary_contains", []):
        assert any(text in f["summary"] for f in result["findings"]), f"no summary with {text!r}"
    shown = {s["dataset"] for s in result["sources"]}
    for dataset in expect.get("sources", []):
        assert dataset in shown, f"source {dataset} not cited; got {shown}"
