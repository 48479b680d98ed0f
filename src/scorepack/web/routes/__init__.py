"""One module per feature: sign-in, pages, audit."""
