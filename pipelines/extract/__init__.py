"""Step 1, extract: title, text, date, canonical URL and report number out of landed HTML and
PDF bytes (extract.py), and already-extracted records checked for ingest (ingest.py). The
markup rules are data (extract_rules.toml)."""
