"""The library API: returns results and problems, never prints.

The CLI, the web app and tests call :mod:`scorepack.service.build`
(``BuildRequest``, ``build_month``, ``write_month``, ``scorecard``,
``validate``, ``catalogue_items``), :mod:`scorepack.service.monthly`
(``PublishRequest``, ``publish``, ``history``, ``restatements``,
``import_months``) and :mod:`scorepack.service.site` (what ``scorepack serve``
and ``scorepack users`` open).
"""
