"""SPC (XmR) limits, special-cause rules and icons, specified by golden cases.

``golden/spc.yaml`` holds worked datasets whose answers were read from two
independent implementations (NHS-R's NHSRplotthedots and NHS PyCom's
nhspy-plotthedots), each case naming its file and commit; ``spc_rules.csv`` and
``spc_assurance.csv`` are the rule-level cases from the same R test-suite.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from scorepack.catalogue.model import Rebase, Spc
from scorepack.judge import spc as S
from tests.judge.test_rules import cases

GOLDEN = Path(__file__).parent / "golden"
DATASETS: list[dict[str, Any]] = yaml.safe_load((GOLDEN / "spc.yaml").read_text(encoding="utf-8"))


def months(n: int) -> list[str]:
    return [f"{2020 + i // 12}-{i % 12 + 1:02d}" for i in range(n)]


def agrees(actual: float | None, printed: str) -> bool:
    """Within half a unit of the last digit the source printed."""
    places = len(printed.split(".")[1]) if "." in printed else 0
    return actual is not None and abs(actual - float(printed)) <= 0.5 * 10**-places + 1e-12


def run(case: dict[str, Any]) -> S.SpcResult:
    settings = Spc(**case.get("settings", {}))
    values = [float(v) for v in case["values"]]
    return S.spc(months(len(values)), values, case["direction"], case.get("target"), settings)


def test_at_least_five_worked_datasets_including_a_rebase() -> None:
    assert len(DATASETS) >= 5
    assert all(c["source"] for c in DATASETS)
    assert any(c.get("settings", {}).get("rebase") for c in DATASETS)


@pytest.mark.parametrize("case", DATASETS, ids=lambda c: c["id"])
def test_worked_dataset(case: dict[str, Any]) -> None:
    result = run(case)
    for seg, want in zip(result.segments, case.get("segments", []), strict=False):
        for name in ("mean", "lpl", "upl"):
            assert agrees(getattr(seg, name), want[name]), (name, getattr(seg, name), want)
    if "segments" in case:
        assert len(result.segments) == len(case["segments"])
    if "special" in case:
        marked = {i + 1: list(p.special) for i, p in enumerate(result.points) if p.special}
        expected = {int(k): v for k, v in case["special"].items()}
        if case.get("special_complete"):
            assert marked == expected
        else:
            assert {k: marked.get(k) for k in expected} == expected
    for number in case.get("common", []):
        assert result.points[number - 1].side == 0
    if "variation" in case:
        assert result.variation == case["variation"]
    if "assurance" in case:
        assert result.assurance == case["assurance"]


def marks(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.split())


@pytest.mark.parametrize("case", cases("spc_rules.csv"), ids=lambda c: f"{c['rule']}:{c['why']}")
def test_rule(case: dict[str, str]) -> None:
    rule = dict(S.RULES)[case["rule"]]
    chart = S.Chart(
        tuple(float(v) for v in case["values"].split()),
        float(case["mean"]),
        float(case["lpl"]),
        float(case["upl"]),
        Spc(),
    )
    assert rule(chart) == marks(case["expected"])


@pytest.mark.parametrize("case", cases("spc_assurance.csv"), ids=lambda c: c["why"])
def test_assurance(case: dict[str, str]) -> None:
    target = float(case["target"]) if case["target"] else None
    direction = int(case["direction"])
    got = S.assurance(target, float(case["lpl"]), float(case["upl"]), direction)  # type: ignore[arg-type]
    assert got == (case["expected"] or None)


def test_too_few_points_says_so_and_draws_no_limits() -> None:
    result = S.spc(months(11), [float(i % 3) for i in range(11)], 1, 1.0, Spc())
    assert not result.charted
    assert result.variation is None and result.assurance is None
    assert result.segments[0].mean is None
    assert "11 monthly points" in result.message and "at least 12" in result.message


def test_a_rebase_leaving_too_few_points_in_the_latest_segment() -> None:
    settings = Spc(rebase=(Rebase(period="2020-10", reason="new recording system"),))
    result = S.spc(months(13), [1.0, 2.0, 3.0] * 4 + [2.0], 1, None, settings)
    assert [s.points for s in result.segments] == [9, 4]
    assert result.segments[1].reason == "new recording system"
    assert not result.charted
    assert "since the limits were rebased in 2020-10" in result.message


def test_rebase_needs_a_reason() -> None:
    with pytest.raises(ValueError):
        Rebase(period="2020-10", reason="  ")


def test_baseline_points_fix_the_limits() -> None:
    values = [1.0, 2.0] * 6 + [10.0]
    fixed = S.spc(months(13), values, 1, None, Spc(baseline_points=12))
    assert fixed.segments[0].mean == pytest.approx(1.5)
    assert fixed.segments[0].baseline_points == 12
    assert fixed.points[-1].special == ("beyond_limits",)
    assert fixed.variation == "improving_high"


def test_text_alternatives_for_every_icon() -> None:
    assert set(S.VARIATION_TEXT) == set(S.Variation.__args__)  # type: ignore[attr-defined]
    assert set(S.ASSURANCE_TEXT) == set(S.Assurance.__args__)  # type: ignore[attr-defined]


@given(
    st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=12, max_size=24),
    st.floats(0.001, 1000),
    st.floats(-1000, 1000),
)
def test_limits_move_with_the_data(values: list[float], scale: float, shift: float) -> None:
    """Scaling and shifting the data scales and shifts the limits; the icons stay put."""
    base = S.spc(months(len(values)), values, 1, None, Spc())
    moved = S.spc(months(len(values)), [v * scale + shift for v in values], 1, None, Spc())
    seg, mseg = base.segments[0], moved.segments[0]
    assert seg.mean is not None and seg.lpl is not None and seg.upl is not None
    assert mseg.lpl is not None and mseg.upl is not None
    assert seg.lpl <= seg.mean <= seg.upl
    assert mseg.upl - mseg.lpl == pytest.approx((seg.upl - seg.lpl) * scale, rel=1e-6, abs=1e-3)


def test_docs_cover_every_spc_setting_and_the_example_loads() -> None:
    from scorepack.catalogue.model import Catalogue

    text = (Path(__file__).parents[2] / "docs" / "spc.md").read_text(encoding="utf-8")
    for cls in (Spc, Rebase):
        missing = [n for n in cls.model_fields if f"| `{n}` |" not in text]
        assert not missing, f"docs/spc.md does not document {missing}"
    for rule_id, _ in S.RULES:
        assert f"| `{rule_id}` |" in text
    block = text.split("```yaml\n")[1].split("```")[0]
    Spc(**yaml.safe_load(block)["spc"])
    assert "spc" in Catalogue.model_fields


def test_a_rebase_before_the_first_point_keeps_its_reason() -> None:
    settings = Spc(rebase=(Rebase(period="2019-06", reason="new definition"),))
    result = S.spc(months(12), [float(i % 4) for i in range(12)], 1, None, settings)
    assert len(result.segments) == 1 and result.segments[0].reason == "new definition"
    assert result.charted
