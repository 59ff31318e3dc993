"""The listed tokens a query is compared with, for all its lists at once (bulk.Columns).

What a screening costs is mostly the fixed price of each NumPy call, not the size of the arrays
(docs/screening.md, "Startup and throughput"). Gathering each list's column properties one by
one (first letter, length, digits, codes, name_v3's marks) and then joining the lists took about
thirty small calls per query. Here the properties of every vocabulary entry are kept as one
int32 row per entry (computed once per list, in the table's memo), so each list's columns are one
row gather and the lists one join. Every value is the one gathered before, in the same dtype:
the int32 properties are the same numbers, the boolean ones come back through `!= 0`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from torturefree.screening.bulk import Columns, QueryName, _pick
from torturefree.screening.derived import _memo
from torturefree.screening.extras import without_article
from torturefree.screening.respell import respelled
from torturefree.screening.rules_v3 import ColumnsV3
from torturefree.screening.table import AliasTable, IntArray

# Rows of the property block: name_v2's five, then name_v3's four (tables with extras only).
V2_ROWS = 5
V3_ROWS = 9


def merged_columns(
    queries: Sequence[QueryName],
    tables: Sequence[AliasTable],
    cols: Sequence[IntArray],
    abbreviations: Sequence[bool],
) -> Columns:
    """Every list's columns `cols[i]` (for `queries[i]`, prepared for `tables[i]`) side by side.

    The query is the same name in every list (its tokens are), prepared per list: its codes
    come per column from the column's own list, as in list_columns.
    """
    v3 = all(
        q.v3 is not None and t.extras is not None for q, t in zip(queries, tables, strict=True)
    )
    rows = V3_ROWS if v3 else V2_ROWS
    blocks = [_properties(t)[c, :rows] for t, c in zip(tables, cols, strict=True)]
    props = np.ascontiguousarray((blocks[0] if len(blocks) == 1 else np.concatenate(blocks)).T)
    counts = [len(c) for c in cols]
    tokens, folded = _tokens(queries, tables, cols)
    codes = np.array([(q.phonetic, q.skeleton) for q in queries]).transpose(1, 2, 0)
    repeated = codes.repeat(counts, axis=2)
    return Columns(
        tokens=tokens,
        folded=folded,
        first=props[0],
        length=props[1],
        numeric=props[2] != 0,
        phonetic=props[3],
        skeleton=props[4],
        query_phonetic=repeated[0],
        query_skeleton=repeated[1],
        abbreviations=np.array(abbreviations, dtype=np.bool_).repeat(counts),
        v3=_columns_v3(queries, tables, cols, props) if v3 else None,
    )


def _tokens(
    queries: Sequence[QueryName], tables: Sequence[AliasTable], cols: Sequence[IntArray]
) -> tuple[list[str], list[str]]:
    tokens: list[str] = []
    folded: list[str] = []
    for query, table, listed in zip(queries, tables, cols, strict=True):
        positions = listed.tolist()
        own, own_folded = _pick(table.vocab, positions), _pick(table.folded, positions)
        extras = table.extras
        if query.v3 is not None and extras is not None and extras.respelled:
            own, own_folded = respelled(
                own, own_folded, listed, extras.respelled, extras.respelled_mark
            )
        tokens += own
        folded += own_folded
    return tokens, folded


def _columns_v3(
    queries: Sequence[QueryName],
    tables: Sequence[AliasTable],
    cols: Sequence[IntArray],
    props: npt.NDArray[np.int32],
) -> ColumnsV3:
    codes = []
    blocks = []
    for query, table, listed in zip(queries, tables, cols, strict=True):
        extras = table.extras
        assert extras is not None
        known = extras.article_codes
        codes.append([known.get(without_article(t), -1) for t in query.key.tokens])
        blocks.append((extras.abjad, listed))
    query_article = np.array(codes, dtype=np.int32).T
    return ColumnsV3(
        arabic=props[5] != 0,
        particle=props[6] != 0,
        vowelless=props[7] != 0,
        article=props[8],
        query_article=query_article.repeat([len(c) for c in cols], axis=1),
        blocks=tuple(blocks),
    )


def _properties(table: AliasTable) -> npt.NDArray[np.int32]:
    """Per vocabulary entry, its column properties as one int32 row (kept in the memo)."""
    memo = _memo(table)
    found: npt.NDArray[np.int32] | None = memo.get("column_properties")
    if found is None:
        rows = [table.first, table.length, table.numeric, table.phonetic, table.skeleton]
        extras = table.extras
        if extras is not None:
            rows += [extras.abjad_origin, extras.particle, extras.vowelless, extras.article]
        found = memo["column_properties"] = np.stack(rows, axis=1).astype(np.int32)
    return found
