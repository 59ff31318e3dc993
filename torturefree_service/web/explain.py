"""Explanations for people: one short sentence per reason, built from the reason's data.

"Listed in Annex II, item 2.1: Electric shock devices … Export is prohibited: Regulation (EU)
2019/125, Article 3(1)." The entry gives the first half, the rule's outcome and citation the
second; the classifier's trace stays for officers under "Technical detail".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from torturefree_service.web.labels import label
from torturefree_service.web.templatetags.titles import entry_title

# A determination's reason from the identification step ("goods.goods_v1"), not from the law.
IDENTIFICATION = "goods."


@dataclass(frozen=True)
class Sentence:
    text: str
    citation: str = ""
    href: str = ""
    rule: str = ""


def _what(activity: str) -> str:
    # The activity's own label (context "activity"): a bare "Import" is also a button's verb.
    return label(activity, "activity").capitalize()


def _verdict(outcome: str) -> str:
    verdicts = {
        "prohibited": _("is prohibited"),
        "licence_required": _("needs an authorisation"),
        "general_authorisation": _("is covered by the Union general export authorisation"),
        "not_controlled": _("is not controlled"),
        "needs_review": _("needs an officer's review"),
    }
    return verdicts.get(outcome, label(outcome))


def listed(entry: dict[str, Any]) -> str:
    """'Listed in Annex II, item 2.1: Electric shock devices …' (or the entry's id alone)."""
    annex, item, title = entry.get("annex"), entry.get("item"), entry.get("title") or entry["id"]
    if entry.get("title"):  # the entry's title in the page's language, where the data has it
        title = entry_title(str(entry["title"]), str(entry["id"]))
    if annex and item:
        return _("Listed in Annex %(annex)s, item %(item)s: %(title)s.") % {
            "annex": annex,
            "item": item,
            "title": title,
        }
    return _("Listed: %(title)s.") % {"title": title}


def reason_sentences(
    reasons: Iterable[dict[str, Any]],
    entries: list[dict[str, Any]],
    outcome: str,
    activity: str,
) -> list[Sentence]:
    """One sentence per reason; a reason that says what another already said is dropped."""
    reasons = list(reasons)
    out: list[Sentence] = []
    seen: set[str] = set()
    head = " ".join(listed(entry) for entry in entries)
    for reason in reasons:
        if str(reason.get("rule") or "").startswith(IDENTIFICATION):
            continue  # how the goods were identified: the entry says it, the trace keeps it
        citation = str(reason.get("citation") or "")
        verdict = _("%(what)s %(verdict)s: %(citation)s.") % {
            "what": _what(activity),
            "verdict": _verdict(_rule_outcome(reason, outcome)),
            "citation": citation,
        }
        text = f"{head} {verdict}".strip()
        if text in seen:
            continue
        seen.add(text)
        out.append(
            Sentence(
                text=text,
                citation=citation,
                href=str(reason.get("href") or ""),
                rule=str(reason.get("rule") or ""),
            )
        )
    return out or _unlisted(reasons, outcome, activity)


def _unlisted(reasons: Iterable[dict[str, Any]], outcome: str, activity: str) -> list[Sentence]:
    """Goods on no list (or not yet placed): the outcome in words, citing the identification."""
    found = [r for r in reasons if str(r.get("rule") or "").startswith(IDENTIFICATION)]
    if not found or outcome not in {"not_controlled", "needs_review"}:
        return []
    citation = str(found[0].get("citation") or "")
    if outcome == "not_controlled":
        text = _("Not found on the control lists in force: %(what)s %(verdict)s (%(citation)s).")
    else:
        text = _("Not placed on a control list for sure: %(what)s %(verdict)s (%(citation)s).")
    words = {"what": _what(activity).lower(), "verdict": _verdict(outcome), "citation": citation}
    return [Sentence(text=text % words, citation=citation, rule=str(found[0].get("rule") or ""))]


def _rule_outcome(reason: dict[str, Any], outcome: str) -> str:
    """A reason's own outcome when it has one (rules end in their clause: '….prohibited')."""
    rule = str(reason.get("rule") or "")
    tail = rule.rsplit(".", 1)[-1]
    if tail in {"prohibited", "not_controlled", "general_authorisation"}:
        return tail
    return str(reason.get("outcome") or outcome)


def determination_sentences(determination: dict[str, Any] | None) -> list[list[Sentence]]:
    """Per goods line of a determination (contract form), its sentences."""
    if not determination:
        return []
    activity = str(determination.get("activity") or "export")
    return [
        reason_sentences(
            line.get("reasons") or [], line.get("entries") or [], str(line["outcome"]), activity
        )
        for line in determination.get("goods") or []
    ]


def trace(lines: Iterable[str]) -> list[str]:
    """The classifier's explanation without repeated lines (kept for officers)."""
    return list(dict.fromkeys(lines))
