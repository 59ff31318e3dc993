from __future__ import annotations

from pathlib import Path

import pytest

from torturefree.errors import InputError
from torturefree.risk.countries import load_countries
from torturefree.risk.datasets import amnesty, cirights, pts, treaties
from torturefree.risk.model import Fact

FIX = Path(__file__).parent / "fixtures" / "evidence"


def _one(facts: list[Fact], country: str, year: int, indicator: str) -> Fact:
    found = [f for f in facts if (f.country, f.year, f.indicator) == (country, year, indicator)]
    assert len(found) == 1, found
    return found[0]


def test_amnesty_duplicate_dom_is_placed_by_name() -> None:
    parsed = amnesty.parse(FIX / "amnesty_death_penalty" / "data.json", load_countries())
    assert _one(parsed.facts, "DO", 2022, "status").text == "abolitionist_all_crimes"
    assert _one(parsed.facts, "DM", 2022, "status").text == "retentionist"
    assert any("DOMINICA" in q and "DM" in q for q in parsed.quirks)


def test_amnesty_counts_and_codes() -> None:
    facts = amnesty.parse(FIX / "amnesty_death_penalty" / "data.json", load_countries()).facts
    china = _one(facts, "CN", 2022, "executions")
    assert (china.value, china.lower_bound, china.raw) == (1000, True, "1,000s")
    assert _one(facts, "US", 2022, "death_sentences").unknown
    assert _one(facts, "AF", 2022, "executions").lower_bound
    assert _one(facts, "UA", 2022, "status").text == "abolitionist_all_crimes"  # URK
    assert not [f for f in facts if f.country == "SS" and f.indicator == "status"]


def test_amnesty_not_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text('[\n {"year": "2022",\n oops}\n]', encoding="utf-8")
    with pytest.raises(InputError) as error:
        amnesty.parse(path, load_countries())
    assert error.value.line == 3


def test_treaties_read_na_as_namibia_and_tp_as_timor() -> None:
    facts = treaties.parse(FIX / "treaty_ratification", load_countries(), 2022).facts
    assert _one(facts, "NA", 2022, "party:CAT").value == 1994
    assert _one(facts, "TL", 2022, "party:CAT").text == "party"
    assert _one(facts, "TZ", 2022, "party:CAT").text == "no action"


def test_pts_latin1_legacy_codes_and_na_missing() -> None:
    parsed = pts.parse(FIX / "pts" / "PTS-2024.csv", load_countries())
    assert "Latin-1" in parsed.quirks[0]
    assert _one(parsed.facts, "TR", 2022, "pts_amnesty").value == 4
    assert _one(parsed.facts, "RO", 2022, "pts_amnesty").value == 2  # ROM, no UN code
    assert not [f for f in parsed.facts if f.country == "NA" and f.indicator == "pts_hrw"]
    assert _one(parsed.facts, "NA", 2022, "pts_amnesty").value == 2  # Namibia, not missing
    assert any("Yugoslavia" in s for s in parsed.skipped)


def test_cirights_bom_and_blank_iso_codes() -> None:
    facts = cirights.parse(FIX / "cirights" / "cirights_v1.22.11.25.csv", load_countries()).facts
    assert _one(facts, "GM", 2020, "cirights_torture").value == 1
    assert _one(facts, "RS", 2020, "cirights_torture").value == 1  # blank iso_a3, M49 688
    assert _one(facts, "XK", 2020, "cirights_torture").value == 2  # no M49: by name
    assert not [f for f in facts if f.country == "NA" and f.indicator == "cirights_torture"]


def test_cirights_wrong_encoding_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes(b"country,iso_a3,year,unctry,tort,physint_sum\nT\xfcrkiye,TUR,2020,792,0,2\n")
    with pytest.raises(InputError) as error:
        cirights.parse(path, load_countries())
    assert error.value.line == 2 and "not UTF-8" in error.value.reason


@pytest.mark.shared_data
def test_real_amnesty_file(shared_data: Path) -> None:
    parsed = amnesty.parse(
        shared_data / "evidence/amnesty_death_penalty/data.json", load_countries()
    )
    assert len([q for q in parsed.quirks if "DOMINICA" in q]) == 6  # 2017-2022
    assert not parsed.skipped
    statuses = [f for f in parsed.facts if f.year == 2022 and f.indicator == "status"]
    retentionist = [f for f in statuses if f.text == "retentionist"]
    # Every retentionist entry of 2022 is kept: 56 entries, though the file's own total says 55
    # (and 114 abolitionist entries against a total of 112): the totals are Amnesty's, not a sum.
    assert len(retentionist) == 56
    assert _one(parsed.facts, "SA", 2022, "executions").value == 196
    assert _one(parsed.facts, "IR", 2022, "executions").raw == "576+"


@pytest.mark.shared_data
def test_real_treaty_files(shared_data: Path) -> None:
    facts = treaties.parse(
        shared_data / "evidence/treaty_ratification", load_countries(), 2022
    ).facts
    cat = [f for f in facts if f.indicator == "party:CAT" and f.text == "party"]
    assert len(cat) == 171  # 171 UN members; Palestine and the Holy See are outside the file
    assert _one(facts, "NA", 2022, "party:ICCPR-OP2").text == "party"
    assert len([f for f in facts if f.indicator == "party:OPCAT" and f.text == "party"]) == 89


@pytest.mark.shared_data
def test_real_pts_and_cirights(shared_data: Path) -> None:
    table = load_countries()
    p = pts.parse(shared_data / "evidence/pts/PTS-2024.csv", table)
    assert _one(p.facts, "TL", 2010, "pts_amnesty").value is not None  # TMP
    assert _one(p.facts, "CD", 2010, "pts_amnesty").value is not None  # ZAR
    assert {s.split(" (")[0] for s in p.skipped} <= {
        "Yugoslavia, Federal Republic of",
        "Yugoslavia, Socialist Federal Republic of",
    }
    c = cirights.parse(shared_data / "evidence/cirights/cirights_v1.22.11.25.csv", table)
    assert not c.skipped
    assert _one(c.facts, "SS", 2020, "cirights_torture").value in (0, 1, 2)
