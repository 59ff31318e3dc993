"""Every rule that can exclude or require has its questions in the data, one per figure."""

from __future__ import annotations

from torturefree.goods.scope import Classifiers


def test_every_deciding_rule_has_a_question_per_figure(real: Classifiers) -> None:
    rules = [
        (entry_id, version.valid_from, rule)
        for entry_id, entry in real.catalogue.entries.items()
        for version in entry.versions
        for rule in version.parameters
        if rule.effect in ("excluded", "required")
    ]
    assert len(rules) >= 8
    for entry_id, start, rule in rules:
        asked = {q.parameter for q in rule.questions}
        wanted = {c.quantity for c in rule.all_of}
        assert asked == wanted, (entry_id, start, rule.id)
        for question in rule.questions:
            assert question.text.get("en", "").endswith("?"), (entry_id, rule.id)
            assert question.decides.get("en"), (entry_id, rule.id)


def test_every_family_asks_in_english_and_names_entries_that_exist(real: Classifiers) -> None:
    facts = real.data.facts
    assert facts is not None and facts.families
    for family in facts.families:
        assert family.question["en"].endswith("?")
        assert set(family.entries) <= set(real.catalogue.entries), family.id
        for value in family.values:
            assert set(value.entries) <= set(family.entries), (family.id, value.id)
