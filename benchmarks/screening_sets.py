"""Two labelled sets made from the real lists: leave-one-alias-out (SDN 2021) and original script
(UN). Each prints recall and alerts on another entity for ours (name_v2, name_v3) and logic-v2.

Leave-one-alias-out: 1,000 entities with two names or more are sampled; one alias of each is left
out of the index and screened, (a) as a bare name with the entity's schema, (b) with the facts an
application records of a party: its country and, for a person, the birth date (the entity's
first). Alerts on an entity carrying the very same name are counted apart (SDN lists some names
on several entities; any name matcher must raise those).

Original script: every UN name in Arabic, Cyrillic or Chinese script is left out of the index and
screened; the entity should come back from its Latin names alone.
"""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path
from typing import Any

from screening_common import best_scores, load, logic_hits, our_hits
from torturefree.errors import InputError
from torturefree.screening.index import NameIndex, build_index
from torturefree.screening.query import Query, parse_query
from torturefree.screening.service import active_targets

MATCHERS = ("name_v2", "name_v3", "name_v4", "name_v5", "name_v6", "logic-v2")
SCRIPTS = ("ARABIC", "CYRILLIC", "CJK")
NAME_PROPS = ("name", "alias", "weakAlias", "previousName")


def loao_sample(index: NameIndex, count: int) -> list[int]:
    """One random alias of each of `count` random entities that have two names or more."""
    by_target: dict[int, list[int]] = {}
    for number, alias in enumerate(index.aliases):
        if len(alias.key.tokens) <= 15:
            by_target.setdefault(alias.target, []).append(number)
    entities = sorted(t for t, numbers in by_target.items() if len(index.targets[t].names) > 1)
    rng = random.Random(0)
    picked = rng.sample(entities, min(count, len(entities)))
    return [rng.choice(by_target[t]) for t in picked]


def leave_one_alias_out(shared: Path, threshold: float, count: int) -> None:
    index, raw = load("ofac-sdn", shared / "watchlists/ofac_sdn_2021", "sdn")
    same_name: dict[tuple[str, ...], set[str]] = {}
    for alias in index.aliases:
        same_name.setdefault(tuple(sorted(alias.key.tokens)), set()).add(
            index.targets[alias.target].entity_id
        )
    picked = loao_sample(index, count)
    for label, facts in (("name only", False), ("with facts", True)):
        tally = {m: [0, 0, 0] for m in MATCHERS}
        for number in picked:
            alias = index.aliases[number]
            target = index.targets[alias.target]
            query = _loao_query(alias.name, target, facts)
            twins = same_name[tuple(sorted(alias.key.tokens))] - {target.entity_id}
            for matcher in MATCHERS:
                hits = _hits(matcher, index, raw, query, threshold, number)
                tally[matcher][0] += target.entity_id in hits
                tally[matcher][1] += bool(hits - {target.entity_id} - twins)
                tally[matcher][2] += bool(hits - {target.entity_id})
        _print(f"SDN leave-one-alias-out, {label}", tally, len(picked))
        _curve(index, picked, same_name, facts, label)


def _curve(
    index: NameIndex,
    picked: list[int],
    same_name: dict[tuple[str, ...], set[str]],
    facts: bool,
    label: str,
) -> None:
    """name_v3's recall and alerts (same-name entities apart) at thresholds above 0.7: what a
    list's own threshold (`watchlist threshold`) would buy."""
    pairs = []
    for number in picked:
        alias = index.aliases[number]
        target = index.targets[alias.target]
        query = _loao_query(alias.name, target, facts)
        twins = same_name[tuple(sorted(alias.key.tokens))] - {target.entity_id}
        scores = best_scores(index, query, "name_v3", 0.5, number)
        own = scores.pop(target.entity_id, 0.0)
        pairs.append((own, max((v for k, v in scores.items() if k not in twins), default=0.0)))
    cells = []
    for threshold in (0.75, 0.8, 0.85, 0.9, 0.95):
        recall = sum(own >= threshold for own, _ in pairs) / len(pairs)
        alerts = sum(other >= threshold for _, other in pairs) / len(pairs)
        cells.append(f"{threshold:.2f}: {recall:.3f}/{alerts:.3f}")
    print(f"{'  name_v3 recall/alerts by threshold':38} {label:27} {'   '.join(cells)}")


