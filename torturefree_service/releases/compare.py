"""Whether two determinations of one application give a different answer, line by line."""

from __future__ import annotations

from typing import Any


def _line(good: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    return good.get("outcome", ""), tuple(sorted(e["id"] for e in good.get("entries", [])))


def changed_lines(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    """Each goods line whose outcome or identified entries differ (a changed citation alone is not
    a changed answer); lines beyond either side count as changed."""
    olds, news = old.get("goods", []), new.get("goods", [])
    rows = []
    for index in range(max(len(olds), len(news))):
        was = _line(olds[index]) if index < len(olds) else ("", ())
        now = _line(news[index]) if index < len(news) else ("", ())
        if was != now:
            rows.append(
                {
                    "line": index + 1,
                    "old_outcome": was[0],
                    "new_outcome": now[0],
                    "old_entries": list(was[1]),
                    "new_entries": list(now[1]),
                }
            )
    return rows


def answer_changed(old: dict[str, Any], new: dict[str, Any]) -> bool:
    return old.get("outcome") != new.get("outcome") or bool(changed_lines(old, new))
