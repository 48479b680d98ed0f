"""scorepack: monthly performance scorecards for services run on targets."""

__version__ = "0.1.0"
