"""What the CLI (and later the web) calls: results and problems, never printing."""
