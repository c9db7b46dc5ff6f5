"""Bundled demo snapshot site: a small fictional news web (site/, sources.toml, expected.json)
served on loopback for offline crawls (server.py)."""
