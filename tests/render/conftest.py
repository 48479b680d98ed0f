"""The renderer tests share the pack fixtures."""

from tests.pack.conftest import cards, hostile_pack, kent_cards, kent_pack, pack  # noqa: F401
