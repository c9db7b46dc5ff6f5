"""Stories in the warehouse: merges written back, first reports, and the story index surviving
a restart (saved, stale, or missing) with the same clusters."""
import shutil

from pipelines import process
from pipelines.models import Batch
from tests.support.stories import article, OTHER_SAME_DAY, republished, STORY, STORY_EN, STORY_RU
from warehouse import clusters, db, load, story_store


def run_batch(path, folder, run_id, articles):
    """One load as `rightswatch process` does it: known state, dedup, load, save the index."""
    with db.writer(path) as con:
        known = load.known_state(con, folder)
        batch = Batch(run_id=run_id, items=len(articles), articles=articles)
        process.deduplicate([batch], known)
        load.load_batch(con, batch)
        after = clusters.stamp(con)
    clusters.save_index(known.index, folder, after)
    return batch


def stored(path):
    with db.reader(path) as con:
        return dict(con.execute("SELECT article_id, cluster_id FROM articles").fetchall())


def test_merge_repoints_articles_and_refreshes_both_stories(tmp_path):
    path, folder = tmp_path / "w.duckdb", tmp_path / "index"
    run_batch(path, folder, "r1", [article("ru", STORY_RU, "ru", hours=-30 * 24)])
    run_batch(path, folder, "r2", [article("kk", STORY)])
    twin = "\n".join(["Источник: Vesti.kz"] + STORY_RU.split("\n") + ["Подписывайтесь на наш канал!"])
    batch = run_batch(path, folder, "r3", [article("ru2", twin, "ru", hours=1, source="mirror")])
    assert batch.merges == {"kk": "ru"}
    assert set(stored(path).values()) == {"ru"}
    with db.reader(path) as con:
        rows = con.execute("SELECT cluster_id, first_article_id, languages, size FROM clusters").fetchall()
        first = con.execute("SELECT article_id, languages FROM first_reports").fetchall()
    assert rows == [("ru", "ru", ["kk", "ru"], 3)]
    assert first == [("ru", ["kk", "ru"])]


def test_first_report_is_earliest_published_then_first_seen(tmp_path):
    path, folder = tmp_path / "w.duckdb", tmp_path / "index"
    ru = article("ru", STORY_RU, "ru", hours=2)
    en = article("en", STORY_EN, "en", hours=2)  # same publication time, seen later
    en.first_seen_at = ru.first_seen_at.replace(minute=30)
    undated = article("kk", STORY, published=False, hours=-3)  # seen first, date unknown: ranks last
    run_batch(path, folder, "r1", [undated, en, ru])
    assert set(stored(path).values()) == {"kk"}  # the story keeps the id of its first member in
    with db.reader(path) as con:
        first = con.execute("SELECT article_id, languages, size FROM first_reports").fetchall()
    assert first == [("ru", ["en", "kk", "ru"], 3)]


def test_restart_gives_the_same_clusters_saved_stale_or_rebuilt(tmp_path):
    path, folder = tmp_path / "w.duckdb", tmp_path / "index"
    run_batch(path, folder, "r1", [article("kk", STORY), article("other", OTHER_SAME_DAY, hours=1)])
    run_batch(path, folder, "r2", [article("ru", STORY_RU, "ru", hours=2)])
    before = stored(path)
    assert before["ru"] == "kk" and before["other"] == "other"

    def next_article_cluster(index_folder):
        copy = tmp_path / f"copy-{index_folder.name}.duckdb"
        shutil.copy(path, copy)
        batch = run_batch(copy, index_folder, "r3", [article("en", STORY_EN, "en", hours=5)])
        return batch.articles[0].cluster_id, stored(copy)

    saved = tmp_path / "saved"
    shutil.copytree(folder, saved)
    stale = tmp_path / "stale"
    with db.writer(tmp_path / "first.duckdb") as con:  # an index saved after the first load only
        known = load.known_state(con, None)
        process.deduplicate([Batch("x", 1, [article("kk", STORY)])], known)
        story_store.save(known.index, stale, stamp=None)
    results = {name: next_article_cluster(f) for name, f in
               (("saved", saved), ("stale", stale), ("missing", tmp_path / "missing"))}
    assert {cluster for cluster, _ in results.values()} == {"kk"}
    assert results["saved"][1] == results["stale"][1] == results["missing"][1]


def test_saved_index_is_trusted_only_while_the_warehouse_matches(tmp_path):
    path, folder = tmp_path / "w.duckdb", tmp_path / "index"
    run_batch(path, folder, "r1", [article("kk", STORY)])
    with db.reader(path) as con:
        index = clusters.open_index(con, folder)
    assert index.ids == ["kk"]
    # another writer loads without saving the index: the next open catches up from the warehouse
    with db.writer(path) as con:
        batch = Batch("r2", 1, [article("ru", STORY_RU, "ru", hours=1)])
        process.deduplicate([batch], load.known_state(con, None))
        load.load_batch(con, batch)
    with db.reader(path) as con:
        index = clusters.open_index(con, folder)
    assert sorted(index.ids) == ["kk", "ru"] and index.cluster_of("ru") == "kk"
