"""From evidence to an answer: exclusions, cues and parameters, then controlled / not / look."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum

from torturefree.goods.evidence import EntryEvidence, Strength, describe_hit
from torturefree.goods.index import GoodsIndex
from torturefree.goods.lexicon import PhraseHit
from torturefree.goods.parameters import Effect, Verdict, check_rule, evaluate_rule, rule_words
from torturefree.goods.quantities import Measurement
from torturefree.goods.query import Classification, EntryScore, GoodsQuery
from torturefree.lists.model import ParameterRule
from torturefree.vocabulary import Category

# When two entries are equally likely, name the one whose consequences are heavier first.
_SEVERITY = {
    Category.TORTURE_ONLY: 3,
    Category.DEATH_PENALTY_ONLY: 3,
    Category.DEATH_PENALTY_CAPABLE: 2,
    Category.TORTURE_CAPABLE: 1,
}


class Status(int, Enum):
    NOT = 0
    REVIEW = 1
    CONTROLLED = 2


@dataclass(slots=True)
class _Context:
    """What the whole description says, shared by every entry's judgement."""

    stems: set[str]
    described: bool
    figures: Mapping[str, list[Measurement]]
    excluding_cues: list[PhraseHit] = field(default_factory=list)
    review_cues: list[PhraseHit] = field(default_factory=list)
    exclusions: dict[str, list[PhraseHit]] = field(default_factory=lambda: defaultdict(list))


