"""goods_v2 beside goods_v1: asks for deciding facts, reads facts and figures, other scripts."""

from __future__ import annotations

import datetime as dt

import pytest

from torturefree.errors import InputError
from torturefree.goods.algorithms import ALGORITHMS, get_config
from torturefree.goods.classifier import Classifier
from torturefree.goods.classifier_v2 import ClassifierV2
from torturefree.goods.query import Classification, parse_query
from torturefree.goods.scope import Classifiers

from .conftest import TODAY, ids

BEFORE_2025 = dt.date(2024, 6, 1)


@pytest.fixture(scope="module")
def v2(real: Classifiers) -> Classifier:
    return real.get("EU", TODAY, "goods_v2")


def run(classifier: Classifier, record: dict[str, object]) -> Classification:
    return classifier.classify(parse_query(record))


def test_versions_are_selected_by_name_and_recorded(real: Classifiers, v2: Classifier) -> None:
    assert set(ALGORITHMS) >= {"goods_v1", "goods_v2"}
    assert isinstance(v2, ClassifierV2)
    assert not isinstance(real.get("EU", TODAY, "goods_v1"), ClassifierV2)
    result = run(v2, {"description": "thumb cuffs"})
    assert result.as_dict()["algorithm"] == result.classifier_version == "goods_v2"
    with pytest.raises(InputError) as error:
        get_config("goods_v9")
    assert error.value.field == "algorithm"


def test_v1_is_unchanged_and_assumes_the_exclusion(real: Classifiers) -> None:
    # The behaviour issue #17 reports, kept in goods_v1 (never changed in place).
    v1 = real.get("EU", TODAY, "goods_v1")
    assert run(v1, {"description": "handcuffs with chain"}).controlled is False


@pytest.mark.parametrize(
    "description", ["handcuffs with chain", "Handschellen mit Kette", "menottes à chaîne"]
)
def test_missing_figures_are_asked_never_assumed(v2: Classifier, description: str) -> None:
    result = run(v2, {"description": description, "lang": "en"})
    assert result.controlled is None
    assert "eu-2019-125/shackles" in ids(result)
    asked = {q.parameter for q in result.questions}
    assert asked == {
        "overall_length_locked",
        "inside_circumference_last_notch",
        "inside_circumference_first_notch",
    }
    first = result.questions[0].as_dict()
    assert first["entry"] == "eu-2019-125/shackles"
    assert first["unit"] == "mm" and first["quantity"] == "length"
    assert "outer edge" in first["text"]  # the words of data/lists, not of code
    assert "not controlled" in first["decides"]


def test_questions_come_in_the_askers_language(v2: Classifier) -> None:
    result = run(v2, {"description": "menottes à chaîne", "lang": "fr"})
    assert result.questions[0].lang == "fr"
    assert "longueur totale" in result.questions[0].text


def test_answers_with_units_decide_a_rerun(v2: Classifier) -> None:
    ordinary = {
        "overall_length_locked": {"value": 24, "unit": "cm"},
        "inside_circumference_last_notch": {"value": 160, "unit": "mm"},
        "inside_circumference_first_notch": {"value": 21, "unit": "cm"},
    }
    answered = run(v2, {"description": "handcuffs with chain", "parameters": ordinary})
    assert answered.controlled is False and not answered.questions
    long_chain = {"overall_length_locked": {"value": 32, "unit": "cm"}}
    shackles = run(v2, {"description": "handcuffs with chain", "parameters": long_chain})
    assert shackles.controlled is True and ids(shackles) == {"eu-2019-125/shackles"}
    with pytest.raises(InputError) as error:
        run(
            v2,
            {
                "description": "handcuffs",
                "parameters": {"overall_length_locked": {"value": 2, "unit": "kg"}},
            },
        )
    assert error.value.field == "parameters.overall_length_locked.unit"


def test_cuff_sizes_written_as_catalogues_write_them(v2: Classifier, real: Classifiers) -> None:
    for text in (
        "handcuffs, length 24 cm, circumference 16,5 cm min 20,5 cm max",
        "handcuffs, overall 240 mm, inside circumference 160-210 mm",
    ):
        assert run(v2, {"description": text}).controlled is False, text
    big = run(v2, {"description": "handcuffs, overall 240 mm, inside circumference 180-260 mm"})
    assert big.controlled is True


@pytest.mark.parametrize(
    ("description", "entry"),
    [
        (
            "pepper spray dispenser fixed to the ceiling of the cell",
            "fixed-indoor-irritant-dispensers",
        ),
        ("vehicle-mounted tear gas dispenser", "wide-area-irritant-dispensers"),
        ("stun gun assembly kit", "electric-discharge-weapon-kits"),
    ],
)
def test_a_deciding_fact_selects_the_entry(v2: Classifier, description: str, entry: str) -> None:
    result = run(v2, {"description": description})
    assert result.controlled is True
    assert ids(result) == {f"eu-2019-125/{entry}"}


def test_the_fact_selects_among_entries_in_force_on_the_date(real: Classifiers) -> None:
    before = real.get("EU", BEFORE_2025, "goods_v2")
    result = run(before, {"description": "pepper spray dispenser fixed to the ceiling of the cell"})
    entries = {e.id: e for e in result.entries}
    assert entries["eu-2019-125/fixed-indoor-irritant-dispensers"].annex == "III"


@pytest.mark.parametrize(
    ("description", "entry"),
    [
        ("出口电击枪十支", "portable-electric-discharge-weapons"),
        ("جهاز صاعق كهربائي للشرطة", "portable-electric-discharge-weapons"),
        ("عبوات رذاذ الفلفل للدفاع", "portable-irritant-dispensers"),
    ],
)
def test_arabic_and_chinese_inside_running_text(
    v2: Classifier, description: str, entry: str
) -> None:
    result = run(v2, {"description": description})
    assert result.controlled is not False
    assert f"eu-2019-125/{entry}" in ids(result)
