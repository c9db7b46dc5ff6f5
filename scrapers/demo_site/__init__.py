"""Bundled demo snapshot site: a small fictional news web served on loopback for offline crawls."""
from .server import SITE_DIR, DemoSite, serve, sources_toml, start

__all__ = ["SITE_DIR", "DemoSite", "serve", "sources_toml", "start"]
