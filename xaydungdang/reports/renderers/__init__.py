"""One module per output format; each takes a documents.Report and returns bytes."""
