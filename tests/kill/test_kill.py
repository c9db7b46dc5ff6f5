"""CI's seeded kill round on one demo source: `crawl` and `process` SIGKILLed 4 times each and a
Dagster run once, at random points; each is rerun and the warehouse compared with a clean run's
(the full 30-kill run is `make kill-test`; its figures are in docs/reliability.md)."""
from __future__ import annotations

from tests.support.kill_harness import kill_test


def test_sigkill_loses_and_duplicates_nothing():
    tally = kill_test(kills=9, seed=7, sources="1", per_round=4, dagster_clean=False)
    print(tally.line())
    assert tally.failures == []
    assert tally.tried == {"crawl": 4, "process": 4, "dagster": 1}
    assert sum(tally.survived.values()) == 9
