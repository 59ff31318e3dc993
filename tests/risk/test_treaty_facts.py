"""Treaty status ships as derived, dated, cited facts; an imported extract wins over it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from torturefree.cli import risk_cmd
from torturefree.risk.countries import load_countries
from torturefree.risk.datasets import treaties
from torturefree.risk.facts import read_facts_csv

REPO_DATA = Path(__file__).resolve().parents[2] / "data"
SHIPPED = REPO_DATA / "evidence/derived/un-treaty-ratification.csv"
HEADER = "iso2,member,state party,year ratification or accession,signatory,no action,status,note\n"


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> typer.Typer:
    """A fresh install: the repository's data, an empty home (nothing imported)."""
    monkeypatch.setenv("TORTUREFREE_HOME", str(tmp_path / "home"))
    application = typer.Typer()
    risk_cmd.register(application)
    return application


def _country(app: typer.Typer, code: str, date: str | None = None) -> dict[str, Any]:
    args = ["risk", "country", code, *(["--date", date] if date else [])]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    body: dict[str, Any] = json.loads(result.stdout)
    return body


def test_a_fresh_install_knows_kenyas_treaties_with_source_and_date(app: typer.Typer) -> None:
    body = _country(app, "KE", "2024-01-01")
    assert body["ratifications"] == {"CAT": True, "OPCAT": False, "ICCPR-OP2": False, "CPED": False}
    sources = [s for s in body["sources"] if str(s["figure"]).startswith("party:")]
    assert {s["figure"] for s in sources} == {
        "party:CAT",
        "party:OPCAT",
        "party:ICCPR-OP2",
        "party:CPED",
    }
    cat = next(s for s in sources if s["figure"] == "party:CAT")
    assert cat["origin"] == "shipped" and cat["year"] == 2022
    assert "UN Treaty Collection" in cat["citation"] and "2022" in cat["citation"]


def test_the_year_of_ratification_is_shipped_so_earlier_dates_can_be_answered() -> None:
    # Kenya acceded to CAT in 1997 (UN Treaty Collection); the profile compares it with the date.
    facts = [f for f in read_facts_csv(SHIPPED) if f.country == "KE" and f.indicator == "party:CAT"]
    assert [(f.value, f.text, f.year) for f in facts] == [(1997.0, "party", 2022)]


def test_an_imported_newer_extract_wins(app: typer.Typer, tmp_path: Path) -> None:
    folder = tmp_path / "evidence/treaty_ratification"
    folder.mkdir(parents=True)
    (folder / "hr_status_opcat.csv").write_text(
        HEADER + "KE,Kenya,1,2025,0,0,state party,\n", encoding="utf-8"
    )
    imported = CliRunner().invoke(
        app, ["evidence", "import-country-facts", str(tmp_path / "evidence")]
    )
    assert imported.exit_code == 0, imported.output
    body = _country(app, "KE", "2026-01-01")
    assert body["ratifications"]["OPCAT"] is True
    opcat = next(s for s in body["sources"] if s["figure"] == "party:OPCAT")
    assert opcat["origin"] == "imported"


def test_every_un_member_has_cat_opcat_iccpr_op2_and_cped() -> None:
    facts = read_facts_csv(SHIPPED)
    by_treaty: dict[str, set[str]] = {}
    for fact in facts:
        by_treaty.setdefault(fact.indicator, set()).add(fact.country)
    for treaty in ("party:CAT", "party:OPCAT", "party:ICCPR-OP2", "party:CPED"):
        assert len(by_treaty[treaty]) >= 190, treaty


def test_the_shipped_facts_are_what_the_extract_derives_to(shared_data: Path) -> None:
    source = shared_data / "evidence/treaty_ratification"
    parsed = treaties.parse(source, load_countries(), vintage=2022)
    key = lambda f: (f.country, f.indicator)  # noqa: E731
    assert sorted(parsed.facts, key=key) == sorted(read_facts_csv(SHIPPED), key=key)
