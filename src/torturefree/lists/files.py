"""Reading one YAML file of data/ into a validated model, with errors naming file and field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from torturefree.lists.errors import DataError

M = TypeVar("M", bound=BaseModel)


class _UniqueKeyLoader(yaml.SafeLoader):
    """A duplicated key in law data is an error, not a silent overwrite."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicated key '{key}'", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Dates stay strings for the models to parse, so an impossible date is reported with its field.
_UniqueKeyLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(path: Path) -> Any:
    """Parse one YAML file; a syntax error names the file and line."""
    try:
        with path.open(encoding="utf-8") as stream:
            return yaml.load(stream, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as error:
        raise DataError(path, f"not valid YAML: {error}") from error
    except UnicodeDecodeError as error:
        raise DataError(path, "not UTF-8 text") from error


def parse_model(model: type[M], data: Any, path: Path) -> M:
    """Validate parsed data against a model; the first error names its field path."""
    if not isinstance(data, dict):
        raise DataError(path, f"expected a mapping at the top, found {type(data).__name__}")
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or None
        raise DataError(path, _readable(first), field=field) from error


def _readable(detail: Any) -> str:
    kind = detail.get("type", "")
    if kind == "extra_forbidden":
        return "unknown key (not part of the schema)"
    if kind == "missing":
        return "required but missing"
    return str(detail.get("msg", "invalid value"))


def load_model(model: type[M], path: Path) -> M:
    return parse_model(model, read_yaml(path), path)


def parse_date(value: str, *, field: str = "date") -> dt.date:
    """An ISO 8601 date from user input (InputError on anything else)."""
    from torturefree.errors import InputError

    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError) as error:
        raise InputError(f"'{value}' is not a date (YYYY-MM-DD)", field=field) from error
