"""goods_v1, goods_v2 and goods_v3: quality on independent and own cases, speed, memory, beside two baselines.

    python benchmarks/goods.py [--n 1000000] [--seed 7] [--dev-misses]

Prints, for one core (one Python process):
  * goods_v1, goods_v2, goods_v3 and the two anchors on the independent labelled set
    (tests/goods/independent: development and held-out side by side, aggregate figures only; the
    held-out part is measured, never looked at case by case), per language, annex and style;
    --dev-misses lists the development part's misses of the last version (never the held-out part's);
  * quality of each version on tests/goods/cases.yaml, per category and per language
    (that set was written beside the lexicon: it flatters both);
  * records per second for the code/CAS path (declarations with only a code or CAS number) and the
    text path (descriptions, most with a code), peak memory (max RSS);
  * the same generated declarations through two baselines: "code" flags every declaration whose code
    falls under any entry's code; "bm25" ranks entry titles and notes (the law's wording) with bm25s
    and flags the declaration when the best score reaches a threshold (the best-F1 threshold on the
    labelled cases, which flatters the baseline).
Speed is CPU time of this process (time.process_time): the machine is shared, so wall-clock time
would measure the neighbours too; wall-clock totals are printed as well.
Declarations are generated from the labelled cases (perturbed: case, typos, filler words, figures,
reordered clauses) and from ordinary goods, so labels are known; most real declarations are ordinary.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import bm25s

from goods_independent import print_independent
from torturefree.goods.classifier import Classifier
from torturefree.goods.evaluation import Case, evaluate, format_report, load_cases
from torturefree.goods.query import Classification, EntryScore, GoodsQuery
from torturefree.goods.scope import Classifiers
from torturefree.lists import load_catalogue
from torturefree.rules.scopes import jurisdiction_classifiers

ALGORITHMS = ("goods_v1", "goods_v2", "goods_v3")

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "goods" / "cases.yaml"
DATE = dt.date(2025, 9, 1)
CHUNK = 50_000

# Ordinary trade for the bulk of the generated declarations (benchmark input, not classifier data).
ORDINARY = [
    ("cotton t-shirts, men's, printed", "6109 10 00"),
    ("LED lamps E27 9W", "8539 52 00"),
    ("stainless steel screws M6", "7318 15 88"),
    ("mobile phone cases, silicone", "3926 90 97"),
    ("office chairs, swivel", "9401 31 00"),
    ("wooden dining table", "9403 60 10"),
    ("bicycle chains", "7315 11 90"),
    ("garden hose 25 m", "3917 32 00"),
    ("frozen shrimps", "0306 17 92"),
    ("laptop computers 14 inch", "8471 30 00"),
    ("paracetamol tablets 500 mg", "3004 90 00"),
    ("steel wire ropes", "7312 10 98"),
    ("leather handbags", "4202 21 00"),
    ("plastic storage boxes", "3924 90 00"),
    ("ceramic floor tiles", "6907 21 00"),
    ("car tyres 205/55 R16", "4011 10 00"),
    ("aluminium window frames", "7610 10 00"),
    ("electric kettles 1.7 l", "8516 71 00"),
    ("hand tools, spanners", "8204 11 00"),
    ("padlocks brass 40 mm", "8301 10 00"),
    ("dog leashes, nylon", "4201 00 00"),
    ("spray bottles, plastic, empty", "3923 30 90"),
    ("hospital beds, electric", "9402 90 00"),
    ("chili sauce 250 ml", "2103 90 90"),
    ("fishing rods, carbon", "9507 10 00"),
]
FILLERS = [
    "new",
    "qty 200",
    "for export",
    "model 2024",
    "pcs",
    "ref. A-113",
    "packed in cartons",
    "grade A",
]


@dataclass(frozen=True)
class Declaration:
    query: GoodsQuery
    controlled: bool


def generate(cases: list[Case], n: int, seed: int, *, text: bool) -> Iterator[Declaration]:
    """n declarations: 10 % listed goods, 20 % look-alikes from the cases, 70 % ordinary goods."""
    rng = random.Random(seed)
    positives = [c for c in cases if c.controlled and c.jurisdiction == "EU"]
    negatives = [c for c in cases if not c.controlled and c.jurisdiction == "EU"]
    for _ in range(n):
        roll = rng.random()
        if roll < 0.1:
            case = rng.choice(positives)
            yield Declaration(_variant(case.query, rng, text), True)
        elif roll < 0.3:
            case = rng.choice(negatives)
            yield Declaration(_variant(case.query, rng, text), False)
        else:
            description, code = rng.choice(ORDINARY)
            query = GoodsQuery(description=description, hs_code=code)
            yield Declaration(_variant(query, rng, text), False)


def _variant(query: GoodsQuery, rng: random.Random, text: bool) -> GoodsQuery:
    code = query.hs_code
    if code and rng.random() < 0.5:
        code = code.replace(" ", "") + f"{rng.randrange(100):02d}"  # a 10-digit TARIC code
    if not text:
        return GoodsQuery(hs_code=code or "3926909700", cas=query.cas)
    description = query.description or query.cas or "goods"
    parts = description.split(", ")
    if len(parts) > 1 and rng.random() < 0.3:
        rng.shuffle(parts)
    words = ", ".join(parts).split()
    if rng.random() < 0.3:
        i = rng.randrange(len(words))
        words[i] = _typo(words[i], rng)
    if rng.random() < 0.5:
        words.append(rng.choice(FILLERS))
    if rng.random() < 0.2:
        words.append(f"{rng.randrange(1, 999)} pcs")
    joined = " ".join(words)
    joined = joined.upper() if rng.random() < 0.2 else joined
    return GoodsQuery(description=joined, hs_code=code, cas=query.cas, lang=query.lang)


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 6:
        return word
    i = rng.randrange(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    records: int = 0
    seconds: float = 0.0

    def add(self, flagged: bool, truth: bool) -> None:
        if truth:
            self.tp += flagged
            self.fn += not flagged
        else:
            self.fp += flagged
            self.tn += not flagged

    def line(self, name: str) -> str:
        recall = self.tp / max(1, self.tp + self.fn)
        precision = self.tp / max(1, self.tp + self.fp)
        fpr = self.fp / max(1, self.fp + self.tn)
        rate = self.records / self.seconds if self.seconds else 0.0
        return (
            f"{name:34} {rate:12,.0f} {precision:9.3f} {recall:7.3f} {fpr:7.4f} {self.records:>10,}"
        )


class CodeBaseline:
    """Flags a declaration whose code falls under any code an entry lists (ex or not)."""

    def __init__(self, classifier: Classifier) -> None:
        self.codes = {
            c.digits for e in classifier.index.entries.values() for c in e.version.cn_codes
        }
        self.lengths = sorted({len(c) for c in self.codes})

        self.owners: dict[str, list[str]] = {}
        for e in classifier.index.entries.values():
            for c in e.version.cn_codes:
                self.owners.setdefault(c.digits, []).append(e.id)

    def flag(self, query: GoodsQuery) -> bool:
        digits = (query.hs_code or "").replace(" ", "")
        return any(digits[:n] in self.codes for n in self.lengths)

    def answer(self, classifier: Classifier, query: GoodsQuery) -> Classification:
        """As an answer: controlled as every entry listing a code above the declared one."""
        digits = (query.hs_code or "").replace(" ", "")
        hits = [e for n in self.lengths for e in self.owners.get(digits[:n], [])]
        return _answer(classifier, hits, "anchor code prefix")


class BM25Baseline:
    """Ranks entries' titles and notes against the description; flags when the best score is high."""

    def __init__(self, classifier: Classifier) -> None:
        corpus = [
            " ".join([e.version.title, *e.version.notes]) for e in classifier.index.entries.values()
        ]
        self.ids = list(classifier.index.entries)
        self.retriever = bm25s.BM25()
        self.retriever.index(bm25s.tokenize(corpus, show_progress=False), show_progress=False)
        self.threshold = 0.0

    def scores(self, texts: list[str]) -> list[float]:
        tokens = bm25s.tokenize(texts, show_progress=False)
        _, scores = self.retriever.retrieve(tokens, k=1, show_progress=False, n_threads=1)
        return [float(s[0]) for s in scores]

    def answer(self, classifier: Classifier, query: GoodsQuery) -> Classification:
        """As an answer: controlled as the best entry when its score reaches the threshold."""
        tokens = bm25s.tokenize([query.description or ""], show_progress=False)
        docs, scores = self.retriever.retrieve(tokens, k=1, show_progress=False, n_threads=1)
        hit = [self.ids[int(docs[0][0])]] if float(scores[0][0]) >= self.threshold > 0 else []
        return _answer(classifier, hit, "anchor bm25")

    def tune(self, texts: list[str], truth: list[bool]) -> None:
        """The best-F1 threshold on the labelled cases."""
        scored = sorted(zip(self.scores(texts), truth, strict=True), reverse=True)
        best, tp, fp, positives = 0.0, 0, 0, sum(truth)
        for score, label in scored:
            tp, fp = tp + label, fp + (not label)
            f1 = 2 * tp / (tp + fp + positives)
            if f1 > best and score > 0:
                best, self.threshold = f1, score


