"""Helpers for the service tests: sample request bodies."""

from __future__ import annotations

from typing import Any


def stun_gun_application(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": "individual_export",
        "destination": "BR",
        "end_use": "law_enforcement",
        "end_use_detail": "Issued to the state police of Sao Paulo for crowd control training.",
        "lines": [
            {
                "description": "stun gun, 50 kV, handheld",
                "cn_code": "9304 00 00",
                "quantity": 100,
                "unit": "pieces",
                "value": 12000,
                "currency": "EUR",
            }
        ],
        "parties": [
            {
                "role": "end_user",
                "name": "Policia Militar do Estado de Sao Paulo",
                "country": "BR",
                "type": "police",
            },
            {"role": "consignee", "name": "Importadora Segura Ltda", "country": "BR"},
        ],
    }
    body.update(overrides)
    return body
