"""The questions goods_v2 asks when a deciding fact is missing; their words are data, never code.

A parameter's questions live with the entry (data/lists/**: `parameters[].questions`), a choice
between entries of one family with the family (data/goods/facts.yaml). The answer comes back as a
parameter of the same name (`{"overall_length_locked": {"value": 240, "unit": "mm"}}`) or, for a
family, as the fact's value (`{"mounting": {"value": "fixed_indoor"}}` is not a number: the fact's
own words in the description do the same).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from torturefree.goods.facts import FactReading
from torturefree.goods.index import EntryLike
from torturefree.goods.query import Question
from torturefree.goods.resources import Quantities
from torturefree.lists.model import ParameterRule

Missing = Mapping[str, list[tuple[ParameterRule, tuple[str, ...]]]]


class QuestionBook:
    """Builds the questions of an open answer from the rules' and families' data."""

    def __init__(self, quantities: Quantities) -> None:
        self.quantities = quantities

    def ask(
        self,
        chosen: Sequence[str],
        missing: Missing,
        facts: FactReading,
        entries: Mapping[str, EntryLike],
        lang: str | None,
    ) -> list[Question]:
        asked: list[Question] = []
        seen: set[tuple[str, str]] = set()
        for entry_id in chosen:
            for rule, wanted in missing.get(entry_id, []):
                for parameter in wanted:
                    if (entry_id, parameter) not in seen:
                        seen.add((entry_id, parameter))
                        asked.append(self._parameter(entry_id, rule, parameter, lang))
        asked.extend(facts.questions(chosen, lang))
        return asked

    def _parameter(
        self, entry_id: str, rule: ParameterRule, parameter: str, lang: str | None
    ) -> Question:
        condition = next(c for c in rule.all_of if c.quantity == parameter)
        cue = self.quantities.quantities.get(parameter)
        written = next((q for q in rule.questions if q.parameter == parameter), None)
        if written is None:
            # Every rule of the data has its questions (tests/goods/test_questions.py); a rule
            # added without them is still asked, in the law's own words.
            text, decides, used = rule.description, rule.description, "en"
        else:
            used = pick_language(written.text, lang)
            text = written.text[used]
            decides = written.decides.get(used) or written.decides.get("en", "")
        return Question(
            entry=entry_id,
            parameter=parameter,
            quantity=cue.dimension if cue else None,
            unit=condition.unit,
            text=text,
            decides=decides,
            lang=used,
        )


def pick_language(texts: Mapping[str, str], lang: str | None) -> str:
    """The asker's language when the data has it, else English, else any."""
    if lang and lang in texts:
        return lang
    return "en" if "en" in texts else next(iter(texts))
