"""One demo home for the desk's tests (built by tests/support/desk.py)."""
from __future__ import annotations

import pytest

from tests.support.desk import make_home


@pytest.fixture(scope="session")
def desk_home(tmp_path_factory):
    return make_home(tmp_path_factory.mktemp("desk") / "home")
