"""name_v1, name_v2 and name_v3 results are pinned: speed-ups must not move a score or an explanation.

Algorithms are versioned and never change in place (style §7). The golden files were written from
the matchers as released, before any speed work; a failure here means a behaviour change, which
belongs in a new algorithm version, not in name_v1, name_v2 or name_v3.

Regenerate only for a deliberate, reviewed change of the pinned query set (never to make a
failing comparison pass):

    .venv/bin/python tests/screening/test_pinned.py --write [--shared PATH]
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from torturefree.screening.algorithm import get_config
from torturefree.screening.formats import read_watchlist
from torturefree.screening.index import NameIndex, build_index
from torturefree.screening.query import Query, parse_query
from torturefree.screening.screen import Match, Screener
from torturefree.screening.service import active_targets

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
GOLDEN_FIXTURE = FIXTURES / "pinned_fixture.json"
GOLDEN_REAL = FIXTURES / "pinned_real.json.gz"
ALGORITHMS = ("name_v1", "name_v2", "name_v3")
# Of score_all's unthresholded list: the best few explained, and the scores of more (file size).
EXPLAINED = 3
SCORED = 25

FIXTURE_QUERIES: list[dict[str, Any]] = [
    {"name": "ABDULHAI SALEK", "schema": "Person"},
    {"name": "Abdul Hai Salik", "birth_date": "1965", "country": "af"},
    {"name": "Abdulhai Salek", "birth_date": "1990-01-01"},
    {"name": "CORP"},
    {"name": "George Bush", "schema": "Person"},
    {"name": "George Habash", "schema": "Person", "identifiers": ["A1234567"]},
    {"name": "Acme Medical Products Ltd"},
    {"name": "Acme Security Products Limited", "schema": "Company"},
    {"name": "Global Comm Grp"},
    {"name": "Ivan Petrov", "country": "ru"},
    {"name": "عبد القدير بصير"},
    {"name": "Korea Mining Development Trading Corp", "schema": "Organization"},
    {"name": "KOMID"},
    {"name": "Aero Caribbean"},
    {"name": "Banco Nacional de Cuba"},
    {"name": "Sea Star", "schema": "Vessel"},
    {"name": "Sea Star", "schema": "Person"},
    {"name": "Shock Baton Export Co"},
    {"name": "Viktor Kasparov", "schema": "Person"},
    {"name": "Antarctica"},
    {"name": "Haji Basir"},
    {"name": "Mohamed Mohamed"},
]
# Names beyond the dev set: organisations, common words, spacing and scripts.
REAL_EXTRA: list[dict[str, Any]] = [
    {"name": "Almaz Antey Telecom"},
    {"name": "IRISL"},
    {"name": "CORP"},
    {"name": "TRADING"},
    {"name": "INTERNATIONAL"},
    {"name": "Global Trading LLC", "schema": "Company"},
    {"name": "Islamic Republic of Iran Shipping Lines", "schema": "Organization"},
    {"name": "Banco Nacional de Cuba"},
    {"name": "George Bush", "schema": "Person"},
    {"name": "ABDUL HAI SALEK", "schema": "Person"},
    {"name": "Мохаммед Али"},
    {"name": "Al-Qaida in the Islamic Maghreb"},
    {"name": "Sea Star", "schema": "Vessel"},
    {"name": "Rosoboronexport", "country": "ru"},
    # name_v3: Arabic script, acronyms, Cyrillic with patronymic.
    {"name": "عبد المالك دروكدال", "schema": "Person"},
    {"name": "صدام حسين التكريتي", "schema": "Person"},
    {"name": "IUVM"},
    {"name": "ELN", "schema": "Organization"},
    {"name": "Юрий Валентинович Ковальчук", "schema": "Person"},
]


def fixture_indexes() -> list[NameIndex]:
    lists = (
        ("ofac-sdn", "sdn", FIXTURES / "ofac_v1"),
        ("un-xml", "un", FIXTURES / "un_small.xml"),
        ("torture-csv", "torture", FIXTURES / "torture_list.csv"),
    )
    return [build_index(active_targets(n, read_watchlist(f, p))) for f, n, p in lists]


def real_indexes(shared: Path) -> list[NameIndex]:
    lists = shared / "watchlists"
    return [
        build_index(active_targets("sdn", read_watchlist("ofac-sdn", lists / "ofac_sdn_2021"))),
        build_index(
            active_targets("un", read_watchlist("un-xml", lists / "un_consolidated_2026-02-27.xml"))
        ),
    ]


def real_queries(shared: Path) -> list[dict[str, Any]]:
    """Every 12th row of each dev file (persons, as the benchmark screens them) plus extras."""
    out: list[dict[str, Any]] = []
    dev = shared / "screening-dev"
    for file in (
        "cgb_positives_un_untreated.csv",
        "cgb_positives_un_treated.csv",
        "validation_negatives_global_1k.csv",
    ):
        for row in list(csv.DictReader((dev / file).open(encoding="utf-8")))[::12]:
            query: dict[str, Any] = {"name": row["full_name"], "schema": "Person"}
            if row["date_of_birth"]:
                query["birth_date"] = row["date_of_birth"]
            if len(row["nationality"]) == 2:
                query["country"] = row["nationality"]
            out.append(query)
    return out + REAL_EXTRA


def _match(match: Match) -> dict[str, Any]:
    return {
        "watchlist": match.watchlist,
        "entity_id": match.entity_id,
        "matched_name": match.matched_name,
        "score": match.score,
        "explanation": match.explanation,
    }


def results(indexes: list[NameIndex], queries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per query and algorithm: the best candidates' scores (unthresholded, the best few
    explained) and what `screen` shows at the default threshold, explained."""
    out = []
    for algorithm in ALGORITHMS:
        screener = Screener(indexes, get_config(algorithm))
        for raw in queries:
            query: Query = parse_query(raw)
            everything = screener.score_all(query)
            out.append(
                {
                    "algorithm": algorithm,
                    "query": raw,
                    "top": [_match(m) for m in everything[:EXPLAINED]],
                    "scores": [[m.entity_id, round(m.score, 12)] for m in everything[:SCORED]],
                    "count": len(everything),
                    "shown": [_match(m) for m in screener.screen(query, None, 10)],
                }
            )
    return out


