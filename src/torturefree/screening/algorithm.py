"""name_v1, name_v2, name_v3: versioned matcher configurations. Never change a released config in place."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from torturefree.errors import InputError


@dataclass(frozen=True, slots=True)
class NameV1Config:
    """Every knob of name_v1, documented in docs/screening.md; results record the whole config."""

    # Default alert threshold; a watchlist may set its own (list_thresholds) and a query may override.
    threshold: float = 0.7
    list_thresholds: dict[str, float] = field(default_factory=dict, hash=False, compare=False)
    # Weight multiplier for legal forms (Ltd, OOO) and stopwords: they must never match alone.
    weak_token_factor: float = 0.1
    # Matched information (sum of IDF of matched query tokens) needed for a full score.
    required_information: float = 7.0
    # Share of the name score taken from query coverage (the rest from alias coverage).
    query_coverage_share: float = 0.6
    # Both names keep a distinctive unmatched token: they name different things.
    conflict_share: float = 0.25
    # Each edit costs this share of the token's length: 'salek'/'saleh' is 0.7, not 0.8.
    edit_cost: float = 1.5
    initial_similarity: float = 0.75
    abbreviation_similarity: float = 0.8
    phonetic_similarity: float = 0.85
    skeleton_similarity: float = 0.85
    merged_tokens_factor: float = 0.97
    # UN "Low" quality aliases are weak by the UN's own grading.
    weak_alias_factor: float = 0.9
    birth_date_match: float = 0.05
    birth_date_mismatch: float = 0.2
    country_match: float = 0.02
    country_mismatch: float = 0.05
    identifier_match: float = 0.2
    # Retrieval: how many aliases survive the index to be scored in full.
    candidates: int = 40

    def threshold_for(self, watchlist: str, override: float | None = None) -> float:
        if override is not None:
            return override
        return self.list_thresholds.get(watchlist, self.threshold)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class NameV2Config:
    """Every knob of name_v2 (bulk scoring, graded spelling similarity), see docs/screening.md."""

    threshold: float = 0.7
    list_thresholds: dict[str, float] = field(default_factory=dict, hash=False, compare=False)
    weak_token_factor: float = 0.1
    # Particles (al, bin, ould, van, de) say little about who is meant, like legal forms.
    particle_factor: float = 0.3
    required_information: float = 7.0
    # Score = share x coverage of the better-covered name + rest x the other: a name that is a
    # whole part of the other (missing patronymic, dropped legal suffix) is not punished twice.
    best_coverage_share: float = 0.6
    conflict_share: float = 0.25
    # Token similarity: normalised Levenshtein s on the raw or transliteration-folded spelling,
    # graded (s - floor) / (1 - floor); below min_similarity it is no match at all.
    similarity_floor: float = 0.4
    min_similarity: float = 0.7
    # Folded spellings ('puangpetch'/'phuangphet') are a little less sure than raw ones.
    folded_factor: float = 0.95
    initial_similarity: float = 0.75
    abbreviation_similarity: float = 0.8
    phonetic_similarity: float = 0.85
    phonetic_min_length: int = 3
    skeleton_similarity: float = 0.85
    merged_tokens_factor: float = 0.97
    weak_alias_factor: float = 0.9
    birth_date_match: float = 0.05
    birth_date_mismatch: float = 0.2
    country_match: float = 0.02
    country_mismatch: float = 0.05
    identifier_match: float = 0.2
    # Retrieval: aliases scored per query and list; keys in more aliases than the cap are skipped.
    candidates: int = 60
    posting_share: float = 0.02

    def threshold_for(self, watchlist: str, override: float | None = None) -> float:
        if override is not None:
            return override
        return self.list_thresholds.get(watchlist, self.threshold)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class NameV3Config(NameV2Config):
    """name_v2 plus abjad keys, acronyms and firmer secondary features (docs/screening.md)."""

    # The spacing-blind comparison of whole names is for names spaced differently ('ABDUL HAI'
    # / 'ABDULHAI'): names with as many parts on both sides are compared part by part only.
    merged_needs_other_spacing: bool = True
    # A name with an article written onto it ('ALOTAIBI') and without ('OTAIBI').
    article_similarity: float = 0.9
    # An abbreviation is its word's beginning or at most this share of its length.
    abbreviation_max_share: float = 0.7
    # Arabic-script words against Latin spellings, on consonant keys (abjad.py): same key.
    abjad_similarity: float = 0.9
    # Keys of one or two consonants ('l' of 'Ali', 'bd' of 'Abd') name many words.
    abjad_short_similarity: float = 0.8
    # One consonant apart, in keys of four or more.
    abjad_typo_similarity: float = 0.7
    # A whole name's keys written together ('عبد المالك' / 'ABDELMALEK'), at least this alike...
    abjad_joined_min: float = 0.95
    abjad_joined_min_length: int = 6
    # ...score this share of their similarity.
    abjad_joined_factor: float = 0.9
    # An acronym equal to the other name's initials ('IUVM'), by acronym length (3 / 4 or more).
    acronym_similarity: float = 0.85
    acronym_short_similarity: float = 0.75
    acronym_min_length: int = 3
    # Initials shared by more aliases than this in a list identify none of them.
    acronym_max_namesakes: int = 3
    birth_date_match: float = 0.1
    birth_date_mismatch: float = 0.3
    country_match: float = 0.03
    country_mismatch: float = 0.1


@dataclass(frozen=True, slots=True)
class NameV4Config(NameV3Config):
    """name_v3 plus agreement of the rare parts (rules_v4.py, docs/screening.md)."""

    # A name read syllable by syllable (Han, Kana, Hangul) matched through a part that is only
    # close: its readings are different characters.
    inexact_reading_factor: float = 0.8
    # One part carrying the whole match while a part at least this share as rare as it is left
    # unmatched on either side ('Sebastiano Schleich' / 'SEBASTIANO').
    single_part_factor: float = 0.85
    rare_left_share: float = 0.5
    # A pair counts as carrying the match from this similarity (initials, 0.75, do not).
    strong_pair_min: float = 0.8


@dataclass(frozen=True, slots=True)
class NameV5Config(NameV4Config):
    """name_v4 plus two rules on how little the match rests on (rules_v5.py, docs/screening.md)."""

    # A part of at most this many letters (on the shorter side) matched only approximately (a
    # typo, a folded spelling, a sound or consonant key): short names share sounds by chance
    # ('Jun' / 'John', 'Luo' / 'Liu'). The factor applies once per such pair.
    short_part_letters: int = 4
    short_approximate_factor: float = 0.8
    # Fewer than half of the query's parts matched (five syllables against a two-part name).
    few_parts_factor: float = 0.85


@dataclass(frozen=True, slots=True)
class NameV6Config(NameV5Config):
    """name_v5 plus one rule on matches with no part in common exactly (rules_v6.py)."""

    # At least two distinctive parts aligned, none of them exactly (every one a typo, a folded
    # spelling, a sound, a consonant key, an abjad key...), while a distinctive part is left
    # unmatched on either side ('Dacin Jamal Hassanah' / 'HASSAN, Jamil').
    nothing_exact_factor: float = 0.85


AlgorithmConfig = NameV1Config | NameV2Config
ALGORITHMS: dict[str, AlgorithmConfig] = {
    "name_v1": NameV1Config(),
    "name_v2": NameV2Config(),
    "name_v3": NameV3Config(),
    "name_v4": NameV4Config(),
    "name_v5": NameV5Config(),
    "name_v6": NameV6Config(),
}
# New screenings use name_v3; name_v1 and name_v2 stay selectable so recorded results re-run
# the same.
DEFAULT_ALGORITHM = "name_v3"


def get_config(name: str = DEFAULT_ALGORITHM, **overrides: Any) -> AlgorithmConfig:
    """The named algorithm's config, optionally with documented fields overridden."""
    if name not in ALGORITHMS:
        raise InputError(
            f"unknown algorithm {name!r}; known: {sorted(ALGORITHMS)}", field="algorithm"
        )
    config = ALGORITHMS[name]
    return replace(config, **overrides) if overrides else config


def algorithm_name(config: AlgorithmConfig) -> str:
    """The registered name of a config's algorithm (what results record)."""
    if isinstance(config, NameV6Config):
        return "name_v6"
    if isinstance(config, NameV5Config):
        return "name_v5"
    if isinstance(config, NameV4Config):
        return "name_v4"
    if isinstance(config, NameV3Config):
        return "name_v3"
    return "name_v2" if isinstance(config, NameV2Config) else "name_v1"
