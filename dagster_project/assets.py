"""Daily-partitioned assets: crawl -> landed -> extracted -> identified -> tagged -> deduplicated
-> articles -> clusters -> alert_report. Each body reads through a resource, calls the layers, and
returns counts as metadata; no business logic lives here."""
import dagster as dg
from dagster_duckdb import DuckDBResource

from dagster_project.partitions import daily, run_prefix, today
from dagster_project.resources import RightswatchHome
from pipelines import process, tagging
from pipelines.models import Batch
from rightswatch import alerting, jobs
from scrapers.landing import published_runs
from warehouse import clusters as story_index, clusters_refresh, load, locks
from warehouse.migrate import migrate

CRAWL_RETRY = dg.RetryPolicy(max_retries=3, delay=30, backoff=dg.Backoff.EXPONENTIAL)


class CrawlConfig(dg.Config):
    only: list[str] = []  # source ids; empty: every enabled source


@dg.asset(partitions_def=daily, group_name="crawl", retry_policy=CRAWL_RETRY,
          description="Crawl enabled sources (or `only`) into the landing zone; today's partition only.")
def crawl(context: dg.AssetExecutionContext, config: CrawlConfig,
          rightswatch: RightswatchHome) -> dg.MaterializeResult:
    if context.partition_key != today():
        return dg.MaterializeResult(metadata={"skipped": "past day: nothing to crawl, landed runs are kept"})
    manifest = jobs.crawl_sources(rightswatch.settings(), rightswatch.enabled_sources(config.only),
                                  overrides=rightswatch.crawl_overrides(),
                                  contact=rightswatch.contact or None, progress=context.log.info)
    failed = [s["source_id"] for s in manifest["sources"] if s.get("status") != "ok"]
    return dg.MaterializeResult(metadata={"run_id": manifest["run_id"], "documents": manifest["items"],
                                          "sources": len(manifest["sources"]), "failed_sources": failed})


@dg.asset(partitions_def=daily, group_name="crawl", deps=[crawl],
          description="The day's published landing runs (folder names).")
def landed(context: dg.AssetExecutionContext, rightswatch: RightswatchHome) -> list[str]:
    prefix = run_prefix(context.partition_key)
    runs = [run.name for run in published_runs(rightswatch.settings().landing) if run.name.startswith(prefix)]
    context.add_output_metadata({"runs": len(runs)})
    return runs


@dg.asset(partitions_def=daily, group_name="process",
          description="Title, text and date of every document in the day's runs not yet loaded.")
def extracted(context: dg.AssetExecutionContext, landed: list[str], rightswatch: RightswatchHome,
              duckdb: DuckDBResource) -> list[Batch]:
    settings = rightswatch.settings()
    with duckdb.get_connection() as con:
        migrate(con)
        done = load.loaded_run_ids(con)
    batches = []
    for run_id in landed:
        if run_id not in done:
            manifest, items, broken = jobs.read_run(settings.landing / run_id)
            batches.append(process.extract_batch(run_id, items, manifest, unreadable=broken))
    context.add_output_metadata({"runs": len(batches), "articles": sum(len(b.articles) for b in batches),
                                 "unreadable": sum(len(b.failures) for b in batches),
                                 "not_articles": sum(len(b.not_articles) for b in batches)})
    return batches


@dg.asset(partitions_def=daily, group_name="process", description="Language and script of each article.")
def identified(context: dg.AssetExecutionContext, extracted: list[Batch]) -> list[Batch]:
    for batch in extracted:
        process.identify(batch)
    context.add_output_metadata({"languages": ", ".join(sorted({a.language for b in extracted
                                                                 for a in b.articles}))})
    return extracted


@dg.asset(partitions_def=daily, group_name="process",
          description="Topics, countries, organisations and relevance.")
def tagged(context: dg.AssetExecutionContext, identified: list[Batch]) -> list[Batch]:
    for batch in identified:
        process.tag(batch)
    context.add_output_metadata({"relevant": sum(a.relevance >= tagging.RELEVANCE_THRESHOLD
                                                 for b in identified for a in b.articles)})
    return identified


@dg.asset(partitions_def=daily, group_name="process",
          description="Copies dropped and stories clustered against what the warehouse holds.")
def deduplicated(context: dg.AssetExecutionContext, tagged: list[Batch],
                 duckdb: DuckDBResource, rightswatch: RightswatchHome) -> list[Batch]:
    with duckdb.get_connection() as con:
        migrate(con)
        known = load.known_state(con, story_index.index_dir(rightswatch.settings().home))
    process.deduplicate(tagged, known)
    context.add_output_metadata({"kept": sum(len(b.articles) for b in tagged),
                                 "duplicates": sum(b.duplicates for b in tagged)})
    return tagged


@dg.asset(partitions_def=daily, group_name="warehouse", description="Articles loaded into DuckDB.")
def articles(context: dg.AssetExecutionContext, deduplicated: list[Batch],
             duckdb: DuckDBResource, rightswatch: RightswatchHome) -> dg.MaterializeResult:
    inserted = 0
    home = rightswatch.settings().home
    folder = story_index.index_dir(home)
    with locks.writer(home, "dagster articles"), duckdb.get_connection() as con:
        migrate(con)
        for batch in deduplicated:
            inserted += load.load_batch(con, batch)
        story_index.save_index(story_index.open_index(con, folder), folder, story_index.stamp(con))
    return dg.MaterializeResult(metadata={"runs": len(deduplicated), "inserted": inserted})


@dg.asset(partitions_def=daily, group_name="warehouse", deps=[articles],
          description="One row per story for the day's clusters, recomputed from their articles.")
def clusters(context: dg.AssetExecutionContext, duckdb: DuckDBResource) -> dg.MaterializeResult:
    with duckdb.get_connection() as con:
        migrate(con)
        figures = clusters_refresh.refresh_day(con, context.partition_key)
    return dg.MaterializeResult(metadata=figures)


@dg.asset(partitions_def=daily, group_name="report", deps=[clusters],
          description="Alert rules over the warehouse, the digest written and delivered; each alert once.")
def alert_report(context: dg.AssetExecutionContext, rightswatch: RightswatchHome) -> dg.MaterializeResult:
    run = alerting.run_alerts(rightswatch.settings(), send=None)
    if run.failed:
        context.log.warning(f"{len(run.failed)} deliveries failed; they are retried next run")
    return dg.MaterializeResult(metadata=run.metadata())


PROCESS_ASSETS = [landed, extracted, identified, tagged, deduplicated, articles, clusters, alert_report]
ALL_ASSETS = [crawl, *PROCESS_ASSETS]
