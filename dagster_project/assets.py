"""Assets: crawl -> extract -> language -> tag -> dedup -> load -> report. Each body calls the layers."""

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines import process
from pipelines.models import Batch
from rightswatch import jobs
from dagster_project.resources import RightswatchHome
from warehouse import load
from warehouse.migrate import migrate

CRAWL_RETRY = dg.RetryPolicy(max_retries=3, delay=30, backoff=dg.Backoff.EXPONENTIAL)


@dg.asset(group_name="crawl", retry_policy=CRAWL_RETRY,
          description="One crawl of every enabled source into the landing zone (plus WARC).")
def landing_run(context: dg.AssetExecutionContext, rightswatch: RightswatchHome) -> str:
    settings = rightswatch.settings()
    manifest = jobs.crawl_sources(settings, rightswatch.enabled_sources(),
                                  overrides=rightswatch.crawl_overrides(),
                                  contact=rightswatch.contact or None, progress=context.log.info)
    failed = [s["source_id"] for s in manifest["sources"] if s.get("status") != "ok"]
    context.add_output_metadata({"run_id": manifest["run_id"], "documents": manifest["items"],
                                 "sources": len(manifest["sources"]), "failed_sources": failed})
    return manifest["run_id"]


@dg.asset(group_name="process", deps=[landing_run],
          description="Title, text and date of every landed run not yet loaded.")
def extracted(context: dg.AssetExecutionContext, rightswatch: RightswatchHome,
              duckdb: DuckDBResource) -> list[Batch]:
    settings = rightswatch.settings()
    with duckdb.get_connection() as con:
        migrate(con)
        done = load.loaded_run_ids(con)
    batches = []
    for run_dir in jobs.landing.published_runs(settings.landing):
        if run_dir.name not in done:
            manifest, items = jobs.read_run(run_dir)
            batches.append(process.extract_batch(manifest["run_id"], items, manifest))
    context.add_output_metadata({"runs": len(batches), "articles": sum(len(b.articles) for b in batches),
                                 "unreadable": sum(len(b.failures) for b in batches)})
    return batches


@dg.asset(group_name="process", description="Language and script of each article.")
def identified(context: dg.AssetExecutionContext, extracted: list[Batch]) -> list[Batch]:
    for batch in extracted:
        process.detect_languages(batch.articles)
    languages = sorted({a.language for b in extracted for a in b.articles})
    context.add_output_metadata({"languages": ", ".join(languages)})
    return extracted


@dg.asset(group_name="process", description="Topics, countries, organisations and relevance.")
def tagged(context: dg.AssetExecutionContext, identified: list[Batch]) -> list[Batch]:
    for batch in identified:
        process.tag_articles(batch.articles)
    context.add_output_metadata({"relevant": sum(a.relevance >= process.tagging.RELEVANCE_THRESHOLD
                                                 for b in identified for a in b.articles)})
    return identified


@dg.asset(group_name="process", description="Copies dropped, stories clustered against the warehouse.")
def deduplicated(context: dg.AssetExecutionContext, tagged: list[Batch],
                 duckdb: DuckDBResource) -> list[Batch]:
    with duckdb.get_connection() as con:
        migrate(con)
        known = load.known_state(con)
    process.deduplicate(tagged, known)
    context.add_output_metadata({"kept": sum(len(b.articles) for b in tagged),
                                 "duplicates": sum(b.duplicates for b in tagged)})
    return tagged


@dg.asset(group_name="warehouse", description="Articles and clusters loaded into DuckDB.")
def articles(context: dg.AssetExecutionContext, deduplicated: list[Batch],
             duckdb: DuckDBResource) -> dg.MaterializeResult:
    inserted = 0
    with duckdb.get_connection() as con:
        migrate(con)
        for batch in deduplicated:
            inserted += load.load_batch(con, batch)
    return dg.MaterializeResult(metadata={"runs": len(deduplicated), "inserted": inserted})


@dg.asset(group_name="report", deps=[articles], description="Report of new relevant stories.")
def report(context: dg.AssetExecutionContext, rightswatch: RightswatchHome) -> dg.MaterializeResult:
    paths, stories = jobs.write_report(rightswatch.settings(), since=None, formats=["html", "md", "json"])
    return dg.MaterializeResult(metadata={"stories": stories, "html": str(paths[0])})


PROCESS_ASSETS = [extracted, identified, tagged, deduplicated, articles, report]
ALL_ASSETS = [landing_run, *PROCESS_ASSETS]
