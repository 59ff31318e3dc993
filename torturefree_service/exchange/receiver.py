"""Which goods of a pre-export notice the importing state's own profile controls.

A notice tells the importing state about goods it regulates: each line's list entry is run
through the rule engine under the receiver's jurisdiction profile (from the directory) as an
import into that state. Lines its profile leaves not controlled are left out, and a notice
with no line left is not sent. A line with no entry, a peer with no profile, or a profile the
rule data does not know keeps every line: when in doubt the importing state is told.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.conf import settings

from torturefree.errors import InputError
from torturefree.vocabulary import Outcome
from torturefree_service.checks import engines


def controlled_goods(
    goods: Sequence[dict[str, Any]], profile: str | None, destination: str, day: dt.date
) -> list[dict[str, Any]]:
    if not profile:
        return list(goods)
    return [item for item in goods if _controlled(item.get("entry"), profile, destination, day)]


def _controlled(entry: str | None, profile: str, destination: str, day: dt.date) -> bool:
    if not entry:
        return True
    transaction = {
        "jurisdiction": profile,
        "date": day.isoformat(),
        "activity": "import",
        "origin": str(settings.TORTUREFREE_STATE),
        "destination": destination,
        "goods": [{"entry": entry}],
    }
    try:
        found = engines.engine().determine(transaction)
    except InputError:
        return True
    return bool(found.outcome != Outcome.NOT_CONTROLLED)
