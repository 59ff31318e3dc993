"""OFAC SDN legacy CSV (sdn.csv, alt.csv, add.csv; no header; '-0-' marks an empty field)."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

from followthemoney.proxy import EntityProxy

from torturefree.errors import InputError
from torturefree.screening.formats.dates import parse_date
from torturefree.screening.formats.entity import add, finish, make

SCHEMATA = {"individual": "Person", "vessel": "Vessel", "aircraft": "Airplane", "": "LegalEntity"}
SDN_COLUMNS = 12
_DOB = re.compile(r"DOB ((?:circa )?[0-9A-Za-z ]+?)(?: to [0-9A-Za-z ]+)?;", re.I)
_NATIONALITY = re.compile(r"(?:nationality|citizen) ([A-Za-z ,'.()-]+?)(?:;|\.$|$)", re.I)
_PASSPORT = re.compile(r"Passport ([A-Z0-9-]{4,})", re.I)


def _rows(path: Path, width: int) -> list[tuple[int, list[str]]]:
    """Rows with their line numbers; a row of the wrong width is bad input."""
    rows: list[tuple[int, list[str]]] = []
    try:
        with path.open(encoding="utf-8", errors="strict", newline="") as handle:
            reader = csv.reader(handle)
            for row in reader:
                if not row or row == ["\x1a"]:
                    continue
                if len(row) != width:
                    raise InputError(
                        f"expected {width} columns, found {len(row)}",
                        line=reader.line_num,
                        source=str(path),
                    )
                rows.append((reader.line_num, [c.strip() for c in row]))
    except UnicodeDecodeError as error:
        raise InputError(f"not UTF-8 ({error.reason})", source=str(path)) from error
    except csv.Error as error:
        raise InputError(f"malformed CSV ({error})", source=str(path)) from error
    return rows


def read(folder: Path) -> list[dict[str, Any]]:
    """Read the three files of one SDN release from a folder."""
    if not folder.is_dir():
        raise InputError(
            "ofac-sdn reads a folder holding sdn.csv, alt.csv and add.csv",
            field="PATH",
            source=str(folder),
        )
    sdn = folder / "sdn.csv"
    if not sdn.exists():
        raise InputError("sdn.csv is missing", field="PATH", source=str(folder))
    entities: dict[str, EntityProxy] = {}
    for line, row in _rows(sdn, SDN_COLUMNS):
        entities[row[0]] = _primary(row, line, sdn)
    _attach(folder / "alt.csv", 5, entities, _alias)
    _attach(folder / "add.csv", 6, entities, _address)
    return [finish(p) for p in entities.values()]


def _primary(row: list[str], line: int, path: Path) -> EntityProxy:
    ent_num, name, kind = row[0], row[1], row[2].replace("-0-", "").strip().lower()
    if not ent_num.isdigit():
        raise InputError(
            f"ent_num {ent_num!r} is not a number", field="ent_num", line=line, source=str(path)
        )
    if kind not in SCHEMATA:
        raise InputError(
            f"unknown SDN_Type {kind!r}", field="SDN_Type", line=line, source=str(path)
        )
    proxy = make(SCHEMATA[kind], ent_num)
    add(proxy, "name", name)
    add(proxy, "program", row[3])
    add(proxy, "topics", "sanction")
    remarks = row[11]
    add(proxy, "notes", remarks)
    if proxy.schema.is_a("Person"):
        add(proxy, "title", row[4])
        for match in _DOB.finditer(remarks + ";"):
            add(proxy, "birthDate", parse_date(match.group(1)))
        for match in _NATIONALITY.finditer(remarks):
            add(proxy, "nationality", match.group(1))
    if proxy.schema.is_a("LegalEntity"):
        for match in _PASSPORT.finditer(remarks):
            add(
                proxy,
                "passportNumber" if proxy.schema.is_a("Person") else "idNumber",
                match.group(1),
            )
    if proxy.schema.is_a("Vessel"):
        add(proxy, "callSign", row[5])
        add(proxy, "flag", row[9])
    return proxy


def _attach(path: Path, width: int, entities: dict[str, EntityProxy], handler: Any) -> None:
    if not path.exists():
        return
    for line, row in _rows(path, width):
        proxy = entities.get(row[0])
        if proxy is None:
            raise InputError(
                f"refers to ent_num {row[0]} missing from sdn.csv",
                field="ent_num",
                line=line,
                source=str(path),
            )
        handler(proxy, row)


def _alias(proxy: EntityProxy, row: list[str]) -> None:
    # OFAC calls "weak" the a.k.a.s it considers too broad to screen on alone.
    kind, name, remarks = row[2].lower(), row[3], row[4].lower()
    prop = "previousName" if kind == "fka" else "alias"
    if "weak" in remarks:
        prop = "weakAlias"
    add(proxy, prop, name)


def _address(proxy: EntityProxy, row: list[str]) -> None:
    add(proxy, "country", row[4])
