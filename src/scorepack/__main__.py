"""``python -m scorepack``: the same as the ``scorepack`` command."""

from scorepack.cli.main import app

app()
