"""Moved to :mod:`scorepack.service.inputs`; these names remain for existing callers."""

from scorepack.service.inputs import Inputs, load_config, load_store

__all__ = ["Inputs", "load_config", "load_store"]
