from __future__ import annotations

from torturefree.risk import RiskContext
from torturefree.risk.regions import region_statistics


def test_regions_sum_lower_bounds_and_cite_their_year(context: RiskContext) -> None:
    stats = region_statistics(context, 2022)
    regions = {r["region"]: r for r in stats["regions"]}
    asia = regions["Asia"]
    # CN 1,000s + IR 576+ + AF "+" (at least 2): a lower bound, and says so.
    assert asia["executions"]["minimum"] == 1000 + 576 + 2
    assert asia["executions"]["lower_bound"] is True
    assert regions["Americas"]["death_sentences"]["countries_unknown"] == 1  # US "TBC"
    assert regions["Americas"]["evidence_items"] == 1
    assert regions["Americas"]["practices"] == {"lethal_injection": 1}
    assert stats["sources"][0]["dataset"] == "amnesty-death-penalty"
    assert stats["sources"][0]["year"] == 2022
