"""Checking a review panel against the composition rules: size, regional spread, fields, conflicts."""

from __future__ import annotations

from torturefree.lists.amendments.model import Expert
from torturefree.lists.amendments.rules import Rules


def panel_problems(rules: Rules, members: list[Expert], conflicted: set[str]) -> list[str]:
    """Every way the panel falls short of the rules, in words; empty when it may review."""
    spec = rules["panel"]
    problems: list[str] = []
    if len(members) != len({m.id for m in members}):
        problems.append("an expert is named twice")
    if len(members) < int(spec["min_members"]):
        problems.append(f"{len(members)} members, the rules need at least {spec['min_members']}")
    groups = {m.regional_group for m in members}
    unknown = groups - set(spec["regional_groups"])
    if unknown:
        problems.append(f"unknown regional group(s): {', '.join(sorted(unknown))}")
    if len(groups) < int(spec["min_regional_groups"]):
        problems.append(
            f"{len(groups)} regional group(s), the rules need {spec['min_regional_groups']}"
        )
    fields = {f for m in members for f in m.fields}
    problems += [f"no expert in {f}" for f in spec["required_fields"] if f not in fields]
    technical = fields & set(spec["technical_fields"])
    if len(technical) < int(spec["min_technical"]):
        problems.append(f"no technical expertise among {', '.join(spec['technical_fields'])}")
    problems += [f"{m.id} declared a conflict of interest" for m in members if m.id in conflicted]
    return problems