def original_script(shared: Path, threshold: float) -> None:
    path = shared / "watchlists/un_consolidated_2026-02-27.xml"
    _, raw = load("un-xml", path, "un")
    entities = [_latin_only(e) for e in raw.values()]
    latin = build_index(active_targets("un", entities))
    latin_raw = {e["id"]: e for e in entities}
    for script in SCRIPTS:
        queries = _script_queries(raw, script)
        tally = {m: [0, 0, 0] for m in MATCHERS}
        for entity_id, query in queries:
            for matcher in MATCHERS:
                hits = _hits(matcher, latin, latin_raw, query, threshold)
                tally[matcher][0] += entity_id in hits
                tally[matcher][1] += bool(hits - {entity_id})
                tally[matcher][2] += bool(hits - {entity_id})
        _print(f"UN names in {script.lower()} script", tally, len(queries), twins=False)
        _latin_reference(latin, latin_raw, {e for e, _ in queries}, threshold)


def _latin_reference(
    index: NameIndex, raw: dict[str, Any], entity_ids: set[str], threshold: float
) -> None:
    """How often the same entities' own first Latin name alerts on another entity: the share
    a list's families and namesakes cause whatever the script (name_v3)."""
    alerts = 0
    for entity_id in sorted(entity_ids):
        entity = raw[entity_id]
        try:
            query = parse_query(
                {"name": entity["properties"]["name"][0], "schema": entity["schema"]}
            )
        except InputError:
            continue
        alerts += bool(our_hits(index, query, "name_v3", threshold) - {entity_id})
    share = alerts / max(len(entity_ids), 1)
    print(
        f"{'  (their Latin names, for reference)':38} {'alerts on another entity':27} name_v3 {share:.4f}   (n={len(entity_ids)})"
    )


def _hits(
    matcher: str,
    index: NameIndex,
    raw: dict[str, Any],
    query: Query,
    threshold: float,
    leave_out: int = -1,
) -> set[str]:
    if matcher == "logic-v2":
        return logic_hits(index, raw, query, threshold, leave_out)
    return our_hits(index, query, matcher, threshold, leave_out)


def _loao_query(name: str, target: Any, facts: bool) -> Query:
    schema = target.schema
    data: dict[str, Any] = {
        "name": name,
        "schema": schema
        if schema in ("Person", "Organization", "Company", "Vessel", "LegalEntity")
        else None,
    }
    if facts:
        countries = sorted(c for c in target.countries if len(c) == 2)
        data["country"] = countries[0] if countries else None
        if target.is_person and target.birth_dates:
            data["birth_date"] = target.birth_dates[0]
    return parse_query(data)


def _script_of(name: str) -> str | None:
    for char in name:
        if char.isalpha() and ord(char) > 0x24F:
            return unicodedata.name(char, "?").split()[0]
    return None


def _latin_only(entity: dict[str, Any]) -> dict[str, Any]:
    """The entity without its names in Arabic, Cyrillic or Chinese script."""
    props = dict(entity.get("properties", {}))
    for prop in NAME_PROPS:
        if prop in props:
            props[prop] = [v for v in props[prop] if _script_of(v) not in SCRIPTS]
    if not props.get("name"):
        props["name"] = [entity.get("caption") or entity["id"]]
    return {**entity, "properties": props}


def _script_queries(raw: dict[str, Any], script: str) -> list[tuple[str, Query]]:
    """(entity id, query) for each name of the script; names too long for a query are skipped."""
    out = []
    for entity_id, entity in raw.items():
        if entity["schema"] not in ("Person", "Organization", "LegalEntity", "Company"):
            continue
        for prop in NAME_PROPS:
            for name in entity.get("properties", {}).get(prop, []):
                if _script_of(name) != script:
                    continue
                try:
                    out.append((entity_id, parse_query({"name": name, "schema": entity["schema"]})))
                except InputError:
                    continue
    return out


def _print(label: str, tally: dict[str, list[int]], n: int, twins: bool = True) -> None:
    rows = [("recall", 0), ("alerts on another entity", 1)]
    if twins:
        rows.append(("  incl. same-name entities", 2))
    for name, column in rows:
        row = "   ".join(f"{m} {t[column] / max(n, 1):.4f}" for m, t in tally.items())
        print(f"{label:38} {name:27} {row}   (n={n})")
