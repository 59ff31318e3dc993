"""name_v2 explanations: one scored alias's alignment, rebuilt from the bulk scoring's steps.

Built only for the matches a screening shows, never for every candidate.
"""

from __future__ import annotations

from torturefree.screening.bulk import HOW, RULES, QueryName
from torturefree.screening.matcher import NameComparison
from torturefree.screening.scoring import BulkScores
from torturefree.screening.table import AliasTable


def comparison(
    bulk: BulkScores, position: int, query: QueryName, table: AliasTable
) -> NameComparison:
    """The explanation of one scored alias, rebuilt from the kept alignment steps."""
    number = int(bulk.numbers[position])
    ids = table.token_ids[number]
    # name_v3 compared some listed tokens respelled (respell.py): show what it compared.
    spelled = table.extras.respelled if table.extras and query.v3 is not None else {}
    alias_tokens = [spelled.get(int(i), table.vocab[i]) for i in ids if i >= 0]
    pairs = [
        (int(q), int(a), float(s), HOW[int(h)])
        for q, a, s, h in zip(
            bulk.step_q[:, position],
            bulk.step_a[:, position],
            bulk.step_sim[:, position],
            bulk.step_how[:, position],
            strict=True,
        )
        if s > 0
    ]
    rule = RULES[int(bulk.rules[position])]
    # Whole-name rules (name_v2's merged; name_v3's merged_abjad, acronym, identical) leave
    # no part unmatched.
    merged = rule not in ("aligned", "aligned_with_conflict")
    used_q, used_a = {q for q, _, _, _ in pairs}, {a for _, a, _, _ in pairs}
    tokens = query.key.tokens
    return NameComparison(
        score=float(bulk.scores[position]),
        pairs=tuple((tokens[q], alias_tokens[a], s, how) for q, a, s, how in sorted(pairs)),
        unmatched_query=() if merged else tuple(t for i, t in enumerate(tokens) if i not in used_q),
        unmatched_alias=()
        if merged
        else tuple(t for j, t in enumerate(alias_tokens) if j not in used_a),
        information=float(bulk.information[position]),
        rule=rule,
    )
