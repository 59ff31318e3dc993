"""Sets name_v4 was not tuned on, each split into a development half and a held-out half.

name_v5's two rules (and name_v6's one) were written looking at the previous version's alerts
on the development half of the multicultural negatives only (and checked against the
development half of the UN persons); the held-out halves were not looked at.

Multicultural negatives: person names composed from the given-name and family-name lists that
Faker ships per locale (29 locales, many of them frequency-weighted census or registry lists),
in the locale's own script and, for non-Latin locales, also as a clerk would type them in Latin
letters (rigour's transliteration). Nothing here reads our matcher: the names share common parts
with listed ones (Mohamed, Kim, Nguyen, Garcia…) because people do. A generated name whose parts
are exactly a listed name's parts is a namesake, not a false alert, and is counted apart.

UN positives: the dev set's 680 clean and perturbed UN persons, split by a hash of the entity.

The split is by a hash of the name (negatives) or of the entity id (positives): even → dev,
odd → held-out. name_v4's rules were written looking at the dev set's 1,000 negatives only
(screening-dev), before this generator existed; its knobs are not tuned on either half here.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from pathlib import Path

from faker import Faker
from rigour.text import ascii_text

from screening_common import logic_hits, to_query
from torturefree.screening.algorithm import get_config
from torturefree.screening.index import NameIndex
from torturefree.screening.normalize import name_key
from torturefree.screening.query import Query, parse_query
from torturefree.screening.screen import Screener

LOCALES = (
    "ar_AA", "ar_SA", "fa_IR", "ru_RU", "uk_UA", "zh_CN", "zh_TW", "ja_JP", "ko_KR", "vi_VN",
    "hi_IN", "en_IN", "bn_BD", "en_PK", "es_MX", "pt_BR", "fr_FR", "de_DE", "tr_TR", "az_AZ",
    "en_US", "yo_NG", "ha_NG", "id_ID", "th_TH", "he_IL", "el_GR", "ka_GE", "zu_ZA",
)  # fmt: skip
ALGORITHMS = ("name_v3", "name_v4", "name_v5", "name_v6")


def _half(text: str) -> str:
    return "dev" if hashlib.sha1(text.encode()).digest()[0] % 2 == 0 else "held-out"


def negatives(count: int, seed: int = 17) -> list[str]:
    """`count` distinct person names across the locales, in turn, some with two given names."""
    return [name for name, _, _ in negatives_with_facts(count, seed)]


def negatives_with_facts(count: int, seed: int = 17) -> list[tuple[str, str | None, str]]:
    """Names as above with what an application records of a party: the locale's country
    (none for ar_AA, Faker's pan-Arab locale) and a birth date between 1940 and 2005."""
    fakers = {loc: Faker(loc) for loc in LOCALES}
    for n, fake in enumerate(fakers.values()):
        fake.seed_instance(seed + n)
    names: dict[str, tuple[str | None, str]] = {}
    turn = 0
    while len(names) < count:
        locale = LOCALES[turn % len(LOCALES)]
        fake = fakers[locale]
        given = fake.first_name() if turn % 3 else f"{fake.first_name()} {fake.first_name()}"
        name = f"{given} {fake.last_name()}"
        if turn % 2 and not name.isascii():
            name = ascii_text(name)  # the same name typed in Latin letters
        country = locale.split("_")[1].lower() if "_" in locale else None
        born = fake.date_between_dates(dt.date(1940, 1, 1), dt.date(2005, 12, 31)).isoformat()
        names.setdefault(name, (None if country == "aa" else country, born))
        turn += 1
    return [(name, country, born) for name, (country, born) in names.items()]


def _namesakes(indexes: list[NameIndex]) -> set[tuple[str, ...]]:
    return {tuple(sorted(a.key.tokens)) for index in indexes for a in index.aliases}


def negatives_report(indexes: list[NameIndex], raw: dict[str, dict[str, object]], threshold: float,
                     count: int, logic_count: int) -> None:  # fmt: skip
    for facts in (False, True):
        _negatives(indexes, raw, threshold, count, logic_count, facts)


def _negatives(indexes: list[NameIndex], raw: dict[str, dict[str, object]], threshold: float,
               count: int, logic_count: int, facts: bool) -> None:  # fmt: skip
    listed = _namesakes(indexes)
    queries: dict[str, list[Query]] = {"dev": [], "held-out": []}
    skipped = 0
    for name, country, born in negatives_with_facts(count):
        extra = {"country": country, "birth_date": born} if facts else {}
        query = parse_query({"name": name, "schema": "Person", **extra})
        if tuple(sorted(name_key(name, True).tokens)) in listed:
            skipped += 1
            continue
        queries[_half(name)].append(query)
    screeners = {a: Screener(indexes, get_config(a)) for a in ALGORITHMS}
    cells = []
    for half, items in queries.items():
        shares = [
            f"{a} {sum(bool(s.screen(q, threshold, 1)) for q in items) / len(items):.4f}"
            for a, s in screeners.items()
        ]
        sample = items[:logic_count]
        logic = sum(any(logic_hits(i, raw, q, threshold) for i in indexes) for q in sample)
        shares.append(f"logic-v2 {logic / max(len(sample), 1):.4f} (first {len(sample)})")
        cells.append(f"{half} (n={len(items)}): " + "  ".join(shares))
    label = "with facts" if facts else "name only"
    print(f"synthetic negatives ({label:10}) false alerts  {'   |   '.join(cells)}")
    print(f"  ({skipped} generated names are exactly a listed name's parts: namesakes, left out)")


def positives_report(index: NameIndex, raw: dict[str, dict[str, object]], dev: Path,
                     threshold: float) -> None:  # fmt: skip
    by_name: dict[str, set[str]] = {}
    for target in index.targets:
        for name, _ in target.names:
            by_name.setdefault(name.casefold(), set()).add(target.entity_id)
    plain = list(csv.DictReader((dev / "cgb_positives_un_untreated.csv").open()))
    screeners = {a: Screener([index], get_config(a)) for a in ALGORITHMS}
    for label, file in (("clean", "cgb_positives_un_untreated.csv"),
                        ("perturbed", "cgb_positives_un_treated.csv")):  # fmt: skip
        found: dict[str, dict[str, int]] = {"dev": {}, "held-out": {}}
        totals = {"dev": 0, "held-out": 0}
        for row, truth_row in zip(csv.DictReader((dev / file).open()), plain, strict=True):
            truth = by_name.get(truth_row["full_name"].casefold())
            if not truth:
                continue
            half = _half(min(truth))
            totals[half] += 1
            query = to_query(row)
            tally = found[half]
            for a, s in screeners.items():
                tally[a] = tally.get(a, 0) + any(
                    m.entity_id in truth for m in s.screen(query, threshold, 10)
                )
            tally["logic-v2"] = tally.get("logic-v2", 0) + bool(
                truth & logic_hits(index, raw, query, threshold)
            )
        cells = [
            f"{h} (n={totals[h]}): "
            + "  ".join(f"{m} {c / totals[h]:.4f}" for m, c in found[h].items())
            for h in found
        ]
        print(f"UN persons {label:9} recall (synthetic)       {'   |   '.join(cells)}")


def heldout(shared: Path, threshold: float, count: int, logic_count: int) -> None:
    """Every set above, dev and held-out side by side, name_v3, name_v4, name_v5 and logic-v2."""
    from screening_common import load

    un, un_raw = load("un-xml", shared / "watchlists/un_consolidated_2026-02-27.xml", "un")
    sdn, sdn_raw = load("ofac-sdn", shared / "watchlists/ofac_sdn_2021", "sdn")
    print(
        "real labelled pairs: none in this checkout's shared data (docs/screening.md, "
        '"Evaluation protocol"); the figures below are synthetic'
    )
    positives_report(un, un_raw, shared / "screening-dev", threshold)
    negatives_report([un, sdn], {**un_raw, **sdn_raw}, threshold, count, logic_count)


def command_timing(shared: Path, count: int = 2000, threshold: float = 0.7) -> None:
    """The whole `torturefree screen` command over `count` names against SDN 2021 + UN, first
    run (builds and stores the indexes) and second run (reads them), in a fresh home; then the
    start alone (one name, stored index) and the anchor: nomenklatura logic-v2 scoring the first
    200 names on our candidates (matching only: it has no index or command of its own here)."""
    import json
    import subprocess
    import sys
    import tempfile
    import time

    exe = str(Path(sys.executable).with_name("torturefree"))
    names = negatives(count)
    with tempfile.TemporaryDirectory() as home:
        for fmt, name, path in (
            ("ofac-sdn", "sdn", shared / "watchlists/ofac_sdn_2021"),
            ("un-xml", "un", shared / "watchlists/un_consolidated_2026-02-27.xml"),
        ):
            args = [exe, "watchlist", "import", "--format", fmt, "--name", name, str(path)]
            subprocess.run([*args, "--home", home], check=True, capture_output=True)
        text = "".join(json.dumps({"id": str(n), "name": q}) + "\n" for n, q in enumerate(names))
        runs = (
            ("first run (builds the index)", text, count),
            ("second run (stored index)", text, count),
            ("start: 1 name, stored index", text.splitlines()[0], 1),
        )
        for label, given, queries in runs:
            # CPU time of the child too: on a shared machine wall time mostly measures the others.
            cpu = _children_cpu()
            start = time.perf_counter()
            subprocess.run([exe, "screen", "-", "--home", home], input=given.encode(),
                           capture_output=True, check=False)  # fmt: skip
            took, used = time.perf_counter() - start, _children_cpu() - cpu
            print(
                f"whole command, {queries:4} names, {label:30} wall {took:6.2f} s "
                f"{queries / took:6.0f} q/s   cpu {used:6.2f} s {queries / used:6.0f} q/s"
            )
        _anchor_rate(Path(home), names[:200], threshold)


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _anchor_rate(home: Path, names: list[str], threshold: float) -> None:
    import time

    from torturefree.screening.service import load_screener
    from torturefree.screening.store import WatchlistStore

    store = WatchlistStore(home)
    screener, infos = load_screener(store)
    raw = {e["id"]: e for i in infos for e in store.entities(i.name, i.version)}
    queries = [parse_query({"name": n}) for n in names]
    start, cpu = time.perf_counter(), time.process_time()
    for query in queries:
        for index in screener.indexes:
            logic_hits(index, raw, query, threshold)
    took, used = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"anchor: logic-v2 on our candidates, {len(queries)} names, matching only       "
        f"wall {took:6.2f} s {len(queries) / took:6.0f} q/s   cpu {used:6.2f} s "
        f"{len(queries) / used:6.0f} q/s"
    )
