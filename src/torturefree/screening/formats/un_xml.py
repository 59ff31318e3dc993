"""UN Security Council consolidated list XML: individuals and entities, graded aliases."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from torturefree.errors import InputError
from torturefree.screening.formats.entity import add, finish, make

NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")


def read(path: Path) -> list[dict[str, Any]]:
    """Read the consolidated XML; a malformed file is reported with its line."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        line = error.position[0]
        raise InputError(
            f"malformed XML ({error.msg if hasattr(error, 'msg') else error})",
            line=line,
            source=str(path),
        ) from error
    if root.tag != "CONSOLIDATED_LIST":
        raise InputError(
            f"root element is <{root.tag}>, not <CONSOLIDATED_LIST>", line=1, source=str(path)
        )
    out = [_individual(e, path) for e in root.iter("INDIVIDUAL")]
    out += [_entity(e, path) for e in root.iter("ENTITY")]
    return out


def _text(node: ET.Element, tag: str) -> str | None:
    child = node.find(tag)
    if child is None or child.text is None:
        return None
    return " ".join(child.text.split()) or None


def _common(proxy: Any, node: ET.Element, path: Path) -> None:
    ref = _text(node, "REFERENCE_NUMBER")
    if ref is None:
        raise InputError(
            "record without REFERENCE_NUMBER", field="REFERENCE_NUMBER", source=str(path)
        )
    add(proxy, "program", _text(node, "UN_LIST_TYPE"))
    add(proxy, "createdAt", _text(node, "LISTED_ON"))
    add(proxy, "notes", _text(node, "COMMENTS1"))
    add(proxy, "topics", "sanction")
    add(proxy, "name", _text(node, "NAME_ORIGINAL_SCRIPT"))


def _aliases(proxy: Any, node: ET.Element, tag: str) -> None:
    # The UN grades aliases: "Low" quality ones are weak aliases (FtM weakAlias).
    for alias in node.iter(tag):
        name = _text(alias, "ALIAS_NAME")
        quality = (_text(alias, "QUALITY") or "").lower()
        add(proxy, "weakAlias" if quality in ("low", "a.k.a. low") else "alias", name)


def _individual(node: ET.Element, path: Path) -> dict[str, Any]:
    proxy = make("Person", _text(node, "REFERENCE_NUMBER") or "")
    parts = [p for p in (_text(node, t) for t in NAME_PARTS) if p]
    add(proxy, "name", " ".join(parts))
    _common(proxy, node, path)
    _aliases(proxy, node, "INDIVIDUAL_ALIAS")
    for value in node.iterfind("NATIONALITY/VALUE"):
        add(proxy, "nationality", value.text)
    for value in node.iterfind("TITLE/VALUE"):
        add(proxy, "title", value.text)
    add(proxy, "gender", (_text(node, "GENDER") or "").lower() or None)
    for dob in node.iter("INDIVIDUAL_DATE_OF_BIRTH"):
        for tag in ("DATE", "YEAR", "FROM_YEAR", "TO_YEAR"):
            add(proxy, "birthDate", _text(dob, tag))
    for pob in node.iter("INDIVIDUAL_PLACE_OF_BIRTH"):
        add(proxy, "birthCountry", _text(pob, "COUNTRY"))
    for doc in node.iter("INDIVIDUAL_DOCUMENT"):
        kind = (_text(doc, "TYPE_OF_DOCUMENT") or "").lower()
        add(proxy, "passportNumber" if "passport" in kind else "idNumber", _text(doc, "NUMBER"))
    for address in node.iter("INDIVIDUAL_ADDRESS"):
        add(proxy, "country", _text(address, "COUNTRY"))
    return finish(proxy)


def _entity(node: ET.Element, path: Path) -> dict[str, Any]:
    proxy = make("Organization", _text(node, "REFERENCE_NUMBER") or "")
    add(proxy, "name", _text(node, "FIRST_NAME"))
    _common(proxy, node, path)
    _aliases(proxy, node, "ENTITY_ALIAS")
    for address in node.iter("ENTITY_ADDRESS"):
        add(proxy, "country", _text(address, "COUNTRY"))
    return finish(proxy)
