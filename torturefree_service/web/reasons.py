"""Standard wording for each refusal reason, offered pre-filled (LITE's officers asked, §2.3)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

WORDING = {
    "art12_2_torture": _(
        "There are reasonable grounds to believe that the goods might be used for torture or "
        "other cruel, inhuman or degrading treatment or punishment by a law enforcement "
        "authority or any natural or legal person in the country of destination "
        "(Regulation (EU) 2019/125, Article 12(2))."
    ),
    "art17_2_capital_punishment": _(
        "There are reasonable grounds to believe that the goods might be used to carry out "
        "capital punishment in the country of destination (Regulation (EU) 2019/125, "
        "Article 17(2))."
    ),
    "insufficient_end_use_information": _(
        "The information given on the end use and the end user is not sufficient to assess "
        "the application."
    ),
    "diversion": _(
        "There is a risk that the goods would be diverted to an end use or end user for which "
        "an authorisation would be refused."
    ),
    "national_ban": _(
        "The goods fall under a national prohibition adopted under Article 14(1) or 15(4)."
    ),
    "other": _("Other grounds, stated below."),
}


def wording(reasons: list[str]) -> str:
    """The standard text for the reasons picked, one paragraph each."""
    return "\n\n".join(str(WORDING[r]) for r in reasons if r in WORDING)
