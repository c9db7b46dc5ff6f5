"""Every query in docs/analyst-cookbook.md runs on the demo warehouse and returns rows."""
import re

import pytest

from tests.support.project import PROJECT
from warehouse import query

COOKBOOK = PROJECT / "docs" / "analyst-cookbook.md"
QUERIES = re.findall(r"^## (.+?)\n\n```sql\n(.+?)```", COOKBOOK.read_text(encoding="utf-8"), re.S | re.M)


def test_cookbook_has_at_least_twelve_questions():
    assert len(QUERIES) >= 12


@pytest.mark.parametrize("question, sql", QUERIES, ids=[q[:40] for q, _ in QUERIES])
def test_cookbook_query_returns_rows(demo_home, question, sql):
    home, _, _ = demo_home
    columns, rows = query.run(home / "warehouse.duckdb", sql)
    assert columns and rows, question
