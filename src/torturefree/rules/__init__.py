"""Jurisdiction profiles, dated decision tables and the determination engine."""

from torturefree.rules.engine import Engine
from torturefree.rules.result import ENGINE_VERSION, Determination, GoodsResult, Reason
from torturefree.rules.transaction import GoodsItem, Transaction, parse_transaction

__all__ = [
    "ENGINE_VERSION",
    "Determination",
    "Engine",
    "GoodsItem",
    "GoodsResult",
    "Reason",
    "Transaction",
    "parse_transaction",
]
