from tests.cli.conftest import isolated_cache

__all__ = ["isolated_cache"]
