"""Each watchlist format reads its fixture into FtM entities keyed by the source's own id."""

from __future__ import annotations

from pathlib import Path

import pytest

from torturefree.errors import InputError
from torturefree.screening.formats import read_watchlist
from torturefree.screening.formats.dates import parse_date

from .conftest import FIXTURES


def by_id(entities: list[dict]) -> dict[str, dict]:
    return {e["id"]: e for e in entities}


def test_ofac_sdn_reads_names_aliases_countries_and_remarks() -> None:
    entities = by_id(read_watchlist("ofac-sdn", FIXTURES / "ofac_v1"))
    habbash = entities["1001"]
    assert habbash["schema"] == "Person"
    assert habbash["properties"]["alias"] == ["AL-HAKIM"]
    assert habbash["properties"]["birthDate"] == ["1926-08-02"]
    assert habbash["properties"]["nationality"] == ["jo"]
    assert habbash["properties"]["passportNumber"] == ["A1234567"]
    assert entities["36"]["properties"]["country"] == ["cu"]
    assert entities["1005"]["schema"] == "Vessel"


def test_ofac_bad_row_names_file_and_line() -> None:
    with pytest.raises(InputError) as caught:
        read_watchlist("ofac-sdn", FIXTURES / "ofac_bad")
    assert caught.value.line == 4
    assert caught.value.source is not None and caught.value.source.endswith("sdn.csv")


def test_un_xml_grades_aliases_and_keeps_original_script() -> None:
    entities = by_id(read_watchlist("un-xml", FIXTURES / "un_small.xml"))
    person = entities["TAi.128"]["properties"]
    assert "ABDUL QADEER BASIR ABDUL BASEER" in person["name"]
    assert "عبد القدیر بصیر عبد البصیر" in person["name"]
    assert person["alias"] == ["ABDUL QADIR BASIR"]
    assert person["weakAlias"] == ["HAJI BASIR"]
    assert person["birthDate"] == ["1964"]
    assert entities["KPe.001"]["schema"] == "Organization"
    assert entities["KPe.001"]["properties"]["country"] == ["kp"]


def test_un_malformed_xml_names_the_line() -> None:
    with pytest.raises(InputError) as caught:
        read_watchlist("un-xml", FIXTURES / "un_bad.xml")
    assert caught.value.line == 13
    assert "un_bad.xml" in caught.value.message


def test_bis_key_is_name_and_address() -> None:
    entities = by_id(read_watchlist("bis-dpl", FIXTURES / "bis_small.txt"))
    assert "JOHN DOE TRADING | 1 HARBOUR ROAD, HONG KONG, HK" in entities
    assert len(entities) == 2


def test_csl_splits_alt_names() -> None:
    entities = read_watchlist("csl-csv", FIXTURES / "csl_small.csv")
    holdings = next(e for e in entities if "200G PSA HOLDINGS LLC" in e["properties"]["name"])
    assert holdings["properties"]["alias"] == ["ALPHA HOLDINGS", "BETA GROUP"]
    assert holdings["id"].endswith(":20264")


def test_ftm_rejects_unknown_schema_with_line() -> None:
    assert len(read_watchlist("ftm", FIXTURES / "ftm_small.jsonl")) == 2
    with pytest.raises(InputError) as caught:
        read_watchlist("ftm", FIXTURES / "ftm_bad.jsonl")
    assert caught.value.line == 2 and caught.value.field == "schema"


def test_torture_list_csv_and_yaml_carry_listing_metadata() -> None:
    entities = by_id(read_watchlist("torture-csv", FIXTURES / "torture_list.csv"))
    listing = entities["tt-002-listing"]["properties"]
    assert listing["status"] == ["delisted"]
    assert listing["endDate"] == ["2025-01-15"]
    assert listing["reason"] == ["Broker of electric-shock belts"]
    assert entities["tt-003"]["properties"]["keywords"] == ["country-listing"]
    assert entities["tt-003"]["properties"]["country"] == ["aq"]
    yaml_entities = by_id(read_watchlist("torture-yaml", FIXTURES / "torture_list.yaml"))
    assert yaml_entities["tt-101-listing"]["properties"]["date"] == ["2025-02-01"]


