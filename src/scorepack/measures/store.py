"""Look figures up by indicator, unit, month and cohort.

A unit with no figure of its own takes the sum of its children's numerators
and denominators, provided every child has one: ratios roll up by summing
their parts, never by averaging results.  A rate whose row gives only a
numerator takes its denominator from the catalogue's population figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from scorepack.catalogue.model import Catalogue
from scorepack.catalogue.units import OrgTree
from scorepack.measures.model import ALL, Figure
from scorepack.periods import Month

Key = tuple[str, str, Month, str]


@dataclass(frozen=True)
class FigureStore:
    figures: dict[Key, Figure]
    catalogue: Catalogue
    tree: OrgTree
    _rolled: dict[Key, Figure | None] = field(default_factory=dict, compare=False, repr=False)
    _populations: dict[tuple[str, str], list[tuple[Month, float]]] = field(
        default_factory=dict, compare=False, repr=False
    )
    """Each population's figures for a unit, oldest first: indexed on first use."""

    @classmethod
    def from_figures(
        cls, figures: Iterable[Figure], catalogue: Catalogue, tree: OrgTree
    ) -> FigureStore:
        return cls({f.key: f for f in figures}, catalogue, tree)

    def __len__(self) -> int:
        return len(self.figures)

    def periods(self) -> list[Month]:
        return sorted({k[2] for k in self.figures})

    def get(self, indicator: str, unit: str, period: Month, cohort: str = ALL) -> Figure | None:
        """The unit's own figure, else its children's summed, else None."""
        key = (indicator, unit, period, cohort)
        if key in self.figures:
            return self._with_population(self.figures[key])
        if key not in self._rolled:
            self._rolled[key] = self._roll_up(indicator, unit, period, cohort)
        return self._rolled[key]

    def _roll_up(self, indicator: str, unit: str, period: Month, cohort: str) -> Figure | None:
        if unit not in self.tree:
            return None
        children = self.tree.children(unit)
        if not children:
            return None
        parts = [self.get(indicator, c.id, period, cohort) for c in children]
        if any(p is None or p.numerator is None for p in parts):
            return None
        num = sum(p.numerator for p in parts if p and p.numerator is not None)
        dens = [p.denominator for p in parts if p]
        den = None if any(d is None for d in dens) else sum(d for d in dens if d is not None)
        qs = [p.data_quality for p in parts if p]
        quality = None if any(q is None for q in qs) else sum(q for q in qs if q is not None)
        return Figure(indicator, unit, period, cohort, num, den, None, quality)

    def _with_population(self, fig: Figure) -> Figure:
        if fig.denominator is not None or fig.numerator is None:
            return fig
        try:
            ind = self.catalogue.indicator(fig.indicator)
        except KeyError:
            return fig
        if ind.kind != "rate" or ind.population is None:
            return fig
        pop = self.population(ind.population, fig.unit, fig.period)
        if pop is None:
            return fig
        return replace(fig, denominator=pop)

    def population(self, population: str, unit: str, period: Month) -> float | None:
        """The latest population figure for the unit given for this month or before."""
        if not self._populations:
            ids = {p.id for p in self.catalogue.populations}
            for (ind, u, p, _c), fig in sorted(self.figures.items(), key=lambda kv: kv[0][2]):
                value = fig.value if fig.value is not None else fig.numerator
                if ind in ids and value is not None:
                    self._populations.setdefault((ind, u), []).append((p, value))
            self._populations.setdefault(("", ""), [])  # indexed, even if there were none
        best = None
        for month, value in self._populations.get((population, unit), []):
            if month <= period:
                best = value
        return best
