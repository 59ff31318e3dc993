from __future__ import annotations

from torturefree.goods.classifier import Classifier
from torturefree.goods.lexicon import Lexicon, PhraseHit


def complete(lexicon: Lexicon, text: str) -> list[PhraseHit]:
    return [h for h in lexicon.match(lexicon.normaliser.words(text)) if h.complete]


def owners(lexicon: Lexicon, text: str) -> set[str]:
    return {h.phrase.owner for h in complete(lexicon, text) if h.phrase.kind == "term"}


def test_word_order_and_inverted_customs_style(eu: Classifier) -> None:
    lexicon = eu.index.lexicon
    assert "eu-2019-125/thumb-cuffs" in owners(lexicon, "CUFFS, THUMB, steel")


def test_two_word_names_must_stand_together(eu: Classifier) -> None:
    # 'electric ... chair' with a word between is a massage chair, not an electric chair.
    assert "eu-2019-125/electric-chairs" not in owners(eu.index.lexicon, "electric massage chair")
    assert "eu-2019-125/electric-chairs" in owners(eu.index.lexicon, "electric chair")


def test_typos_are_read_and_reported(eu: Classifier) -> None:
    hits = [h for h in complete(eu.index.lexicon, "hnadcuffs oversized") if h.typos]
    assert hits and hits[0].typos[0][0] == "hnadcuffs"


def test_short_word_typo_inside_a_phrase(eu: Classifier) -> None:
    assert "eu-2019-125/thumb-cuffs" in owners(eu.index.lexicon, "finger cufs")


def test_known_word_is_never_a_typo(eu: Classifier) -> None:
    # phenobarbital is two edits from pentobarbital but a different, unlisted substance.
    assert not owners(eu.index.lexicon, "phenobarbital")


def test_compounds_split_and_joined(eu: Classifier) -> None:
    lexicon = eu.index.lexicon
    assert "eu-2019-125/portable-electric-discharge-weapons" in owners(
        lexicon, "Elektroschockpistole"
    )
    assert "eu-2019-125/thumb-cuffs" in owners(lexicon, "thumb cuffs")
    assert "eu-2019-125/kinetic-impact-projectile-launchers" in owners(lexicon, "bean bag rounds")