def test_torture_list_bad_type_names_line_and_field() -> None:
    with pytest.raises(InputError) as caught:
        read_watchlist("torture-csv", FIXTURES / "torture_bad.csv")
    assert (caught.value.line, caught.value.field) == (3, "type")


def test_torture_list_refuses_a_country_ftm_does_not_know_naming_file_line_and_field() -> None:
    # FtM would silently drop 'fd', and a listed country nobody can carry flags nobody.
    with pytest.raises(InputError) as caught:
        read_watchlist("torture-csv", FIXTURES / "torture_bad_country.csv")
    error = caught.value
    assert (error.line, error.field) == (3, "country")
    assert error.reason == (
        "'fd' is not an ISO 3166-1 alpha-2 country code or country name FollowTheMoney knows"
    )
    assert str(error).startswith(f"{FIXTURES / 'torture_bad_country.csv'}, line 3, field 'country'")


def test_torture_yaml_refuses_an_unknown_country_naming_the_entry() -> None:
    with pytest.raises(InputError) as caught:
        read_watchlist("torture-yaml", FIXTURES / "torture_bad_country.yaml")
    assert caught.value.field == "country" and caught.value.source is not None
    assert caught.value.reason.startswith("entry 2: 'fd' is not an ISO 3166-1 alpha-2")


TORTURE_HEADER = "id,type,name,country,listing_reason,source,listed_on,status\n"


def torture_csv(tmp_path: Path, rows: str) -> list[dict]:
    source = tmp_path / "torture.csv"
    source.write_text(TORTURE_HEADER + rows, encoding="utf-8")
    return read_watchlist("torture-csv", source)


def test_torture_list_cleans_country_names_to_codes(tmp_path: Path) -> None:
    entities = by_id(
        torture_csv(
            tmp_path,
            "c-1,company,Harbour Police Supplies,France;DE,Reason,Src,2024-01-01,listed\n"
            "c-2,country,Norway,Norway,Reason,Src,2024-01-01,listed\n"
            "c-3,person,Nobody Known,,Reason,Src,2024-01-01,listed\n",
        )
    )
    assert entities["c-1"]["properties"]["country"] == ["fr", "de"]
    assert entities["c-2"]["properties"]["country"] == ["no"]
    assert "country" not in entities["c-3"]["properties"]  # a party's country is optional


@pytest.mark.parametrize(
    ("country", "reason"),
    [
        ("", "a country row needs exactly one country (got none)"),
        ("fr;Germany", "a country row needs exactly one country (got fr, de)"),
        ("Crimea", "FollowTheMoney reads it as 'ua-cri', not an ISO 3166-1 alpha-2 code"),
    ],
)
def test_a_country_row_needs_exactly_one_alpha_2_country(
    tmp_path: Path, country: str, reason: str
) -> None:
    rows = (
        "ok-1,company,Fine Ltd,fr,Reason,Src,2024-01-01,listed\n"
        f"c-1,country,X,{country},Reason,Src,2024-01-01,listed\n"
    )
    with pytest.raises(InputError) as caught:
        torture_csv(tmp_path, rows)
    assert (caught.value.line, caught.value.field) == (3, "country")
    assert caught.value.reason.startswith(reason)


def test_torture_yaml_refuses_an_unquoted_no_for_norway(tmp_path: Path) -> None:
    # YAML 1.1 reads `no` as false; taking it as "no country" would unlist Norway in silence.
    source = tmp_path / "torture.yaml"
    source.write_text(
        "- {id: c-1, type: country, name: Norway, country: no, listing_reason: R, source: S,"
        " listed_on: 2024-01-01, status: listed}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        read_watchlist("torture-yaml", source)
    assert caught.value.field == "country" and "quote the code" in caught.value.reason


def test_unknown_format_is_bad_input() -> None:
    with pytest.raises(InputError):
        read_watchlist("pdf", FIXTURES / "un_small.xml")


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("02 Aug 1926", "1926-08-02"),
        ("circa 1965", "1965"),
        ("06/19/2003", "2003-06-19"),
        ("soon", None),
    ],
)
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso
