"""Member-State options (Arts 14(1), 15(4)) are data: a national file switches them on."""

from __future__ import annotations

import shutil

import pytest

from torturefree.lists import load_catalogue
from torturefree.paths import data_dir
from torturefree.rules import Engine

# A hypothetical Member State measure for the test: no real State's measures are in data/ yet,
# because none is recorded in the verified sources.
NATIONAL = """\
title: Hypothetical national measures of Sweden (test fixture)
options: {art14_1_ban: true, art15_4_brokering_ban: true}
citation: {title: "Test fixture, not a real measure"}
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root = tmp_path_factory.mktemp("law") / "data"
    shutil.copytree(data_dir(), root)
    (root / "profiles" / "national").mkdir(parents=True, exist_ok=True)
    (root / "profiles" / "national" / "SE.yaml").write_text(NATIONAL, encoding="utf-8")
    return Engine(load_catalogue(root))


def stun_guns(jurisdiction: str, activity: str = "export") -> dict[str, object]:
    return {
        "jurisdiction": jurisdiction,
        "date": "2024-04-04",
        "activity": activity,
        "origin": "SE",
        "destination": "BR",
        "goods": [{"entry": "eu-2019-125/portable-electric-discharge-weapons"}],
    }


def test_a_state_with_the_article_14_ban_prohibits_exporting_stun_guns(engine: Engine) -> None:
    result = engine.determine(stun_guns("SE")).to_dict()
    assert result["outcome"] == "prohibited"
    assert any("Article 14(1)" in r["citation"] for r in result["reasons"])
    assert result["reasons"][0]["facts"]["option.art14_1_ban"] is True


def test_the_ban_also_covers_brokering_under_article_15_4(engine: Engine) -> None:
    result = engine.determine(stun_guns("SE", "brokering")).to_dict()
    assert result["outcome"] == "prohibited"
    assert any("Article 15(4)" in r["citation"] for r in result["reasons"])


def test_a_state_without_the_ban_needs_only_an_authorisation(engine: Engine) -> None:
    assert engine.determine(stun_guns("FI")).outcome.value == "licence_required"
    assert engine.determine(stun_guns("EU")).outcome.value == "licence_required"


def test_the_ban_does_not_touch_other_goods(engine: Engine) -> None:
    transaction = stun_guns("SE")
    transaction["goods"] = [{"entry": "eu-2019-125/spit-hoods"}]
    assert engine.determine(transaction).outcome.value == "licence_required"
