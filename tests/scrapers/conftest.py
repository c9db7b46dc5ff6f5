"""Fixture sites (tests/fixtures/sites/<name>/) served on 127.0.0.1, one server per site; the
registry entries pointing at them are tests/support/sites.py's."""
from __future__ import annotations

import pytest

from scrapers import loopback
from tests.support.sites import SERVED_BY_OWN_TEST, SITES, copy_site


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """Every fixture site, copied (so tests may change them) and served on its own port."""
    root = tmp_path_factory.mktemp("sites")
    served = {}
    try:
        for folder in sorted(p for p in SITES.iterdir() if p.is_dir() and p.name not in SERVED_BY_OWN_TEST):
            served[folder.name] = loopback.start(copy_site(folder.name, root))
        yield served
    finally:
        for site in served.values():
            site.stop()