def _answer(classifier: Classifier, hits: list[str], name: str) -> Classification:
    entries = []
    for entry_id in dict.fromkeys(hits):
        if entry_id in classifier.index.entries:
            v = classifier.index.entries[entry_id].version
            entries.append(EntryScore(entry_id, "", v.annex, v.item, v.category, v.title, 1.0))
    return Classification(bool(entries), None, tuple(entries), (), name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dev-misses", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    classifiers = jurisdiction_classifiers(load_catalogue())
    cases = load_cases(CASES)
    classifier = classifiers.get("EU", DATE)
    code_base, bm25 = CodeBaseline(classifier), BM25Baseline(classifier)
    eu_cases = [c for c in cases if c.jurisdiction == "EU" and c.query.description]
    bm25.tune([c.query.description or "" for c in eu_cases], [c.controlled for c in eu_cases])
    print(f"bm25 threshold (best F1 on tests/goods/cases.yaml): {bm25.threshold:.3f}")
    anchors = {"anchor code prefix": code_base.answer, "anchor bm25": bm25.answer}
    print_independent(classifiers, ALGORITHMS, anchors, dev_misses=args.dev_misses)
    _own_cases(classifiers, cases)
    header = f"{'path / method':34} {'records/s':>12} {'precision':>9} {'recall':>7} {'FPR':>7} {'records':>10}"
    print(f"\n{args.n:,} generated declarations, one core\n{header}")
    ours = {name: classifiers.get("EU", DATE, name) for name in ALGORITHMS}
    for path, text in (("code/CAS", False), ("text", True)):
        flags = {name: (Counts(), Counts()) for name in ALGORITHMS}
        base, bm = Counts(), Counts()
        stream = generate(cases, args.n, args.seed + text, text=text)
        while chunk := [d for _, d in zip(range(CHUNK), stream, strict=False)]:
            for name, (flag, strict) in flags.items():
                _measure_ours(ours[name], chunk, flag, strict)
            _measure_code_baseline(code_base, chunk, base)
            if text:
                _measure_bm25(bm25, chunk, bm)
        for name, (flag, strict) in flags.items():
            print(flag.line(f"{path}: {name} (true or null)"))
            print(strict.line(f"{path}: {name} (true only)"))
        print(base.line(f"{path}: baseline code prefix"))
        if text:
            print(bm.line(f"{path}: baseline bm25"))
    print(f"wall-clock for the whole run: {time.perf_counter() - started:,.0f} s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory (max RSS, whole run incl. baselines): {peak:,.0f} MiB")


def _own_cases(classifiers: Classifiers, cases: list[Case]) -> None:
    for name in ALGORITHMS:
        report = evaluate(
            cases, lambda c, n=name: classifiers.get(c.jurisdiction, c.date, n).classify(c.query)
        )
        print(f"\n{name} on tests/goods/cases.yaml (written beside the lexicon; recall counts true")
        print("and null; FPR counts true)")
        print(format_report(report))


def _measure_ours(
    classifier: Classifier, chunk: list[Declaration], flag: Counts, strict: Counts
) -> None:
    classify = classifier.classify
    start = time.process_time()
    results = [classify(d.query) for d in chunk]
    elapsed = time.process_time() - start
    for counts in (flag, strict):
        counts.records += len(chunk)
        counts.seconds += elapsed
    for declaration, result in zip(chunk, results, strict=True):
        flag.add(result.controlled is not False, declaration.controlled)
        strict.add(result.controlled is True, declaration.controlled)


def _measure_code_baseline(base: CodeBaseline, chunk: list[Declaration], counts: Counts) -> None:
    start = time.process_time()
    flags = [base.flag(d.query) for d in chunk]
    counts.seconds += time.process_time() - start
    counts.records += len(chunk)
    for declaration, flagged in zip(chunk, flags, strict=True):
        counts.add(flagged, declaration.controlled)


def _measure_bm25(bm25: BM25Baseline, chunk: list[Declaration], counts: Counts) -> None:
    start = time.process_time()
    scores = bm25.scores([d.query.description or "" for d in chunk])
    counts.seconds += time.process_time() - start
    counts.records += len(chunk)
    for declaration, score in zip(chunk, scores, strict=True):
        counts.add(score >= bm25.threshold, declaration.controlled)


if __name__ == "__main__":
    main()
