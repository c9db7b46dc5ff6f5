"""Daily-partitioned assets: crawl -> landed -> extracted -> identified -> tagged -> deduplicated
-> articles -> clusters (and search_index) -> alert_report (which runs the watches too). Each body calls the workflow function the CLI calls for
the same step (workflows/) and returns counts as metadata; no business logic lives here."""
import dagster as dg

from dagster_project.partitions import daily, run_prefix, today
from dagster_project.resources import RightswatchHome
from workflows import process
from workflows.alerts import run_alerts
from workflows.crawl import crawl_sources
from workflows.search import refresh_index
from workflows.process import Batch

CRAWL_RETRY = dg.RetryPolicy(max_retries=3, delay=30, backoff=dg.Backoff.EXPONENTIAL)


class CrawlConfig(dg.Config):
    only: list[str] = []  # source ids; empty: every enabled source


@dg.asset(partitions_def=daily, group_name="crawl", retry_policy=CRAWL_RETRY,
          description="Crawl enabled sources (or `only`) into the landing zone; today's partition only.")
def crawl(context: dg.AssetExecutionContext, config: CrawlConfig,
          rightswatch: RightswatchHome) -> dg.MaterializeResult:
    if context.partition_key != today():
        return dg.MaterializeResult(metadata={"skipped": "past day: nothing to crawl, landed runs are kept"})
    manifest = crawl_sources(rightswatch.settings(), rightswatch.enabled_sources(config.only),
                             overrides=rightswatch.crawl_overrides(),
                             contact=rightswatch.contact or None, progress=context.log.info)
    failed = [s["source_id"] for s in manifest["sources"] if s.get("status") != "ok"]
    return dg.MaterializeResult(metadata={"run_id": manifest["run_id"], "documents": manifest["items"],
                                          "sources": len(manifest["sources"]), "failed_sources": failed})


@dg.asset(partitions_def=daily, group_name="crawl", deps=[crawl],
          description="The day's published landing runs (folder names).")
def landed(context: dg.AssetExecutionContext, rightswatch: RightswatchHome) -> list[str]:
    runs = process.landed_runs(rightswatch.settings(), run_prefix(context.partition_key))
    context.add_output_metadata({"runs": len(runs)})
    return runs


@dg.asset(partitions_def=daily, group_name="process",
          description="Title, text and date of every document in the day's runs not yet loaded.")
def extracted(context: dg.AssetExecutionContext, landed: list[str], rightswatch: RightswatchHome) -> list[Batch]:
    settings = rightswatch.settings()
    done = process.loaded_run_ids(settings)
    batches = [process.extract_run(settings, run_id) for run_id in landed if run_id not in done]
    context.add_output_metadata({"runs": len(batches), "articles": sum(len(b.articles) for b in batches),
                                 "unreadable": sum(len(b.failures) for b in batches),
                                 "not_articles": sum(len(b.not_articles) for b in batches)})
    return batches


@dg.asset(partitions_def=daily, group_name="process", description="Language and script of each article.")
def identified(context: dg.AssetExecutionContext, extracted: list[Batch],
               rightswatch: RightswatchHome) -> list[Batch]:
    process.identify(rightswatch.settings(), extracted)
    context.add_output_metadata({"languages": ", ".join(sorted({a.language for b in extracted
                                                                 for a in b.articles}))})
    return extracted


@dg.asset(partitions_def=daily, group_name="process",
          description="Topics, countries, organisations and relevance.")
def tagged(context: dg.AssetExecutionContext, identified: list[Batch]) -> list[Batch]:
    process.tag(identified)
    context.add_output_metadata({"relevant": process.relevant(identified)})
    return identified


@dg.asset(partitions_def=daily, group_name="process",
          description="Copies of stored articles dropped; changed and gone ones recorded as versions.")
def deduplicated(context: dg.AssetExecutionContext, tagged: list[Batch],
                 rightswatch: RightswatchHome) -> list[Batch]:
    process.drop_copies(rightswatch.settings(), tagged)
    context.add_output_metadata({"kept": sum(len(b.articles) for b in tagged),
                                 "duplicates": sum(b.duplicates for b in tagged)})
    return tagged


@dg.asset(partitions_def=daily, group_name="warehouse",
          description="Stories placed, articles loaded into DuckDB, the story index that placed them saved.")
def articles(context: dg.AssetExecutionContext, deduplicated: list[Batch],
             rightswatch: RightswatchHome) -> dg.MaterializeResult:
    inserted = process.store(rightswatch.settings(), deduplicated, what="dagster articles")
    return dg.MaterializeResult(metadata={"runs": len(deduplicated), "inserted": inserted})


@dg.asset(partitions_def=daily, group_name="warehouse", deps=[articles],
          description="One row per story for the day's clusters, recomputed from their articles.")
def clusters(context: dg.AssetExecutionContext, rightswatch: RightswatchHome) -> dg.MaterializeResult:
    return dg.MaterializeResult(metadata=process.refresh_clusters(rightswatch.settings(), context.partition_key))


@dg.asset(partitions_def=daily, group_name="warehouse", deps=[articles],
          description="The full-text index takes in the articles loaded since its last refresh.")
def search_index(context: dg.AssetExecutionContext, rightswatch: RightswatchHome) -> dg.MaterializeResult:
    refreshed = refresh_index(rightswatch.settings())
    return dg.MaterializeResult(metadata={"indexed": refreshed.indexed, "articles": refreshed.total,
                                          "rebuilt": refreshed.rebuilt})


@dg.asset(partitions_def=daily, group_name="report", deps=[clusters, search_index],
          description="Alert rules and watches over the warehouse, the digest and feeds written and "
                      "delivered; each alert once.")
def alert_report(context: dg.AssetExecutionContext, rightswatch: RightswatchHome) -> dg.MaterializeResult:
    run = run_alerts(rightswatch.settings(), send=None, watches_file=rightswatch.watches or None)
    if run.failed:
        context.log.warning(f"{len(run.failed)} deliveries failed; they are retried next run")
    return dg.MaterializeResult(metadata=run.metadata())


PROCESS_ASSETS = [landed, extracted, identified, tagged, deduplicated, articles, clusters, search_index, alert_report]
ALL_ASSETS = [crawl, *PROCESS_ASSETS]
