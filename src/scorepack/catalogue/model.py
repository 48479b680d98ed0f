"""The indicator catalogue: configuration, validated and frozen.

Every field here is documented in ``docs/catalogue.md``; a test checks that the
two stay in step.  Cross-field checks (a section that does not exist, bands
that contradict the polarity, ...) live in :mod:`scorepack.catalogue.rules`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=80)]
FinancialYear = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}$")]
Polarity = Literal["H", "L", "T"]
PeriodType = Literal["YTD", "SS", "R12M", "MONTH"]
Kind = Literal["percentage", "rate", "ratio", "count"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Owners(_Frozen):
    """Who answers for an indicator, printed on its exception page."""

    cabinet_member: str | None = None
    director: str | None = None
    portfolio: str | None = None
    division: str | None = None


class Bands(_Frozen):
    """RAG thresholds for one financial year.

    ``H``/``L``: ``green`` is the threshold at or beyond which the result is
    Green (defaults to the year's target); ``red`` is the floor beyond which it
    is Red.  ``T``: ``green_within`` and ``red_beyond`` are distances from the
    target.
    """

    green: float | None = None
    red: float | None = None
    green_within: float | None = Field(default=None, ge=0)
    red_beyond: float | None = Field(default=None, ge=0)


class Notes(_Frozen):
    """Data notes printed under an exception report."""

    source: str | None = None
    definition: str | None = None
    tolerance: str | None = None
    period: str | None = None
    bands: str | None = None
    data_quality: str | None = None
    """What the definition's data-quality count counts, as the end of a sentence after the
    number: ``placements with an unknown distance were left out``."""


SourceKind = Literal[
    "dfe", "ssda903", "cin-census", "regulation", "working-together", "ofsted", "local"
]
"""Where an indicator's definition comes from: a DfE statistical release, an
SSDA903 or CIN census item, a regulation, Working Together, Ofsted or local."""

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Definition(_Frozen):
    """An indicator's entry in the definition register.

    Every field is prose, written for the analyst who checks a figure; the
    register (``scorepack definitions``) prints them as they stand.
    """

    source_kind: SourceKind
    source: NonEmpty
    numerator: NonEmpty
    denominator: NonEmpty
    exclusions: tuple[NonEmpty, ...] = ()
    period: NonEmpty
    team: NonEmpty
    national_difference: NonEmpty | None = None
    """How the definition differs from the national one, and why; None when it
    is the national definition (or there is none: ``source_kind: local``)."""


class Labels(_Frozen):
    """Words for the numerator and denominator, used to draft commentary.

    ``52 of the 68 {denominator} {numerator} (76.5%).``
    """

    numerator: str
    denominator: str


class Section(_Frozen):
    id: Slug
    heading: str


class Cohort(_Frozen):
    """A sub-group results are also reported for: every child except those the
    building blocks named in ``excludes`` return, each from the month given
    there on (see ``docs/catalogue.md``)."""

    id: Slug
    label: str
    description: str | None = None
    excludes: tuple[Slug, ...] = ()


class Population(_Frozen):
    id: Slug
    label: str


class ActivityMeasure(_Frozen):
    """A column of the activity table.

    ``stock`` counts what is open at month end (this month, last month,
    change); ``flow`` counts what happened in the month.
    """

    id: Slug
    label: str
    type: Literal["stock", "flow"]
    measure: str | None = None


class Rebase(_Frozen):
    """A recalculation of SPC limits from ``period`` on, with the reason it was made."""

    period: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}$")]
    reason: Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class Spc(_Frozen):
    """How SPC (XmR) limits and rules are worked out; see ``docs/spc.md``."""

    min_points: int = Field(default=12, ge=2)
    baseline_points: int | None = Field(default=None, ge=2)
    run_length: int = Field(default=7, ge=2)
    trend_length: int = Field(default=7, ge=3)
    screen_outliers: bool = True
    rebase: tuple[Rebase, ...] = ()


class AppliesTo(_Frozen):
    """Which units an indicator is judged for; see ``docs/catalogue.md``."""

    kinds: tuple[str, ...] = ()
    units: tuple[Slug, ...] = ()
    excludes: tuple[Slug, ...] = ()


class PublishedMeasure(_Frozen):
    """A column of a published table, picked out by filter columns."""

    file: str
    measure: str
    filters: dict[str, str] = Field(default_factory=dict)
    year_offset: int = 0


class Benchmark(_Frozen):
    """The published measure an indicator is compared with; see ``docs/benchmarks.md``."""

    file: str
    measure: str
    filters: dict[str, str] = Field(default_factory=dict)
    comparable: Literal["comparable", "similar"] = "comparable"
    note: str | None = None
    per: int | None = Field(default=None, gt=0)
    population: PublishedMeasure | None = None


class Indicator(_Frozen):
    id: Slug
    number: str
    title: str
    section: Slug
    polarity: Polarity | None = None
    period_type: PeriodType
    kind: Kind
    per: int | None = Field(default=None, gt=0)
    population: Slug | None = None
    decimals: int | None = Field(default=None, ge=0, le=6)
    targets: dict[FinancialYear, float] = Field(default_factory=dict)
    bands: dict[FinancialYear, Bands] = Field(default_factory=dict)
    labels: Labels | None = None
    notes: Notes = Notes()
    owners: Owners | None = None
    cohorts: tuple[Slug, ...] = ()
    already_excludes: tuple[Slug, ...] = ()
    measure: str | None = None
    definition: Definition | None = None
    min_denominator: int | None = Field(default=None, ge=0)
    applies_to: AppliesTo | None = None
    spc: Spc | None = None
    benchmark: Benchmark | None = None

    @property
    def scored(self) -> bool:
        return self.polarity is not None

    @property
    def places(self) -> int:
        """Decimal places shown: as configured, else 0 for counts and 1 otherwise."""
        if self.decimals is not None:
            return self.decimals
        return 0 if self.kind == "count" else 1

    @property
    def multiplier(self) -> float:
        if self.kind == "percentage":
            return 100.0
        if self.kind == "rate":
            return float(self.per or 10_000)
        return 1.0


class Catalogue(_Frozen):
    name: str
    authority: str
    service: str
    owners: Owners = Owners()
    source: str | None = None
    scorecard_title: (
        Annotated[str, StringConstraints(pattern=r"^[^{}]*(\{unit\}[^{}]*)*$", min_length=1)] | None
    ) = None
    """The heading of every scorecard, ``{unit}`` standing for the unit's name,
    e.g. ``Scorecard - {unit}, inc UASC``; by default ``Scorecard – {unit}``."""
    la_code: str | None = None
    populations: tuple[Population, ...] = ()
    cohorts: tuple[Cohort, ...] = ()
    sections: tuple[Section, ...]
    indicators: tuple[Indicator, ...]
    activity: tuple[ActivityMeasure, ...] = ()
    case_roles: tuple[str, ...] = ()
    min_denominator: int = Field(default=10, ge=0)
    spc: Spc = Spc()

    def indicator(self, indicator_id: str) -> Indicator:
        for ind in self.indicators:
            if ind.id == indicator_id:
                return ind
        raise KeyError(indicator_id)

    def section(self, section_id: str) -> Section:
        for sec in self.sections:
            if sec.id == section_id:
                return sec
        raise KeyError(section_id)

    def owners_for(self, ind: Indicator) -> Owners:
        """The indicator's owners, each missing one taken from the catalogue's."""
        mine = ind.owners or Owners()
        return Owners(
            **{
                name: getattr(mine, name) or getattr(self.owners, name)
                for name in Owners.model_fields
            }
        )

    def scorecard_heading(self, unit_name: str, default: str = "Scorecard – {unit}") -> str:
        """A unit's scorecard heading: ``scorecard_title`` (or ``default``) for that unit."""
        return (self.scorecard_title or default).replace("{unit}", unit_name)

    def min_denominator_for(self, ind: Indicator) -> int:
        """The smallest denominator a result is rated on: the indicator's, else the catalogue's."""
        return ind.min_denominator if ind.min_denominator is not None else self.min_denominator

    def spc_for(self, ind: Indicator) -> Spc:
        """SPC settings: the indicator's block replaces the catalogue's."""
        return ind.spc or self.spc

    def source_for(self, ind: Indicator) -> str | None:
        return ind.notes.source or self.source

    @property
    def measure_ids(self) -> frozenset[str]:
        """Every id a figures file may name: indicators, activity measures, populations."""
        return frozenset(
            [i.id for i in self.indicators]
            + [a.id for a in self.activity]
            + [p.id for p in self.populations]
        )
