"""The states' annual reports on a real hub (issue 14 item 5): FR's public report, made by its
records store (`records demo`, `report annual --public`), and KE's nil report are filed; the
overview counts the nil report as a report, names who has not reported, and sums what FR
reported; a report of another state, a full (non-public) report and a non-participant are
refused, nothing stored."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from .hubkit import Hub, run

SPEC = Path(__file__).parents[1] / "records" / "fixtures" / "demo-spec.yaml"


def _report(home: Path, year: int, *flags: str, state: str | None = None) -> Path:
    if state is not None:
        spec = yaml.safe_load(SPEC.read_text(encoding="utf-8")) | {"reporting_state": state}
        written = home / "spec.yaml"
        home.mkdir(parents=True, exist_ok=True)
        written.write_text(yaml.safe_dump(spec), encoding="utf-8")
        run(home, "records", "demo", "--spec", str(written), "--per-year", "30")
    out = home / f"report-{year}{'-'.join(flags)}.json"
    run(
        home, "report", "annual", "--year", str(year), "--format", "json", "--out", str(out), *flags
    )
    return out


def _file(hub: Hub, path: Path, state: str, check: bool = True) -> Any:
    return run(
        hub.home, "hub", "report", "file", str(path), "--state", state, "--by", "sec-1", check=check
    )


@pytest.fixture(scope="module")
def reports(hub: Hub, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("reports")
    fr = _report(root / "fr", 2024, "--public", state="FR")
    return {
        "fr": fr,
        "fr-2023": _report(root / "fr", 2023, "--public"),
        "fr-full": _report(root / "fr", 2024),
        "ke-nil": _report(root / "ke", 2024, "--public"),
    }


def test_reports_are_filed_and_put_together(hub: Hub, reports: dict[str, Path]) -> None:
    assert json.loads(_file(hub, reports["fr"], "FR").stdout)["new"] is True
    assert json.loads(_file(hub, reports["fr"], "FR").stdout)["new"] is False  # the same again
    _file(hub, reports["ke-nil"], "KE")
    _file(hub, reports["fr-2023"], "FR")
    status, raw = hub.get("/reports/2024.json")
    data = json.loads(raw)
    assert status == 200
    assert data["reported"] == [{"state": "FR", "nil": False}, {"state": "KE", "nil": True}]
    assert data["not_reported"] == [] and data["nil_reports"] == 1
    decisions = json.loads(reports["fr"].read_text())["tables"]["decisions"]
    granted = {r["key"]: r["granted"] for r in data["by_activity"]}
    assert granted == {r["activity"]: r["granted"] for r in decisions}
    assert sum(r["applications"] for r in data["by_region"]) == sum(
        r["applications"] for r in json.loads(reports["fr"].read_text())["tables"]["countries"]
    )
    assert {r["key"] for r in data["by_region"]} <= {
        "Africa",
        "Americas",
        "Asia",
        "Europe",
        "Oceania",
    }
    assert json.loads(hub.get("/reports/2023.json")[1])["not_reported"] == ["KE"]

    page = hub.get("/reports/?year=2024")[1].decode()
    assert "Nil report" in page and "<svg" in page and 'aria-label="Decisions by activity"' in page
    french = hub.get("/reports/?year=2023", language="fr")[1].decode()
    assert "Rapports annuels" in french and "KE" in french
    # The charts' legends in the page's language (the catalogue's words, through `say`).
    assert ">granted</text>" in page and ">accordées</text>" in french
    assert ">refusées (interdiction nationale)</text>" in french and ">granted<" not in french


def test_bad_reports_are_refused_naming_the_field(hub: Hub, reports: dict[str, Path]) -> None:
    before = json.loads(hub.get("/reports/2024.json")[1])["reported"]
    as_ke = _file(hub, reports["fr"], "KE", check=False)
    assert as_ke.returncode == 2 and "reporting_states" in as_ke.stderr
    full = _file(hub, reports["fr-full"], "FR", check=False)
    assert full.returncode == 2 and "public" in full.stderr
    stranger = _file(hub, reports["fr"], "DE", check=False)
    assert stranger.returncode == 2 and "--state" in stranger.stderr
    assert json.loads(hub.get("/reports/2024.json")[1])["reported"] == before
