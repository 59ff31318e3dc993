"""Each message type has a draft 2020-12 schema that lets through its fields and nothing else."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from tests.exchange.conftest import FIXTURES, body

from torturefree.errors import InputError
from torturefree.exchange import MESSAGE_TYPES, Refusal, outgoing_fields_check, undeclared_fields
from torturefree.exchange.schemas import schema, validate_body
from torturefree.vocabulary import Category

CONTRACT_TYPES = {
    "pre_export_notice",
    "pre_export_reply",
    "denial_notice",
    "denial_withdrawal",
    "consultation_request",
    "consultation_reply",
    "grant_notice",
    "information_request",
    "information_reply",
    "receipt",
    "register_update",
    "watchlist_update",
    "amendment_request",
    "amendment_answer",
    "amendment_notice",
}


def test_every_type_of_the_contract_has_a_schema_and_an_example() -> None:
    assert set(MESSAGE_TYPES) == CONTRACT_TYPES
    assert {p.stem for p in (FIXTURES / "bodies").glob("*.json")} == CONTRACT_TYPES


@pytest.mark.parametrize("message_type", MESSAGE_TYPES)
def test_each_schema_is_valid_draft_2020_12(message_type: str) -> None:
    document = schema(message_type)
    Draft202012Validator.check_schema(document)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("message_type", MESSAGE_TYPES)
def test_the_example_of_each_type_fits(message_type: str) -> None:
    validate_body(message_type, body(message_type))
    assert undeclared_fields(message_type, body(message_type)) == []


def _objects(node: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        if node.get("type") == "object":
            found.append((path, node))
        for key, value in node.items():
            found += _objects(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _objects(value, f"{path}/{index}")
    return found


@pytest.mark.parametrize("message_type", (*MESSAGE_TYPES, "common"))
def test_every_closed_object_forbids_other_fields(message_type: str) -> None:
    for path, node in _objects(schema(message_type)):
        if "propertyNames" in node or "properties" not in node:  # a map, or a constraint only
            continue
        assert node.get("additionalProperties") is False, f"{message_type}{path}"


@pytest.mark.parametrize(
    ("message_type", "where", "extra"),
    [
        ("pre_export_notice", ("exporter",), "screening_hits"),
        ("pre_export_notice", (), "internal_notes"),
        ("pre_export_notice", ("contact",), "officer_name"),
        ("denial_notice", ("goods", 0), "value"),
        ("pre_export_reply", ("reasons", 0), "draft"),
        ("register_update", ("trader",), "date_of_birth"),
    ],
)
def test_a_field_the_type_does_not_declare_cannot_leave(
    message_type: str, where: tuple[Any, ...], extra: str
) -> None:
    value = copy.deepcopy(body(message_type))
    target: Any = value
    for step in where:
        target = target[step]
    target[extra] = 1
    path = "body" + "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in where)
    assert undeclared_fields(message_type, value) == [f"{path}.{extra}"]
    with pytest.raises(InputError, match=extra):
        outgoing_fields_check(message_type, value)


def test_an_objection_needs_its_reasons() -> None:
    reply = {**body("pre_export_reply"), "reasons": []}
    with pytest.raises(Refusal) as caught:
        validate_body("pre_export_reply", reply)
    assert caught.value.field == "body.reasons"
    validate_body("pre_export_reply", {**reply, "decision": "no_objection"})


def test_a_refused_receipt_carries_its_error_and_an_accepted_one_none() -> None:
    accepted = body("receipt")
    with pytest.raises(Refusal):
        validate_body("receipt", {**accepted, "status": "refused"})
    error = {"code": "bad_signature", "message": "does not verify", "field": "signature"}
    validate_body("receipt", {**accepted, "status": "refused", "error": error})


def test_a_withdrawal_from_the_register_says_why() -> None:
    with pytest.raises(Refusal) as caught:
        validate_body("register_update", {**body("register_update"), "action": "withdrawn"})
    assert caught.value.field == "body.reason"


def test_the_goods_categories_are_the_vocabularys() -> None:
    category = schema("common")["$defs"]["goods_item"]["properties"]["category"]
    assert set(category["enum"]) == {c.value for c in Category}


def test_a_missing_field_is_named() -> None:
    notice = {k: v for k, v in body("pre_export_notice").items() if k != "reply_by"}
    with pytest.raises(Refusal) as caught:
        validate_body("pre_export_notice", notice)
    assert (caught.value.code, caught.value.field) == ("schema", "body.reply_by")
