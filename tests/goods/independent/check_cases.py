"""Check the independent goods set: parses, ids unique, entry ids and categories valid for the
list version of each case's date, split complete and disjoint; print counts.
Run: python3 tests/goods/independent/check_cases.py"""

import collections
import json
import pathlib
import sys

import yaml

HERE = pathlib.Path(__file__).resolve().parent
BRIEF = pathlib.Path("/work/brief")
CUTOVER = "2025-08-20"
LANGS = {"en", "fr", "de", "es", "ru", "it", "nl", "pl", "pt", "ar", "zh"}
STYLES = {"catalogue", "customs", "tender", "email", "brochure"}
CATS = {"torture_only", "death_penalty_only", "torture_capable", "death_penalty_capable", None}


def main():
    lists = {}
    for d in ("2024-06-01", "2025-09-01"):
        lists[d] = {
            e["id"]: e for e in json.loads((BRIEF / f"entries-eu-{d}.json").read_text())["entries"]
        }
    cases = yaml.safe_load((HERE / "cases.yaml").read_text())
    split = yaml.safe_load((HERE / "split.yaml").read_text())
    errs = []
    ids = [c["id"] for c in cases]
    if len(ids) != len(set(ids)):
        errs.append("duplicate ids")
    cnt = {k: collections.Counter() for k in ("lang", "style", "annex", "outcome", "version", "hs")}
    for c in cases:
        i = c["id"]
        if c["lang"] not in LANGS:
            errs.append(f"{i}: lang")
        if c["style"] not in STYLES:
            errs.append(f"{i}: style")
        date = str(c["date"])
        ver = "2024-06-01" if date < CUTOVER else "2025-09-01"
        lst = lists[ver]
        exp = c["expected"]
        ctrl, ents, cat = exp["controlled"], exp["entries"], exp["category"]
        if cat not in CATS:
            errs.append(f"{i}: category {cat}")
        for e in ents:
            if e not in lst:
                errs.append(f"{i}: {e} not in list {ver}")
        if ctrl is True and not ents:
            errs.append(f"{i}: controlled without entries")
        if ctrl is False and (ents or cat):
            errs.append(f"{i}: negative with entries/category")
        if ctrl is None and not exp.get("missing"):
            errs.append(f"{i}: null without missing")
        if ents and all(e in lst for e in ents):
            cats = {lst[e]["category"] for e in ents}
            if len(cats) == 1 and cat != cats.pop():
                errs.append(f"{i}: category mismatch")
            for e in ents:
                cnt["annex"][lst[e]["annex"]] += 1
        cnt["lang"][c["lang"]] += 1
        cnt["style"][c["style"]] += 1
        cnt["outcome"][
            {True: "controlled", False: "not controlled", None: "undecidable"}[ctrl]
        ] += 1
        cnt["version"][ver] += 1
        cnt["hs"]["with hs_code" if c.get("hs_code") else "no hs_code"] += 1
    dev, ho = split["development"], split["held_out"]
    if set(dev) & set(ho):
        errs.append("split overlaps")
    if set(dev) | set(ho) != set(ids):
        errs.append("split does not cover the ids exactly")
    if len(ho) < 320:
        errs.append("held_out < 320")
    print(f"cases: {len(cases)}  development: {len(dev)}  held_out: {len(ho)}")
    for k, v in cnt.items():
        print(f"{k}: " + ", ".join(f"{a}={b}" for a, b in sorted(v.items())))
    covered = collections.defaultdict(set)
    for c in cases:
        ver = "2024-06-01" if str(c["date"]) < CUTOVER else "2025-09-01"
        if c["expected"]["controlled"] is True:
            covered[ver].update(c["expected"]["entries"])
    for ver, lst in lists.items():
        miss = sorted(set(lst) - covered[ver])
        print(f"entries of {ver} without a positive: {len(miss)} {miss}")
    for e in errs:
        print("ERROR", e)
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
