"""The web app: managers write commentary and sign off, directors read and drill down.

FastAPI routes render pages on the server with Jinja2; every request is
authorised on the server against the organisation tree (:mod:`.access`).
"""
