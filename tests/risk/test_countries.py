from __future__ import annotations

from pathlib import Path

import pytest

from torturefree.errors import InputError
from torturefree.risk.countries import derive_from_hdx, load_countries, write_table

REPO_DATA = Path(__file__).resolve().parents[2] / "data"


def test_codes_aliases_and_namibia_resolve() -> None:
    table = load_countries()
    assert table.get("NA") is not None and table.get("NA").name == "Namibia"  # type: ignore[union-attr]
    assert table.get("TP").alpha2 == "TL"  # type: ignore[union-attr]
    assert table.get("ROM").alpha2 == "RO"  # type: ignore[union-attr]
    assert table.get("URK").alpha2 == "UA"  # type: ignore[union-attr]
    assert table.by_m49(516).alpha2 == "NA"  # type: ignore[union-attr]
    assert table.get("XK").region_name == "Europe"  # type: ignore[union-attr]


def test_unknown_code_is_bad_input_naming_the_field() -> None:
    with pytest.raises(InputError) as error:
        load_countries().require("ZZ", field="country", line=3)
    assert "line 3" in error.value.message and "country" in error.value.message


def test_shipped_table_is_what_the_derivation_gives(shared_data: Path, tmp_path: Path) -> None:
    derived = derive_from_hdx(shared_data / "countries" / "hdx_countries_territories_taxonomy.csv")
    write_table(derived, tmp_path / "countries.csv")
    shipped = (REPO_DATA / "countries" / "countries.csv").read_text(encoding="utf-8")
    assert (tmp_path / "countries.csv").read_text(encoding="utf-8") == shipped


def test_a_file_that_is_not_the_taxonomy_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match="not an HDX taxonomy file"):
        derive_from_hdx(path)
