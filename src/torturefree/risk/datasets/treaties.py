"""UN treaty ratification status (one CSV per instrument, UN member states only, c. 2022)."""

from __future__ import annotations

from pathlib import Path

from torturefree.errors import InputError
from torturefree.risk.countries import CountryTable
from torturefree.risk.datasets import Parsed
from torturefree.risk.datasets.tabular import rows
from torturefree.risk.model import Fact
from torturefree.risk.textio import decode_utf8, read_bytes

DATASET = "un-treaty-ratification"
# File name stem -> the instrument's short name in findings (contracts.md: CAT, OPCAT, ICCPR-OP2).
INSTRUMENTS = {
    "hr_status_cat": "CAT",
    "hr_status_opcat": "OPCAT",
    "hr_status_iccpr": "ICCPR",
    "hr_status_iccpr_op2": "ICCPR-OP2",
    "hr_status_cped": "CPED",
}
REQUIRED = {"iso2", "member", "state party", "year ratification or accession", "status"}


def parse(path: Path, countries: CountryTable, vintage: int) -> Parsed:
    """Read a folder of hr_status_*.csv files, or one such file."""
    files = sorted(path.glob("hr_status_*.csv")) if path.is_dir() else [path]
    known = [f for f in files if f.stem in INSTRUMENTS]
    if not known:
        raise InputError(
            f"no ratification file found (expected one of {sorted(INSTRUMENTS)}.csv)",
            source=str(path),
        )
    parsed = Parsed()
    for file in known:
        _parse_file(file, INSTRUMENTS[file.stem], countries, vintage, parsed)
    return parsed


def _parse_file(
    file: Path, instrument: str, countries: CountryTable, vintage: int, parsed: Parsed
) -> None:
    source = str(file)
    for line, row in rows(decode_utf8(read_bytes(file), source), REQUIRED, source):
        # The code column is read as text: "NA" is Namibia here, and "TP" (East Timor) is an alias.
        country = countries.get(row["iso2"])
        if country is None:
            parsed.skipped.add(row["iso2"])
            continue
        if row["state party"] not in ("0", "1"):
            raise InputError("expected 0 or 1", field="state party", line=line, source=source)
        parsed.facts.append(_fact(row, instrument, country.alpha2, vintage, line, source))


def _fact(
    row: dict[str, str], instrument: str, country: str, vintage: int, line: int, source: str
) -> Fact:
    year_text = row["year ratification or accession"]
    if year_text and not year_text.isdigit():
        raise InputError(
            "not a year", field="year ratification or accession", line=line, source=source
        )
    # The 'no action' column contradicts 'status' for some rows (Tanzania); 'state party' decides.
    is_party = row["state party"] == "1"
    return Fact(
        dataset=DATASET,
        country=country,
        year=vintage,
        indicator=f"party:{instrument}",
        value=int(year_text) if is_party and year_text else None,
        text="party" if is_party else row["status"] or "not party",
        raw=row["status"],
        note=row.get("note") or None,
    )
