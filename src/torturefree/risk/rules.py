"""The findings themselves: one short function per finding, citing legal basis and sources."""

from __future__ import annotations

from dataclasses import dataclass

from torturefree.risk.assessment import EvidenceRef, Finding, RiskQuery
from torturefree.risk.catalogue import FindingsFile
from torturefree.risk.law import DestinationAnswer
from torturefree.risk.model import DeathPenaltyStatus, Weight
from torturefree.risk.profile import CountryProfile, Source
from torturefree.vocabulary import Knowledge

TORTURE = [Knowledge.TORTURE]
DEATH = [Knowledge.CAPITAL_PUNISHMENT]


@dataclass(frozen=True)
class Rules:
    config: FindingsFile
    query: RiskQuery
    profile: CountryProfile
    law: DestinationAnswer
    evidence: list[EvidenceRef]

    def findings(self) -> list[Finding]:
        found: list[Finding | None] = []
        if Knowledge.TORTURE in self.query.concerns:
            found += [*self._torture_evidence(), self._end_user(), self._indicators()]
            found += [self._ratifications(), self._missing_end_use("torture", TORTURE)]
        if Knowledge.CAPITAL_PUNISHMENT in self.query.concerns:
            found += [self._death_penalty_status(), self._capital_evidence(), self._annex_v()]
            found += [*self._discrepancies(), self._missing_end_use("death_penalty", DEATH)]
        return [f for f in found if f is not None]

    def _finding(
        self,
        code: str,
        concerns: list[Knowledge],
        summary: str,
        *,
        basis: str | None = None,
        evidence: list[str] | None = None,
        sources: list[Source] | None = None,
    ) -> Finding:
        return Finding(
            code=code,
            concerns=concerns,
            summary=summary,
            legal_basis=self.config.basis(basis or code),
            evidence=evidence or [],
            sources=sources or [],
        )

    def _sources(self, *figures: str) -> list[Source]:
        return [s for s in self.profile.sources if s.figure in figures]

    def _torture_evidence(self) -> list[Finding]:
        items = [e for e in self.evidence if Knowledge.TORTURE in e.concerns]
        if not items:
            return [self._finding("no_evidence_in_register", TORTURE, self._no_items_text())]
        result = []
        for weight, label in ((Weight.SHALL, "shall"), (Weight.MAY, "may")):
            chosen = [e for e in items if e.weight is weight and e.within_lookback]
            if chosen:
                result.append(
                    self._finding(
                        "torture_evidence",
                        TORTURE,
                        f"{len(chosen)} item(s) the authority {label} take into account, dated "
                        f"within the look-back ({', '.join(_cite(e) for e in chosen)}).",
                        evidence=[e.id for e in chosen],
                    )
                )
        older = [e for e in items if not e.within_lookback]
        if older:
            result.append(
                self._finding(
                    "torture_evidence",
                    TORTURE,
                    f"{len(older)} older item(s), before the look-back: still available evidence "
                    f"({', '.join(_cite(e) for e in older)}).",
                    evidence=[e.id for e in older],
                )
            )
        return result

    def _no_items_text(self) -> str:
        # Said so that the country-wide scores shown next are not read as contradicting it.
        text = (
            "No evidence item (court ruling, UN body, CPT or NGO report) on torture or "
            "ill-treatment in this country is recorded in the register up to this date. "
        )
        if self.profile.indicators:
            text += "The indicators below are country-wide scores, not evidence items. "
        return text + "None recorded is not evidence of absence: check the Art. 12(2) sources."

    def _end_user(self) -> Finding | None:
        user = (self.query.end_user or "").casefold().strip()
        if not user:
            return None
        named = [e for e in self.evidence if any(_same_party(user, u) for u in e.end_users)]
        if not named:
            return None
        return self._finding(
            "end_user_named",
            [k for k in Knowledge if any(k in e.concerns for e in named)],
            f"The end user '{self.query.end_user}' is named in {len(named)} item(s): "
            f"{', '.join(_cite(e) for e in named)}.",
            evidence=[e.id for e in named],
        )

    def _indicators(self) -> Finding | None:
        shown = self.profile.indicators
        if not shown:
            return None
        parts = [f"{name} {fig.display()} ({fig.year})" for name, fig in shown.items()]
        return self._finding(
            "torture_indicators",
            TORTURE,
            "Indicators coded from civil-society and government reports: "
            + "; ".join(parts)
            + ". PTS: 1 (secure) to 5 (terror); "
            "CIRIGHTS torture: 0 frequent, 1 occasional, 2 none.",
            sources=self._sources(*shown),
        )

    def _ratifications(self) -> Finding | None:
        known = {k: v for k, v in self.profile.ratifications.items() if v is not None}
        if not known:
            return None
        text = ", ".join(f"{k}: {'party' if v else 'not party'}" for k, v in known.items())
        return self._finding(
            "ratifications",
            TORTURE,
            f"Treaty status on {self.query.date}: {text}.",
            sources=self._sources(*(f"party:{k}" for k in known)),
        )

    def _death_penalty_status(self) -> Finding:
        status, p = self.profile.status, self.profile
        if status is None or p.death_penalty_status is None:
            return self._finding(
                "death_penalty_status",
                DEATH,
                "No death-penalty status is known for this country up to this date.",
            )
        text = f"Death-penalty status {status.year}: {p.death_penalty_status.value}"
        for label, fig in (("executions", p.executions), ("death sentences", p.death_sentences)):
            if fig is not None:
                text += f"; {label} {fig.display()} ({fig.year})"
        return self._finding(
            "death_penalty_status",
            DEATH,
            text + ".",
            sources=self._sources("status", "executions", "death_sentences"),
        )

    def _capital_evidence(self) -> Finding | None:
        items = [e for e in self.evidence if Knowledge.CAPITAL_PUNISHMENT in e.concerns]
        if not items:
            return None
        return self._finding(
            "capital_punishment_evidence",
            DEATH,
            f"{len(items)} item(s) on capital punishment: {', '.join(_cite(e) for e in items)}.",
            evidence=[e.id for e in items],
        )

    def _annex_v(self) -> Finding:
        where = "is" if self.law.member else "is not"
        return self._finding(
            "general_authorisation",
            DEATH,
            f"By law the country {where} a destination of {self.law.set_title} on "
            f"{self.query.date} (data release {self.law.release}).",
        )

    def _discrepancies(self) -> list[Finding]:
        """The law's list against current facts.

        Annex V was drawn for states that abolished for all crimes (recitals of 2020/621).
        """
        if not self.law.member:
            return []
        found = []
        status = self.profile.death_penalty_status
        if status is not None and status is not DeathPenaltyStatus.ABOLITIONIST_ALL_CRIMES:
            found.append(
                self._finding(
                    "annex_v_discrepancy",
                    DEATH,
                    f"Listed in Annex V, but its status is {status.value} "
                    f"({self.profile.status.year if self.profile.status else '?'}).",
                    sources=self._sources("status"),
                )
            )
        if self.profile.ratifications.get("ICCPR-OP2") is False:
            found.append(
                self._finding(
                    "annex_v_discrepancy",
                    DEATH,
                    "Listed in Annex V, but not recorded as party to the ICCPR Second "
                    "Optional Protocol.",
                    sources=self._sources("party:ICCPR-OP2"),
                )
            )
        return found

    def _missing_end_use(self, concern: str, concerns: list[Knowledge]) -> Finding | None:
        if self.query.end_use_information is not False:
            return None
        return self._finding(
            "end_use_information_missing",
            concerns,
            "End user and end use are not shown; where the law says so, insufficient information "
            "is deemed reasonable grounds to believe the goods might be so used.",
            basis=f"end_use_information_missing_{concern}",
        )


def _cite(e: EvidenceRef) -> str:
    symbol = f" {e.citation.symbol}" if e.citation.symbol else ""
    return f"{e.issuing_body}{symbol}, {e.date}"


def _same_party(query: str, named: str) -> bool:
    other = named.casefold().strip()
    return bool(other) and (query in other or other in query)
