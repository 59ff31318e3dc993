"""The hub's trade pages on a real hub process: empty until trade is imported, then the country
and flow pages with their charts and text alternatives, the flags with their records, the
downloads, an analyst's dismissal shown, and bad queries answered 400 naming the field."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from .hubkit import Hub, port_for, run

FIXTURES = Path(__file__).parents[1] / "trade" / "fixtures"
FILES = (("comtrade-bulk.csv", "comtrade"), ("comtrade-api.json", "comtrade"))


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    hub = Hub(tmp_path_factory.mktemp("trade") / "HUB", port_for(3))
    hub.join("HUB", "--name", "Monitoring body")
    hub.start()
    yield hub
    hub.stop()


@pytest.fixture(scope="module")
def loaded(hub: Hub) -> Hub:
    for name, layout in FILES:
        run(hub.home, "trade", "import", str(FIXTURES / name), "--layout", layout)
    return hub


def text(hub: Hub, path: str, language: str = "en") -> str:
    status, raw = hub.get(path, language)
    assert status == 200, (path, status, raw[:300])
    return raw.decode()


def test_before_any_import_the_page_says_how_to_import(hub: Hub) -> None:
    page = text(hub, "/trade/")
    assert "No trade data has been imported" in page and "torturefree trade import" in page


def test_the_overview_lists_flags_by_kind_countries_and_batches(loaded: Hub) -> None:
    page = text(loaded, "/trade/")
    assert 'href="/trade/countries/ZA"' in page
    assert "comtrade-bulk.csv" in page and "comtrade-api.json" in page
    assert "<code>prohibited_goods</code>: 0" not in page  # the fixtures hold prohibited codes


def test_a_country_page_has_a_chart_with_its_text_and_its_flags(loaded: Hub) -> None:
    page = text(loaded, "/trade/countries/ZA")
    assert "<svg" in page and 'role="img"' in page
    # The text alternative: partners largest first, in words.
    assert page.index("DE 1,800,000 USD") < page.index("US 500,000 USD")
    assert "prohibited_goods" in page and "death_penalty_destination" in page


def test_the_country_tables_download_as_csv_and_xlsx(loaded: Hub, tmp_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(text(loaded, "/trade/countries/ZA?format=csv"))))
    assert {r["table"] for r in rows} == {"mirror", "flags"}
    assert {r["importer"] for r in rows if r["table"] == "mirror"} >= {"DE", "US", "KE", "AE"}
    status, raw = loaded.get("/trade/countries/ZA?format=xlsx")
    assert status == 200
    (tmp_path / "za.xlsx").write_bytes(raw)
    assert load_workbook(tmp_path / "za.xlsx").sheetnames == ["about", "mirror", "flags"]


def test_a_flow_page_shows_both_sides_year_by_year(loaded: Hub) -> None:
    page = text(loaded, "/trade/flow?exporter=ZA&importer=DE&code=930400")
    assert "2022: exporter 800,000 USD, importer 1,698,113 USD" in page
    answer = json.loads(text(loaded, "/trade/flow?exporter=ZA&importer=DE&code=930400&format=json"))
    assert [r["year"] for r in answer["tables"]["mirror"]] == [2018, 2019, 2020, 2021, 2022]
    assert answer["algorithms"] == ["mirror_v1", "trade_flags_v1"] and answer["batches"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("exporter=Z1&importer=DE&code=930400", "exporter"),
        ("exporter=ZA&importer=DE&code=93x", "code"),
        ("exporter=ZA&importer=DE&code=930400&format=pdf", "format"),
    ],
)
def test_a_bad_query_is_answered_400_naming_the_field(loaded: Hub, query: str, field: str) -> None:
    status, raw = loaded.get(f"/trade/flow?{query}")
    assert status == 400 and f"<code>{field}</code>" in raw.decode()


def test_a_flag_shows_its_records_and_an_analysts_dismissal(loaded: Hub) -> None:
    flags = json.loads(text(loaded, "/trade/flags?kind=death_penalty_destination&format=json"))
    (flag,) = flags["tables"]["flags"]
    page = text(loaded, f"/trade/flags/{flag['id']}")
    assert flag["why"].split(" (")[0] in page and "comtrade" in page
    assert "Dismissed by" not in page
    run(
        loaded.home,
        "trade",
        "dismiss",
        flag["id"],
        "--reason",
        "A hospital order",
        "--analyst",
        "Ana",
    )
    page = text(loaded, f"/trade/flags/{flag['id']}")
    assert "Dismissed by Ana" in page and "A hospital order" in page
    assert loaded.get("/trade/flags/0000000000000000")[0] == 404


def test_the_pages_speak_french(loaded: Hub) -> None:
    assert "Surveillance du commerce" in text(loaded, "/trade/", "fr")
