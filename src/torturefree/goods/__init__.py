"""Identifying goods against list entries: CN/HS codes, CAS numbers, text, technical parameters."""

from torturefree.goods.classifier import GOODS_V1, Classifier, Config
from torturefree.goods.query import Classification, EntryScore, GoodsQuery, parse_query
from torturefree.goods.resources import GoodsData, load_goods_data
from torturefree.goods.scope import Classifiers, Scope

__all__ = [
    "GOODS_V1",
    "Classification",
    "Classifier",
    "Classifiers",
    "Config",
    "EntryScore",
    "GoodsData",
    "GoodsQuery",
    "Scope",
    "load_goods_data",
    "parse_query",
]