class Decider:
    """Judges each entry's evidence and combines them into one Classification."""

    def __init__(self, index: GoodsIndex, version: str, max_entries: int) -> None:
        self.index = index
        self.version = version
        self.max_entries = max_entries
        self._rule_stems: dict[str, frozenset[str]] = {}

    def decide(
        self,
        query: GoodsQuery,
        found: dict[str, EntryEvidence],
        hits: Sequence[PhraseHit],
        stems: set[str],
        figures: Mapping[str, list[Measurement]],
        notes: list[str],
    ) -> Classification:
        if not found:  # most trade: nothing points to any entry
            lines = [*notes, *_figure_lines(figures), _verdict(self.version, False, [])]
            return Classification(False, None, (), tuple(lines), self.version)
        context = self._context(query, hits, stems, figures)
        _drop_explained_parts(found)
        lines = list(notes) + _figure_lines(figures)
        judged: dict[str, Status] = {}
        candidates = []
        for entry_id, evidence in found.items():
            if evidence.code_only:
                candidates.append(evidence)
            else:
                judged[entry_id] = self._judge(evidence, context, lines)
        self._judge_candidates(candidates, context, lines, judged)
        self._drop_subsumed(found, judged, lines)
        return self._combine(found, judged, lines)

    def _context(
        self,
        query: GoodsQuery,
        hits: Sequence[PhraseHit],
        stems: set[str],
        figures: Mapping[str, list[Measurement]],
    ) -> _Context:
        context = _Context(stems, bool(query.description), figures)
        for hit in hits:
            if not hit.complete:
                continue
            if hit.phrase.kind == "cue":
                target = (
                    context.excluding_cues if hit.phrase.ref == "excludes" else context.review_cues
                )
                target.append(hit)
            elif hit.phrase.kind == "exclusion":
                context.exclusions[hit.phrase.owner].append(hit)
        return context

    def _judge(self, ev: EntryEvidence, ctx: _Context, lines: list[str]) -> Status:
        entry_id = ev.entry_id
        lines.extend(f"text: {describe_hit(h)} names {entry_id}" for h in ev.text)
        lines.extend(ev.codes + ev.cas)
        if ev.partial and not ev.text:
            best = max(ev.partial, key=lambda h: h.coverage)
            lines.append(
                f"text: part of {describe_hit(best)} of {entry_id}"
                f" ({len(best.matched)} of {len(set(best.phrase.stems))} words)"
            )
        against = self._against(ev, ctx)
        if against is not None:
            status, line = against
            lines.append(line)
            if status is Status.NOT:
                return status
            ev.open_questions.append(line)
        self._parameters(ev, ctx)
        lines.extend(ev.support)
        if any("parameter" in a for a in ev.against):
            lines.extend(ev.against)
            return Status.NOT
        lines.extend(f"open: {q}" for q in ev.open_questions)
        return self._status(ev, ctx, lines)

    def _judge_candidates(
        self,
        candidates: list[EntryEvidence],
        ctx: _Context,
        lines: list[str],
        judged: dict[str, Status],
    ) -> None:
        """Entries only a code points to: a person looks when nothing is described or a cue says so."""
        idle = []
        for ev in candidates:
            lines.extend(ev.codes)
            cues = self._review_cues(ev, ctx)
            if not ctx.described or cues:
                lines.extend(f"context '{h.phrase.owner}': {describe_hit(h)}" for h in cues)
                judged[ev.entry_id] = Status.REVIEW
            else:
                judged[ev.entry_id] = Status.NOT
                idle.append(ev.entry_id)
        if idle:
            lines.append(f"code candidates without evidence in the description: {', '.join(idle)}")

    def _review_cues(self, ev: EntryEvidence, ctx: _Context) -> list[PhraseHit]:
        if not ctx.review_cues:
            return []
        entry = self.index.entries[ev.entry_id]
        if any(
            self.index.cue_applies(self.index.cues[h.phrase.owner], entry)
            for h in ctx.excluding_cues
        ):
            return []
        cues = self.index.cues
        return [h for h in ctx.review_cues if self.index.cue_applies(cues[h.phrase.owner], entry)]

    def _against(self, ev: EntryEvidence, ctx: _Context) -> tuple[Status, str] | None:
        """An exclusion named in the description, or a context cue, takes the entry out."""
        entry = self.index.entries[ev.entry_id]
        rules = {r.id: r for r in entry.version.parameters}
        for hit in ctx.exclusions.get(ev.entry_id, []):
            line = f"exclusion '{hit.phrase.ref}' of {ev.entry_id}: {describe_hit(hit)}"
            rule = rules.get(hit.phrase.ref)
            # 'hinged handcuffs, 320 mm overall' calls itself ordinary; the figures say otherwise.
            if rule is not None and evaluate_rule(rule, ctx.figures)[0] is Verdict.FAILS:
                ev.support.append(line + ", but the figures of that exclusion are not met")
                continue
            named = max((len(h.matched) for h in ev.text), default=0)
            if named > len(hit.matched) + 1:
                # 'aerial dispenser for riot control agents, UAV payload': the exclusion ('UAV',
                # aerial platforms as such) is a part named beside far more specific goods.
                return Status.REVIEW, line + ", but the goods are named more specifically"
            return Status.NOT, line
        for hit in ctx.excluding_cues:
            cue = self.index.cues[hit.phrase.owner]
            if self.index.cue_applies(cue, entry):
                why = f"context '{cue.id}' ({describe_hit(hit)}) rules out {ev.entry_id}"
                return Status.NOT, f"{why}: {cue.citation.title}"
        return None

    def _parameters(self, ev: EntryEvidence, ctx: _Context) -> None:
        for rule in self.index.entries[ev.entry_id].version.parameters:
            about = bool(self._stems_of(rule) & ctx.stems)
            check = check_rule(rule, ctx.figures, about)
            line = f"parameter '{rule.id}' of {ev.entry_id} ({rule.effect}): {check.detail}"
            if check.effect is Effect.EXCLUDES:
                ev.against.append(line)
            elif check.effect is Effect.NEEDS_FIGURES:
                ev.open_questions.append(line + " (figures needed)")
                if about:
                    ev.rule_strength = max(ev.rule_strength, Strength.REVIEW)
            elif check.effect is Effect.SUPPORTS or (about and check.test is Verdict.FAILS):
                ev.support.append(line)
            if about and _decides(rule.effect, check.test):
                # Goods named by a rule and outside its exclusion (or inside its requirement).
                ev.rule_strength = Strength.STRONG

    def _stems_of(self, rule: ParameterRule) -> frozenset[str]:
        """Listed words a rule speaks of ('ordinary handcuffs' -> handcuff), not generic ones."""
        key = f"{rule.id}|{rule.description}"
        if key not in self._rule_stems:
            stems = self.index.normaliser.stems(rule_words(rule))
            spread = self.index.lexicon.spread
            self._rule_stems[key] = frozenset(s for s in stems if spread(s) > 0)
        return self._rule_stems[key]

    def _status(self, ev: EntryEvidence, ctx: _Context, lines: list[str]) -> Status:
        best = ev.best
        if best is Strength.STRONG:
            return Status.REVIEW if ev.open_questions else Status.CONTROLLED
        if best is Strength.REVIEW:
            return Status.REVIEW
        candidate = ev.code_strength is Strength.WEAK or ev.cas_strength is Strength.WEAK
        cues = self._review_cues(ev, ctx)
        # Two independent hints (a code or part of a name, and a cue) send the goods to a person:
        # 'tear gas grenade' is part of 'tear gas spray' and says 'tear gas'.
        if (candidate and (ev.partial or cues or not ctx.described)) or (ev.partial and cues):
            lines.extend(f"context '{h.phrase.owner}': {describe_hit(h)}" for h in cues)
            return Status.REVIEW
        if candidate:
            lines.append(
                f"{ev.entry_id}: a code or CAS candidate, but the description gives no evidence"
                " for it"
            )
        return Status.NOT

    def _drop_subsumed(
        self, found: dict[str, EntryEvidence], judged: dict[str, Status], lines: list[str]
    ) -> None:
        """'spit hood' names Annex III 1.4; its 'hood' must not also name Annex II 2.11."""
        # A longer name decides what the goods are even when its own entry is then excluded:
        # 'pepper spray liquid, 0.2 % OC' is a liquid (3.4, below the threshold), not a spray (3.1).
        named = {e: ev for e, ev in found.items() if ev.text}
        for entry_id, ev in named.items():
            if judged[entry_id] is Status.NOT:
                continue
            longer = _longer_match(ev, [o for k, o in named.items() if k != entry_id])
            if longer is None or ev.cas_strength or ev.code_strength is Strength.STRONG:
                continue
            judged[entry_id] = Status.NOT
            lines.append(
                f"{entry_id}: its words are part of {describe_hit(longer.text[0])},"
                f" which names {longer.entry_id}"
            )

    def _combine(
        self, found: dict[str, EntryEvidence], judged: dict[str, Status], lines: list[str]
    ) -> Classification:
        top = max(judged.values(), default=Status.NOT)
        chosen = [
            self._score(found[e]) for e, s in judged.items() if s is top and top is not Status.NOT
        ]
        chosen.sort(key=lambda s: (-s.score, -_SEVERITY[s.category], s.id))
        chosen = chosen[: self.max_entries]
        controlled = {Status.CONTROLLED: True, Status.REVIEW: None, Status.NOT: False}[top]
        category = chosen[0].category if chosen else None
        lines.append(_verdict(self.version, controlled, chosen))
        return Classification(
            controlled, category, tuple(chosen), tuple(dict.fromkeys(lines)), self.version
        )

    def _score(self, ev: EntryEvidence) -> EntryScore:
        entry = self.index.entries[ev.entry_id]
        v = entry.version
        return EntryScore(
            ev.entry_id, entry.instrument_short, v.annex, v.item, v.category, v.title, ev.score()
        )


