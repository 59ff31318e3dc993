"""Counting a panel's vote: consensus, else a simple majority of the experts present and voting
(the Group's Rule 13, parameter amendments/voting), with the dissenting opinions kept."""

from __future__ import annotations

from dataclasses import dataclass, field

from torturefree.lists.amendments.rules import Rules


@dataclass(frozen=True)
class Ballot:
    expert: str
    choice: str  # yes | no | abstain
    opinion: str | None = None


@dataclass(frozen=True)
class Tally:
    adopted: bool
    by: str  # consensus | majority | no_quorum
    yes: int
    no: int
    abstain: int
    present: int
    members: int
    dissents: list[Ballot] = field(default_factory=list)

    def words(self) -> str:
        if self.by == "no_quorum":
            return f"no quorum: {self.present} of {self.members} members present"
        result = "adopted" if self.adopted else "not adopted"
        how = "by consensus" if self.by == "consensus" else f"by {self.yes} votes to {self.no}"
        return (
            f"{result} {how}, {self.abstain} abstaining, {self.present} of {self.members} present"
        )


def tally(rules: Rules, members: int, ballots: list[Ballot]) -> Tally:
    """The outcome of the ballots of the experts present (an abstention is present, not voting)."""
    yes = sum(b.choice == "yes" for b in ballots)
    no = sum(b.choice == "no" for b in ballots)
    abstain = sum(b.choice == "abstain" for b in ballots)
    present = len(ballots)
    dissents = [b for b in ballots if b.choice == "no"]
    if present <= float(rules["voting"]["quorum"]) * members:
        return Tally(False, "no_quorum", yes, no, abstain, present, members, dissents)
    if no == 0 and yes > 0:
        return Tally(True, "consensus", yes, no, abstain, present, members)
    return Tally(yes > no, "majority", yes, no, abstain, present, members, dissents)
