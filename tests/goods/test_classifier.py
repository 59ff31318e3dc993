"""goods_v1 behaviour the issue asks for, on the real lists and on a small fixture tree."""

from __future__ import annotations

import datetime as dt

from torturefree.goods.classifier import Classifier
from torturefree.goods.scope import Classifiers
from torturefree.vocabulary import Category

from .conftest import ask, ids

E = "eu-2019-125/"


def test_every_result_records_the_classifier_version(eu: Classifier) -> None:
    result = ask(eu, "thumb cuffs")
    assert result.classifier_version == "goods_v1"
    assert result.as_dict("x", "r1")["classifier_version"] == "goods_v1"
    assert result.explanation[-1].startswith("goods_v1:")


def test_listed_goods_in_five_languages(eu: Classifier) -> None:
    for text in ("stun baton", "électrochoc", "Elektroschocker", "porra eléctrica", "электрошокер"):
        result = ask(eu, text)
        assert result.controlled is True, text
        assert E + "portable-electric-discharge-weapons" in ids(result), text
        assert result.category is Category.TORTURE_CAPABLE


def test_ordinary_handcuffs_by_figures(eu: Classifier) -> None:
    ordinary = ask(eu, "handcuffs, overall 240 mm, last notch 160 mm, first notch 210 mm")
    assert ordinary.controlled is False
    assert any("ordinary-handcuffs" in line for line in ordinary.explanation)
    large = ask(eu, "hinged handcuffs, 320 mm overall")
    assert large.controlled is True and E + "shackles" in ids(large)
    unknown = ask(eu, "handcuffs, steel")
    assert unknown.controlled is None and E + "shackles" in ids(unknown)


def test_figures_given_as_fields(eu: Classifier) -> None:
    fields = {"overall_length_locked": 240.0, "inside_circumference_last_notch": 160.0}
    fields["inside_circumference_first_notch"] = 210.0
    assert ask(eu, "handcuffs", figures=fields).controlled is False


def test_pava_oc_threshold_and_sauces(eu: Classifier) -> None:
    assert ask(eu, "PAVA solution 0.5 % in ethanol").controlled is True
    assert ask(eu, "pepper spray liquid, 0.2 % OC in ethanol").controlled is False
    assert ask(eu, "hot sauce, habanero", hs_code="2103 90 90").controlled is False


def test_look_alikes_named_by_the_law(eu: Classifier) -> None:
    cases = {
        "herding whip for cattle": "6602 00 00",
        "chair fitted with straps only": "9401 71 00",
        "pepper spray carried for own personal protection": "9304 00 00",
        "infusion pump, medical, hospital": "9018 90 50",
    }
    for text, code in cases.items():
        assert ask(eu, text, hs_code=code).controlled is False, text


def test_spit_hood_is_not_a_prohibited_hood(eu: Classifier) -> None:
    spit = ask(eu, "spit hood, mesh")
    assert ids(spit) == {E + "spit-hoods"}
    assert ids(ask(eu, "detainee hood, opaque")) == {E + "hoods-and-blindfolds"}


def test_leg_cuffs_and_leg_irons(eu: Classifier) -> None:
    assert ids(ask(eu, "leg cuffs, adjustable")) == {E + "leg-cuffs"}
    assert ids(ask(eu, "leg irons, riveted")) == {E + "leg-irons"}


def test_ex_code_alone_is_a_candidate_never_a_verdict(eu: Classifier) -> None:
    alone = ask(eu, hs_code="7326 90 98")
    assert alone.controlled is None and alone.entries
    ordinary = ask(eu, "padlock hasp, galvanised", hs_code="7326 90 98")
    assert ordinary.controlled is False


def test_cas_numbers_and_related_substances(eu: Classifier) -> None:
    assert ids(ask(eu, cas="2444-46-4")) == {E + "pava"}
    open_list = ask(eu, "methohexital sodium for injection")
    assert open_list.controlled is None
    assert E + "barbiturate-containing-products" in ids(open_list)
    assert ask(eu, "phenobarbital tablets").controlled is False
    assert ask(eu, cas="50-06-6").controlled is False
    assert ask(eu, cas="75-08-1").controlled is None  # a malodorant component: a person looks
    assert ask(eu, "ethyl mercaptan gas odorant", cas="75-08-1").controlled is False


def test_dates_pick_the_version_in_force(real: Classifiers) -> None:
    before = real.get("EU", dt.date(2022, 6, 1))
    after = real.get("EU", dt.date(2025, 9, 1))
    assert ids(ask(before, "gang chain")) == {E + "shackles"}
    assert E + "gang-chains" in ids(ask(after, "gang chain"))
    assert E + "leg-irons" not in ids(ask(before, "leg irons"))  # listed from 2025-08-20


def test_other_jurisdictions_through_correspondence(real: Classifiers) -> None:
    us = ask(real.get("US", dt.date(2025, 9, 1)), "thumb cuffs")
    assert us.controlled is True and "us-15-cfr-742/0a983" in ids(us)
    gb = ask(real.get("GB", dt.date(2025, 9, 1)), "spit hood")
    assert "gb-2019-125/spit-hoods" in ids(gb)


def test_fixture_tree(fx: Classifier) -> None:
    thumb = ask(fx, "poucettes")
    assert thumb.controlled is True and thumb.entries[0].item == "2.9"
    assert ask(fx, hs_code="4017 00 00").controlled is True  # a full-scope code decides
    assert ask(fx, "oversized handcuffs, 300 mm overall").controlled is True
    assert ask(fx, "PAVA solution 0.1 %").controlled is False
    assert ask(fx, "something else entirely", hs_code="7326 90 98").controlled is False
