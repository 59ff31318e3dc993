"""name_v6: name_v5's scores, then one rule on matches where no part is the same.

Of name_v5's alerts on the development half of the generated multicultural names (names nobody
listed, docs/screening.md), half align two or more parts and none of them exactly — every pair
only alike by a typo, a folded spelling, a sound, a consonant key or an Arabic-script consonant
(abjad) key — while a part of one name is left over: 'Dacin Jamal Hassanah' / 'HASSAN, Jamil'
(jamal ~ jamil, hassanah ~ hassan), 'Ismail Suleiman' / 'MOSLEH, Ismael Salman', 'عارف بنو
عمرو' / 'Arif Umer'. Each near pair is weak evidence on its own; a name of which nothing is
spelt the same and something is missing rests on several weak pieces at once. A match with one
exact distinctive part, or with nothing left over on either side (a whole name respelt, as
romanisations and typos of a listed name are), is not touched.

It costs cross-script recall: a name in Arabic script meets its romanisations only through
abjad keys, so a listed person whose Arabic-script name has a part more is lowered too
(docs/screening.md, "Matching: name_v6"). Leaving abjad pairs out of the rule kept that recall
and lost the gain on the evaluation half with it; that variant was not kept.
"""

from __future__ import annotations

from torturefree.screening.matcher import NameComparison
from torturefree.screening.spelling import PARTICLES


def nothing_exact(result: NameComparison) -> bool:
    """At least two distinctive parts aligned, none exactly, and a distinctive part left over.

    Particles (al, bin, de) and one-letter parts (initials) are not distinctive here: they say
    whose son or which family, or too little, not who."""
    pairs = [how for q, _, _, how in result.pairs if q not in PARTICLES]
    if len(pairs) < 2 or "exact" in pairs:
        return False
    left = [*result.unmatched_query, *result.unmatched_alias]
    return any(t not in PARTICLES and len(t) > 1 for t in left)
