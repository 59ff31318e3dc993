"""goods_v3: goods named by the ideas their description combines, in any language of the data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from torturefree.goods.evaluation import evaluate, load_cases
from torturefree.goods.query import GoodsQuery
from torturefree.goods.scope import Classifiers

AFTER = dt.date(2025, 9, 1)
BEFORE = dt.date(2024, 6, 1)
CASES = Path(__file__).parent / "cases.yaml"


def _answer(real: Classifiers, text: str, date: dt.date = AFTER) -> tuple[bool | None, list[str]]:
    result = real.get("EU", date, "goods_v3").classify(GoodsQuery(description=text))
    return result.controlled, [e.id.rsplit("/", 1)[-1] for e in result.entries]


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("matraque qui délivre une décharge électrique", "portable-electric-discharge-weapons"),
        (
            "Schlagstock, der einen elektrischen Schlag abgibt",
            "portable-electric-discharge-weapons",
        ),
        ("дубинка с электрическим разрядом", "portable-electric-discharge-weapons"),
        ("Pałka elektryczna z latarką", "portable-electric-discharge-weapons"),
        ("Bastão elétrico de choque para segurança", "portable-electric-discharge-weapons"),
        ("Scudo con scarica elettrica per polizia", "portable-electric-discharge-weapons"),
        ("Spray al peperoncino per polizia 300 ml", "portable-irritant-dispensers"),
        ("Duimboeien roestvrij staal", "thumb-cuffs"),
        ("Chicote com ganchos de metal", "barbed-whips"),
        ("Schutzschild mit Metallspitzen", "spiked-shields"),
        (
            "Cinto de choque elétrico para presos, controlo remoto",
            "body-worn-electric-shock-devices",
        ),
    ],
)
def test_an_effect_or_make_in_other_words_names_the_entry(
    real: Classifiers, text: str, entry: str
) -> None:
    controlled, entries = _answer(real, text)
    assert controlled is True and entries[0] == entry, (controlled, entries)


@pytest.mark.parametrize(
    "text",
    [
        "armoire électrique étanche IP65",  # 'arme' only as a whole word
        "Elektrischer Stabmixer 600 W",
        "cooking oil spray with black pepper flavour",  # food: not a riot control agent
        "electric glue gun 40W",  # a gun that is electric is not a shock weapon
        "Rohrschelle mit Befestigungsplatte",  # a pipe clamp, not an anchored cuff
        "studded leather biker vest",
        "electric shock absorber for cars",
        "Mikrofon-Galgenstativ mit Teleskopausleger",  # a boom stand, not gallows
        "camara frigorifica industrial",  # 'cama de red' run together stems as 'camar'
        "camera da letto mobili",
        "Kühlkammer für Lebensmittel",
        "Elektrisches Waffeleisen 1200 W",  # 'Waffe' inside 'Waffeleisen'
        "Matraque télescopique acier 53 cm",  # 'pique' inside a French word: no compound
        "Thumb screws M5 knurled, nickel plated, 500 pcs",  # a fastener (context.yaml)
        "anchor shackle galvanised 10 mm",  # rigging hardware, not anchored cuffs
        "Schäkel verzinkt 12 mm",
        "Electric heated belt with remote control, USB",  # not a shock belt for prisoners
    ],
)
def test_look_alikes_built_of_the_same_words_are_not_controlled(
    real: Classifiers, text: str
) -> None:
    assert _answer(real, text)[0] is False


def test_a_negated_idea_does_not_count(real: Classifiers) -> None:
    assert _answer(real, "Einsatzschild ohne Stromstoß, Polycarbonat")[0] is not True


def test_goods_that_moved_in_2025_are_named_by_the_version_in_force(real: Classifiers) -> None:
    text = "Enkelboeien verstelbaar met ketting 35 cm"
    assert _answer(real, text, AFTER) == (True, ["leg-cuffs"])
    assert "shackles" in _answer(real, text, BEFORE)[1]


def test_a_component_is_only_referred_to_a_person(real: Classifiers) -> None:
    controlled, entries = _answer(real, "Módulo generador de descargas de alta tensión, placa")
    assert controlled is None and "electric-discharge-weapon-kits" in entries


def test_goods_v3_meets_the_goals_on_the_own_cases(real: Classifiers) -> None:
    cases = load_cases(CASES)
    report = evaluate(
        cases, lambda c: real.get(c.jurisdiction, c.date, "goods_v3").classify(c.query)
    )
    assert report.total.recall >= 0.98
    assert report.total.false_positive_rate <= 0.02
    assert report.total.review_rate <= 0.10


def test_a_term_that_negates_a_word_holds_only_where_the_text_negates_it(
    real: Classifiers,
) -> None:
    """'drone without payload' (the aerial-platforms exclusion) is not 'drone payload dropper'."""
    text = "Drone payload dropper for tear gas grenades, 6 grenades"
    assert _answer(real, text) == (True, ["aerial-riot-control-agent-dispensers"])
    assert _answer(real, "quadcopter drone without payload, 4K camera")[0] is False


def test_a_word_an_idea_used_is_no_cue_against_the_goods(real: Classifiers) -> None:
    """'bracelet' is jewellery in English and the cuff in French."""
    text = "Bracelet individuel à verrou, circonférence intérieure 170 mm au dernier cran"
    assert _answer(real, text) == (True, ["individual-cuffs"])


def test_finished_barbiturate_products_are_named_by_their_dosage_form(real: Classifiers) -> None:
    controlled, entries = _answer(real, "THIOPENTAL SODIUM FOR INJECTION 500 MG VIALS")
    assert controlled is True and "barbiturate-containing-products" in entries
    assert _answer(real, "Phenobarbital tablets 100 mg")[0] is not True
    assert "barbiturate-containing-products" in _answer(real, "Pentothal")[1]  # a medicine's name
