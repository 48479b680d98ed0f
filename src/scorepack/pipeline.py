"""Moved to :mod:`scorepack.service`; these names remain for existing callers."""

from scorepack.service.judge import SCOPES, JudgedMonth, judge_month, report_units
from scorepack.service.render import FORMATS, render_files

__all__ = ["FORMATS", "SCOPES", "JudgedMonth", "judge_month", "render_files", "report_units"]
