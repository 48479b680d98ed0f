"""The definitions as scripts a council's DBA can review and schedule.

``scorepack sql --dialect tsql --out DIR`` writes, for one catalogue:

``00-building-blocks.sql``  the shared building blocks as temporary tables,
                            in the order they are made;
``<measure>.sql``           one script per definition: its query, or for a
                            year-to-date definition its events as a temporary
                            table, the shared ending and the drop.

Every script expects the helper tables ``months``, ``calendar``, ``unit_tree``
and ``cohorts`` (described in each script's header) to exist as temporary
tables: they are data scorepack makes from the months asked for, the
bank-holiday calendar and the unit tree.
"""

from __future__ import annotations

from pathlib import Path

from scorepack.catalogue.model import Catalogue
from scorepack.measures import helpers, portable
from scorepack.measures.compute import definition, jobs
from scorepack.measures.engines import dialect_for

HEADER = """-- scorepack {name}, written for {dialect}.
-- Reads the helper tables months(period, period_start, period_end, fy_start,
-- r12m_start), calendar(cal_date, is_working_day, working_day_no, month_start,
-- fy_start), unit_tree(team_id, unit_id) and cohorts(cohort), as temporary
-- tables{temp}, and the building blocks of 00-building-blocks.sql.
"""


def scripts(catalogue: Catalogue, measures_dir: Path, dialect: str) -> dict[str, str]:
    """``{file name: script}`` for every definition the catalogue names."""
    writer = dialect_for(dialect)
    temp = f" (named {writer.temp('months')} and so on)" if writer.temp_prefix else ""

    def script(name: str, statements: list[str]) -> str:
        head = HEADER.format(name=name, dialect=dialect, temp=temp)
        return head + "\n" + "".join(f"{s.strip()};\n\n" for s in statements).rstrip() + "\n"

    blocks = [
        writer.create_as(name, portable.parse(portable.helper_sql(name)))
        for name in helpers.SQL_HELPERS
    ]
    out = {"00-building-blocks.sql": script("building blocks", blocks)}
    for measure in sorted({job.measure for job in jobs(catalogue)}):
        defn = portable.parse(definition(measures_dir, measure))
        out[f"{measure}.sql"] = script(measure, writer.statements(defn))
    return out
