"""The data's sentences in other languages (#18, item 3): every goods question and what it decides,
and every note and exclusion description of the list entries, is there in each of the five
languages, from the data itself or data/translations/texts."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from torturefree.lists.texts import TextFile, check_texts, load_texts, translated_text
from torturefree.paths import builtin_data_dir

LANGUAGES = {"fr": "fr", "es": "es", "ru": "ru", "ar": "ar", "zh-hans": "zh"}
# entry ids, ISO dates, ECCNs, Common Military List categories and CFR sections
CODES = re.compile(
    r"\b(?:eu-2019-125|gb-eco-2008|us-15-cfr-742)/[a-z0-9-]+|\b\d{4}-\d{2}-\d{2}\b"
    r"|\b\d[A-E]\d{3}\b|\bML\d+(?:\([a-z]\))?|§ [\d.]*\d(?:\([a-z0-9]+\))*"
)


def _sentences(root: Path) -> list[dict[str, str]]:
    """Each question's and each 'decides' text of the data, by language key (en, fr, ...)."""
    found: list[dict[str, str]] = []
    for path in sorted((root / "lists").glob("*/*.yaml")):
        for version in yaml.safe_load(path.read_text(encoding="utf-8")).get("versions", []):
            for parameter in version.get("parameters") or []:
                for question in parameter.get("questions") or []:
                    found += [question["text"], question.get("decides") or {}]
    facts = yaml.safe_load((root / "goods" / "facts.yaml").read_text(encoding="utf-8"))
    for family in facts["families"]:
        found += [family["question"], family["decides"]]
    found += [{"en": note} for note in _notes(root)]
    return [s for s in found if s]


def _notes(root: Path) -> list[str]:
    """Every note and exclusion description of every version of every list entry (English only)."""
    found: list[str] = []
    for path in sorted((root / "lists").glob("**/*.yaml")):
        for version in yaml.safe_load(path.read_text(encoding="utf-8")).get("versions", []):
            found += version.get("notes") or []
            found += [e["description"] for e in version.get("exclusions") or []]
    return found


def test_every_question_and_what_it_decides_is_in_every_language() -> None:
    root = builtin_data_dir()
    sentences = _sentences(root)
    assert len(sentences) >= 20
    missing = [
        (language, s["en"][:50])
        for s in sentences
        for language, key in LANGUAGES.items()
        if key not in s and translated_text(root, s["en"], language) is None
    ]
    assert missing == []
    assert check_texts(root, {s["en"] for s in sentences}) == []
    assert all(not f.source.verified and f.source.note for f in load_texts(root))


def test_every_note_and_exclusion_of_the_lists_is_in_every_language() -> None:
    root = builtin_data_dir()
    notes = set(_notes(root))
    assert len(notes) >= 100
    missing = [
        (language, note[:50])
        for note in sorted(notes)
        for language in LANGUAGES
        if translated_text(root, note, language) is None
    ]
    assert missing == []
    # what the English cites as codes is kept as it is in every language
    assert sum(len(CODES.findall(note)) for note in notes) >= 50
    for note in notes:
        codes = set(CODES.findall(note))
        for language in LANGUAGES:
            text = translated_text(root, note, language)
            assert text is not None
            assert {c for c in codes if c not in text.text} == set(), (language, note[:50])


def test_a_reworded_sentence_is_named_not_shown(tmp_path: Path) -> None:
    folder = tmp_path / "translations" / "texts"
    folder.mkdir(parents=True)
    doc: dict[str, Any] = {
        "language": "ar",
        "source": {"title": "test words", "verified": False, "note": "n"},
        "texts": [{"en": "How long is it?", "text": "ما طوله؟"}],
    }
    (folder / "ar.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    assert translated_text(tmp_path, "How long is it?", "AR") is not None
    assert translated_text(tmp_path, "How long is it?", "fr") is None
    assert check_texts(tmp_path, {"How long is it, in mm?"}) == [
        "ar: no sentence 'How long is it?'"
    ]


def test_a_sentence_translated_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="translated twice"):
        TextFile.model_validate(
            {
                "language": "ru",
                "source": {"title": "test words"},
                "texts": [{"en": "Why?", "text": "Почему?"}, {"en": "Why?", "text": "Зачем?"}],
            }
        )
