"""Column buffers for the simulated tables and the writer that turns them into files.

Rows are appended column by column (lists of plain Python values) in the order the
records schema declares.  Identifiers may be given as integers: the writer turns them
into text with a short prefix per identifier family (``P0000042`` for a person), so the
simulation never builds millions of small strings.  Dates are day ordinals
(``date.toordinal()``) and become Arrow ``date32`` values.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from scorepack.records.schema import TABLES, Column, Table

#: Prefix of integer identifiers, by the column that owns the identifier family.
ID_PREFIX = {
    "pers_person_id": "P",
    "prof_professional_id": "W",
    "invo_involvements_id": "INV",
    "immi_immigration_status_id": "IMM",
    "cine_referral_id": "REF",
    "cina_assessment_id": "ASM",
    "cinp_cin_plan_id": "CINP",
    "cinv_cin_visit_id": "CINV",
    "s47e_s47_enquiry_id": "S47",
    "icpc_icpc_id": "ICPC",
    "cppl_cp_plan_id": "CPP",
    "cppv_cp_visit_id": "CPV",
    "cppr_cp_review_id": "CPR",
    "clae_cla_episode_id": "EPI",
    "clae_cla_id": "CLA",
    "clap_cla_placement_id": "PLC",
    "clar_cla_review_id": "LAR",
    "clah_health_check_id": "HC",
    "lacp_table_id": "LACP",
    "perm_table_id": "PERM",
    "clea_table_id": "CL",
    "lega_legal_status_id": "LEG",
    "pfn_notification_id": "PFN",
    "pfa_arrangement_id": "PFA",
    "pfv_visit_id": "PFV",
    "cfa_audit_id": "CFA",
    "qar_rating_id": "QAR",
    "estp_post_id": "POST",
    "stfa_assignment_id": "ASG",
    "fosa_allocation_id": "FOSA",
    "fosa_household_id": "FH",
}
_ORDINAL_EPOCH = 719163  # date(1970, 1, 1).toordinal()
_ID_WIDTH = 7


def _prefix_for(col: Column) -> str:
    """The identifier prefix a column's integer values take."""
    if col.name in ID_PREFIX:
        return ID_PREFIX[col.name]
    if col.references:
        return ID_PREFIX.get(col.references.split(".", 1)[1], "")
    return ""


class Buffer:
    """Appendable columns of one table, in schema order."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.names = tuple(c.name for c in table.columns)
        self.columns: dict[str, list[Any]] = {n: [] for n in self.names}
        self._append: list[tuple[str, Callable[[Any], None]]] = [
            (n, self.columns[n].append) for n in self.names
        ]

    def add(self, **values: Any) -> None:
        """Append one row; columns not given are left empty, unknown names are refused."""
        if len(values) > len(self.names) or not values.keys() <= self.columns.keys():
            unknown = sorted(set(values) - set(self.names))
            raise KeyError(f"{self.table.name}: unknown columns {unknown}")
        get = values.get
        for name, append in self._append:
            append(get(name))

    def __len__(self) -> int:
        return len(self.columns[self.names[0]])

    def arrow(self) -> pa.Table:
        """The buffered rows as an Arrow table with text ids, dates and flags."""
        arrays = []
        for col in self.table.columns:
            arrays.append(_to_arrow(col, self.columns[col.name]))
        return pa.Table.from_arrays(arrays, names=list(self.names))


def _to_arrow(col: Column, values: list[Any]) -> pa.Array:
    if col.type == "date":
        days = pa.array(values, pa.int32())
        return pc.subtract(days, pa.scalar(_ORDINAL_EPOCH, pa.int32())).cast(pa.date32())
    if col.type == "number":
        return pa.array(values, pa.float64())
    if col.type == "id":
        first = next((v for v in values if v is not None), None)
        if isinstance(first, int):
            text = pc.utf8_lpad(pc.cast(pa.array(values, pa.int64()), pa.string()), _ID_WIDTH, "0")
            return pc.binary_join_element_wise(_prefix_for(col), text, "")
    return pa.array(values, pa.string())


class Store:
    """All table buffers of one simulated extract."""

    def __init__(self) -> None:
        self.buffers = {t.name: Buffer(t) for t in TABLES}
        self._next: dict[str, int] = {}

    def __getitem__(self, name: str) -> Buffer:
        return self.buffers[name]

    def next_id(self, family: str) -> int:
        """A fresh integer id in ``family`` (1, 2, 3, ...)."""
        n = self._next.get(family, 0) + 1
        self._next[family] = n
        return n

    def write(
        self,
        out_dir: Path,
        fmt: str = "parquet",
        progress: Callable[[str, int, int], None] | None = None,
    ) -> dict[str, int]:
        """Write one file per table into ``out_dir``; returns row counts by table."""
        out_dir.mkdir(parents=True, exist_ok=True)
        counts: dict[str, int] = {}
        total = len(self.buffers)
        for i, (name, buf) in enumerate(self.buffers.items()):
            table = buf.arrow()
            if fmt == "parquet":
                pq.write_table(table, out_dir / f"{name}.parquet", compression="zstd")
            elif fmt == "csv":
                pacsv.write_csv(table, out_dir / f"{name}.csv")
            else:
                raise ValueError(f"unknown format {fmt!r}; use 'parquet' or 'csv'")
            counts[name] = table.num_rows
            buf.columns = {n: [] for n in buf.names}  # release memory as we go
            if progress:
                progress("write", i + 1, total)
        return counts
