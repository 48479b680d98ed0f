"""The service layer: what the CLI and the web app both call. Returns results, never prints."""
