"""Rendered page bodies kept between requests: the part of a page that is the same for everyone.

A scorecard or an indicator page is mostly the same HTML for every account
that may read the unit: the rows, the charts, the versions.  That part is a
*fragment*, rendered once from a template that is given nothing about the
account (no name, no CSRF token, no grants: the templates run with
``StrictUndefined``, so a fragment template that asks for one fails rather than
leaking it) and kept under a key of everything it was drawn from: the kind of
page, the unit, the month, the indicator and the store's
:attr:`~scorepack.service.months.StoreView.stamp` (every published version's
id), so a publication or revision in any process gives a new key.  The route
checks that the account may read the unit *before* it asks for the fragment,
and wraps it in what is the account's own (breadcrumb links it may follow, the
commentary and its forms, read fresh on every request).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from markupsafe import Markup

KEPT = 2048
"""How many fragments a server keeps (the least recently used go first)."""


class Fragments:
    """A bounded, thread-safe map from a key to rendered HTML."""

    def __init__(self, size: int = KEPT):
        self.size = size
        self._kept: OrderedDict[Hashable, Markup] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._kept)

    def get(self, key: Hashable, render: Callable[[], str]) -> Markup:
        """The fragment kept under ``key``, rendered by ``render`` when there is none."""
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]
        html = Markup(render())  # outside the lock: two renders of one key give the same HTML
        with self._lock:
            self._kept[key] = html
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return html
