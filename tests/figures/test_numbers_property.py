"""Properties of reading numbers: what is written plainly or grouped reads back exactly."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorepack.measures.figures import _number

amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)


@given(amounts)
def test_grouped_and_plain_numbers_read_the_same(x: Decimal) -> None:
    assert _number(f"{x:,}") == _number(f"{x}") == float(x)


@given(st.integers(min_value=0, max_value=999), st.integers(min_value=1, max_value=99))
def test_a_decimal_comma_is_never_read_as_a_number(whole: int, frac: int) -> None:
    with pytest.raises(ValueError, match="decimal point"):
        _number(f"{whole},{frac}")  # one or two digits after the comma: never thousands
