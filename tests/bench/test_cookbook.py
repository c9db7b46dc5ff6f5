"""The cookbook bench's generated warehouse keeps up with the schema: filled small, every query runs."""
from bench import cookbook


def test_fill_and_every_cookbook_query_on_a_small_warehouse(monkeypatch):
    monkeypatch.setattr(cookbook, "ARTICLES", 2000)
    figures = []
    cookbook.run(figures)
    names = [f.name for f in figures]
    assert names[0] == "cookbook_fill_warehouse"
    assert len(names) == 1 + len(cookbook.cookbook()) >= 17
