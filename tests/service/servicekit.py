"""Helpers for the service tests: sample request bodies."""

from __future__ import annotations

from typing import Any

from torturefree.exchange.demo_story import END_USER_BR, application


def stun_gun_application(**overrides: Any) -> dict[str, Any]:
    """The exchange demo's application (torturefree.exchange.demo_story) for a Brazilian
    police unit; `overrides` replace top-level fields (the parties stay Brazilian)."""
    detail = "Issued to the state police of Sao Paulo for crowd control training."
    return application("BR", END_USER_BR, **{"end_use_detail": detail, **overrides})
