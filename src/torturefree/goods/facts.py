"""Deciding facts of the goods (goods_v2): which entry of a family the description is.

Some entries differ only by one fact of the goods: portable, fixed inside a building or covering a
wide area (Annex II 5.1, Annex III 3.1 / 3.5; Annex III 2.1 / 2.3), one or several barrels
(III 2.4 / 2.5), a weapon or a kit of its essential components (III 2.1 / 2.2), cuffs anchored to a
wall or carried (II 2.6 / III 1.1-1.3). data/goods/facts.yaml says, per family, the words or
figures of each value and the entries it selects. A fact read moves the answer to the entry it
selects (in force on the date: the version logic is the entries' own dates); two members of a family
answered and no fact given is a question, never a guess.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from torturefree.goods.decision import Status
from torturefree.goods.evidence import EntryEvidence
from torturefree.goods.index import EntryLike
from torturefree.goods.lexicon import Lexicon
from torturefree.goods.quantities import Measurement
from torturefree.goods.query import Question
from torturefree.goods.resources import Facts, FactValue, Family
from torturefree.goods.text import Normaliser, Word


@dataclass(slots=True)
class FactReading:
    """The facts one description gives, and the families left open by it."""

    values: dict[str, list[FactValue]]
    families: Mapping[str, Family]
    sources: dict[str, str] = field(default_factory=dict)
    open: list[str] = field(default_factory=list)

    def questions(self, chosen: Sequence[str], lang: str | None) -> list[Question]:
        from torturefree.goods.questions import pick_language

        asked = []
        for family_id in self.open:
            family = self.families[family_id]
            entry = next((e for e in chosen if e in family.entries), family.entries[0])
            used = pick_language(family.question, lang)
            decides = family.decides.get(used) or family.decides.get("en", "")
            asked.append(
                Question(entry, family_id, None, None, family.question[used], decides, used)
            )
        return asked


class FactReader:
    """Matches each family's value words with goods_v1's phrase matcher, and its figure tests."""

    def __init__(self, facts: Facts | None, normaliser: Normaliser, lexicon: Lexicon) -> None:
        self.families = {f.id: f for f in (facts.families if facts else [])}
        self._values = {(f.id, v.id): v for f in self.families.values() for v in f.values}
        self._members = frozenset(e for f in self.families.values() for e in f.entries)
        self.lexicon = Lexicon(normaliser, [])
        for family in self.families.values():
            for value in family.values:
                for lang, words in value.terms.items():
                    for text in words:
                        self.lexicon.add(family.id, "cue", value.id, lang, text)
        self.lexicon.freeze()

    def read(
        self,
        words: Sequence[Word],
        figures: Mapping[str, list[Measurement]],
        found: Collection[str],
    ) -> FactReading:
        reading = FactReading({}, self.families)
        if self._members.isdisjoint(found):  # no family's member in sight: nothing to decide
            return reading
        for hit in self.lexicon.match(words):
            if hit.complete:
                value = self._values[(hit.phrase.owner, hit.phrase.ref)]
                _add(reading, hit.phrase.owner, value, f"'{hit.phrase.text}'")
        for family in self.families.values():
            for value in family.values:
                test = value.when
                if test is None or not figures.get(test.quantity):
                    continue
                if all(test.holds(m.value) for m in figures[test.quantity]):
                    shown = figures[test.quantity][0].source
                    _add(reading, family.id, value, f"figure '{shown}'")
        return reading


def _add(reading: FactReading, family: str, value: FactValue, source: str) -> None:
    values = reading.values.setdefault(family, [])
    if value not in values:
        values.append(value)
        reading.sources[f"{family}/{value.id}"] = source


def decide_families(
    reading: FactReading,
    found: dict[str, EntryEvidence],
    judged: dict[str, Status],
    lines: list[str],
    entries: Mapping[str, EntryLike],
) -> None:
    """Per family answered, move to the entry the facts select, or leave it open and ask."""
    for family in reading.families.values():
        members = [e for e in family.entries if e in entries]
        active = [e for e in members if judged.get(e, Status.NOT) is not Status.NOT]
        if not active:
            continue
        values = reading.values.get(family.id, [])
        targets = {e for v in values for e in v.entries if e in members}
        if len(values) == 1 and targets:
            _select(family, values[0], reading, sorted(targets), active, found, judged, lines)
        else:
            # Only members answered at the best level compete: a code candidate beside a named
            # entry is no doubt between them.
            top = max(judged[e] for e in active)
            leading = [e for e in active if judged[e] is top]
            if _groups(family, leading) < 2:
                continue
            for entry_id in leading:
                judged[entry_id] = min(judged[entry_id], Status.REVIEW)
            reading.open.append(family.id)
            lines.append(f"fact '{family.id}': not given; it decides between {', '.join(leading)}")


def _groups(family: Family, active: list[str]) -> int:
    """Members a value selects form a group each; members no value names form one more."""
    groups = {next((v.id for v in family.values if e in v.entries), "") for e in active}
    return len(groups)


def _select(
    family: Family,
    value: FactValue,
    reading: FactReading,
    targets: list[str],
    active: list[str],
    found: dict[str, EntryEvidence],
    judged: dict[str, Status],
    lines: list[str],
) -> None:
    best = max(judged[e] for e in active)
    strongest = max(active, key=lambda e: (judged[e], found[e].score()))
    source = reading.sources[f"{family.id}/{value.id}"]
    for entry_id in active:
        if entry_id not in targets:
            judged[entry_id] = Status.NOT
            lines.append(f"fact '{family.id}' = {value.id} ({source}) rules out {entry_id}")
    for entry_id in targets:
        if entry_id != strongest:
            # The goods are named by a member of the family; the fact says which member.
            model = found[strongest]
            evidence = found.setdefault(entry_id, EntryEvidence(entry_id))
            evidence.text = evidence.text or list(model.text)
            evidence.partial = evidence.partial or list(model.partial)
        judged[entry_id] = max(judged.get(entry_id, Status.NOT), best)
        lines.append(f"fact '{family.id}' = {value.id} ({source}) selects {entry_id}")