def assert_same(got: list[dict[str, Any]], pinned: list[dict[str, Any]]) -> None:
    got = json.loads(json.dumps(got))  # tuples become lists, as in the golden file
    assert len(got) == len(pinned)
    for now, then in zip(got, pinned, strict=True):
        label = (now["algorithm"], now["query"]["name"])
        assert now["query"] == then["query"], label
        assert now["count"] == then["count"], label
        for (a_id, a), (b_id, b) in zip(now["scores"], then["scores"], strict=True):
            assert a_id == b_id and a == pytest.approx(b, abs=1e-9), (label, a_id, a, b_id, b)
        for part in ("top", "shown"):
            assert len(now[part]) == len(then[part]), (label, part)
            for a, b in zip(now[part], then[part], strict=True):
                assert a["score"] == pytest.approx(b["score"], abs=1e-9), (label, part, a, b)
                assert {**a, "score": 0} == {**b, "score": 0}, (label, part)


def test_fixture_results_are_pinned() -> None:
    pinned = json.loads(GOLDEN_FIXTURE.read_text(encoding="utf-8"))
    assert_same(results(fixture_indexes(), FIXTURE_QUERIES), pinned)


@pytest.mark.shared_data
def test_real_list_results_are_pinned(screening_shared_data: Path) -> None:
    with gzip.open(GOLDEN_REAL, "rt", encoding="utf-8") as handle:
        pinned = json.load(handle)
    got = results(real_indexes(screening_shared_data), real_queries(screening_shared_data))
    assert_same(got, pinned)


def _write(shared: Path) -> None:
    fixture = results(fixture_indexes(), FIXTURE_QUERIES)
    GOLDEN_FIXTURE.write_text(json.dumps(fixture, ensure_ascii=False) + "\n", "utf-8")
    real = results(real_indexes(shared), real_queries(shared))
    with gzip.open(GOLDEN_REAL, "wt", encoding="utf-8") as handle:
        json.dump(real, handle, ensure_ascii=False, sort_keys=True)


if __name__ == "__main__" and "--write" in sys.argv:
    default = Path(__file__).resolve().parents[3] / "shared" / "data"
    args = sys.argv[sys.argv.index("--shared") + 1 :] if "--shared" in sys.argv else []
    _write(Path(args[0]) if args else Path(os.environ.get("TORTUREFREE_SHARED_DATA", default)))