def _drop_explained_parts(found: dict[str, EntryEvidence]) -> None:
    """'pepper spray' names 3.1 in full; those words are no hint of 'cell pepper spray system'."""
    complete = [h.matched for ev in found.values() for h in ev.text]
    for ev in found.values():
        ev.partial = [p for p in ev.partial if not any(p.matched <= m for m in complete)]


def _decides(effect: str, test: Verdict) -> bool:
    return (effect == "excluded" and test is Verdict.FAILS) or (
        effect == "required" and test is Verdict.HOLDS
    )


def _longer_match(ev: EntryEvidence, others: list[EntryEvidence]) -> EntryEvidence | None:
    for other in others:
        if all(any(h.matched < o.matched for o in other.text) for h in ev.text):
            return other
    return None


def _figure_lines(figures: Mapping[str, list[Measurement]]) -> list[str]:
    return [
        f"figure: {name} = {', '.join(f'{m.value:g}' for m in ms)} (from '{ms[0].source}')"
        for name, ms in sorted(figures.items())
    ]


def _verdict(version: str, controlled: bool | None, chosen: list[EntryScore]) -> str:
    if controlled is None:
        return f"{version}: a person must look — possible {', '.join(e.id for e in chosen)}"
    if controlled:
        return f"{version}: controlled as {', '.join(e.id for e in chosen)}"
    return f"{version}: not controlled — no entry in force is supported by the evidence"
