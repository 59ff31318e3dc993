"""The JSON Schema (draft 2020-12) of each message type's body: what a type may carry, and nothing else.

Every object in these schemas has `additionalProperties: false`, so the schema is both the
receiver's check and the sender's gate (issue #13 item 5): `outgoing_fields_check` refuses a
body carrying any field its type does not declare, before it is signed, and `undeclared_fields`
lists such fields (what a test diffs against what was sent).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match
from referencing import Registry, Resource

from torturefree.errors import InputError
from torturefree.exchange.errors import SCHEMA, UNKNOWN_TYPE, Refusal

COMMON = "common"

# The types of the contract (shared/design/exchange.md), in its order; register_update and
# watchlist_update are ours (the hub contract, issue #14), amendment_request,
# amendment_answer and amendment_notice too (the expert mechanism, issue #16). Each has schemas/<type>.json.
MESSAGE_TYPES: tuple[str, ...] = (
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
)


@cache
def schema(message_type: str) -> Mapping[str, Any]:
    """The parsed schema document of a type (or `common`)."""
    if message_type not in (*MESSAGE_TYPES, COMMON):
        raise Refusal(UNKNOWN_TYPE, f"'{message_type}' is not a message type", "envelope.type")
    text = (
        resources.files("torturefree.exchange").joinpath(f"schemas/{message_type}.json").read_text()
    )
    document: dict[str, Any] = json.loads(text)
    return document


@cache
def _registry() -> Registry[Any]:
    documents = [schema(name) for name in (*MESSAGE_TYPES, COMMON)]
    return Registry().with_resources(
        (document["$id"], Resource.from_contents(document)) for document in documents
    )


@cache
def validator(message_type: str) -> Draft202012Validator:
    # The shared definitions are inlined once: resolving `$ref`s through the registry on every
    # body tripled the cost of validation (benchmarks/exchange.py). The schema files keep them.
    return Draft202012Validator(
        _inline(schema(message_type)),
        registry=_registry(),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def _inline(node: Any) -> Any:
    """A schema with every `$ref` to common.json replaced by what it points to."""
    if isinstance(node, dict):
        if "$ref" in node:
            siblings = {k: v for k, v in node.items() if k != "$ref"}
            return _inline({**_resolve(node), **siblings})
        return {key: _inline(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_inline(value) for value in node]
    return node


def validate_body(message_type: str, body: Any) -> None:
    """Refuse (code `schema`, naming the field) a body that does not fit its type's schema."""
    error = best_match(validator(message_type).iter_errors(body))
    if error is not None:
        raise Refusal(SCHEMA, _describe(error), _field(error))


def outgoing_fields_check(message_type: str, body: Any) -> None:
    """Before a body leaves this node: every field undeclared by its type is refused at once."""
    extra = undeclared_fields(message_type, body)
    if extra:
        raise InputError(
            f"a {message_type} may not carry {', '.join(extra)} (docs/exchange.md)", field=extra[0]
        )
    try:
        validate_body(message_type, body)
    except Refusal as refusal:
        raise InputError(refusal.message, field=refusal.field) from refusal


def undeclared_fields(message_type: str, body: Any) -> list[str]:
    """The paths (`body.exporter.notes`) of fields present in `body` that the schema does not declare."""
    return sorted(_undeclared(schema(message_type), body, "body"))


def _undeclared(node: Mapping[str, Any], value: Any, path: str) -> Iterator[str]:
    node = _resolve(node)
    for choice in node.get("anyOf", []):
        if _resolve(choice).get("type") == _json_type(value):
            yield from _undeclared(choice, value, path)
    properties: Mapping[str, Any] = node.get("properties", {})
    if isinstance(value, dict) and node.get("type") == "object":
        # A map such as `identifiers` declares its values, not its keys.
        open_map = node.get("additionalProperties", True)
        for key, item in value.items():
            if key in properties:
                yield from _undeclared(properties[key], item, f"{path}.{key}")
            elif isinstance(open_map, dict):
                yield from _undeclared(open_map, item, f"{path}.{key}")
            elif open_map is not True:
                yield f"{path}.{key}"
    if isinstance(value, list) and "items" in node:
        for index, item in enumerate(value):
            yield from _undeclared(node["items"], item, f"{path}[{index}]")


def _resolve(node: Mapping[str, Any]) -> Mapping[str, Any]:
    reference = node.get("$ref")
    if not isinstance(reference, str):
        return node
    document, _, pointer = reference.partition("#")
    target: Any = schema(document.removesuffix(".json"))
    for part in pointer.strip("/").split("/"):
        target = target[part]
    return _resolve(target)


def _json_type(value: Any) -> str:
    if isinstance(value, dict):
        return "object"
    return "array" if isinstance(value, list) else "scalar"


def _field(error: ValidationError) -> str:
    path = "body" + "".join(
        f"[{part}]" if isinstance(part, int) else f".{part}" for part in error.absolute_path
    )
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        declared = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        extra = sorted(set(error.instance) - set(declared))
        if extra:
            return f"{path}.{extra[0]}"
    if error.validator == "required" and isinstance(error.validator_value, list):
        present = error.instance if isinstance(error.instance, dict) else {}
        missing = [k for k in error.validator_value if k not in present]
        if missing:
            return f"{path}.{missing[0]}"
    return path


def _describe(error: ValidationError) -> str:
    message = error.message
    return message if len(message) <= 300 else message[:297] + "..."
