"""RFC 8785 (JSON Canonicalization Scheme) form of JSON values: the bytes every signature covers."""

from __future__ import annotations

from typing import Any

import rfc8785

from torturefree.exchange.errors import ExchangeError


class CanonicalError(ExchangeError):
    """A value has no RFC 8785 form (a NaN, an integer outside I-JSON's ±2**53, a non-JSON type)."""


def canonical(value: Any) -> bytes:
    """The canonical UTF-8 bytes of a JSON value (sorted keys, no spaces, ES6 number form)."""
    try:
        return rfc8785.dumps(value)
    except rfc8785.CanonicalizationError as error:
        raise CanonicalError(f"no canonical JSON form: {error}") from error
