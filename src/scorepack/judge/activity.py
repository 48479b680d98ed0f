"""The activity table: how much work each unit holds and took on this month.

Stock measures (open at month end) show this month, last month and the
change; flow measures (events in the month) show this month only.
"""

from __future__ import annotations

from scorepack.catalogue.model import Catalogue
from scorepack.catalogue.units import OrgTree
from scorepack.judge.model import ActivityCell, ActivityRow, ActivityTable
from scorepack.measures.model import Figure
from scorepack.measures.store import FigureStore
from scorepack.periods import Month


def _count(fig: Figure | None) -> float | None:
    if fig is None:
        return None
    return fig.value if fig.value is not None else fig.numerator


def activity_table(
    catalogue: Catalogue, tree: OrgTree, store: FigureStore, period: Month
) -> ActivityTable:
    """Every unit of the tree, depth first, with a cell per activity measure."""
    rows = []
    for unit in tree.walk():
        cells = []
        for measure in catalogue.activity:
            this = _count(store.get(measure.id, unit.id, period))
            last = (
                _count(store.get(measure.id, unit.id, period.shift(-1)))
                if measure.type == "stock"
                else None
            )
            cells.append((measure.id, ActivityCell(this, last)))
        if any(cell.this_month is not None for _, cell in cells):
            rows.append(ActivityRow(unit, tree.depth(unit.id), tuple(cells)))
    columns = tuple((m.id, m.label, m.type) for m in catalogue.activity)
    return ActivityTable(period, columns, tuple(rows))
