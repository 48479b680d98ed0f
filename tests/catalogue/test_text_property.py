"""Properties of cleaning text: no bidi control survives, and nothing else is touched."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from scorepack.text import BIDI_CONTROLS, clean

texts = st.text(alphabet=st.sampled_from([*BIDI_CONTROLS, "a", "é", " ", "ش", "\n"]))


@given(texts)
def test_clean_removes_exactly_the_bidi_controls(text: str) -> None:
    out = clean(text)
    assert not set(out) & BIDI_CONTROLS
    assert out == "".join(c for c in text if c not in BIDI_CONTROLS)
    assert clean(out) == out
