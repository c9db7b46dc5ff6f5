"""`rightswatch demo`: the whole pipeline on the bundled snapshot site, served on loopback."""
from __future__ import annotations

from typing import Callable

from pipelines.tagging import tagging
from scrapers.demo_site import server
from warehouse import db, load, sql
from workflows.alerts import run_alerts
from workflows.crawl import SNAPSHOT, crawl_sources
from workflows.process import process_landed
from workflows.settings import Settings
from workflows.sources import registry as read_registry


# The closing hint: the README's first question, as a command line that runs where the demo ran.
TRY_QUERY = ("\"SELECT day, country, stories, articles FROM coverage_daily WHERE topic = 'assembly' "
             "ORDER BY day DESC, country\"")


def run_demo(settings: Settings, port: int = 0, echo: Callable[[str], None] = print) -> dict:
    settings.ensure()
    try:
        site = server.start(port=port)
    except OSError as exc:
        raise RuntimeError(f"cannot serve the demo site on 127.0.0.1:{port} ({exc.strerror}); "
                           "pass --port 0 for a free port") from None
    try:
        registry = settings.home / "demo-sources.toml"
        registry.write_text(server.sources_toml(site.base_url), encoding="utf-8")
        sources = read_registry(registry)
        echo(f"[1/4] crawling {len(sources)} demo sources at {site.base_url}")
        manifest = crawl_sources(settings, sources, overrides=SNAPSHOT, progress=echo)
    finally:
        site.stop()
    echo(f"[2/4] processing run {manifest['run_id']}")
    summary = process_landed(settings, progress=echo)
    echo("[3/4] writing the report")
    run = run_alerts(settings, send=False, since=None, formats=["html", "md", "json"])
    echo("[4/4] done")
    with db.reader(settings.warehouse) as con:
        figures = load.fetch_dicts(con, sql.query("demo_summary"),
                                  {"threshold": tagging.RELEVANCE_THRESHOLD})[0]
    echo("")
    echo(f"home:       {settings.home}")
    echo(f"warehouse:  {settings.warehouse}")
    echo(f"landing:    {settings.landing / manifest['run_id']}")
    echo(f"archive:    {settings.raw / manifest['run_id']} (WARC)")
    for path in run.paths:
        echo(f"report:     {path}")
    echo(f"latest:     {run.latest[0]}" + ("" if run.paths else " (nothing new, so no new report)"))
    echo("")
    echo(f"documents landed this run: {manifest['items']}; new articles: {summary.articles}; "
         f"duplicates dropped: {summary.duplicates}; unreadable: {len(summary.failures)}")
    echo(f"warehouse: {figures['articles']} articles, {figures['stories']} stories, "
         f"{figures['relevant_stories']} relevant, languages: {', '.join(figures['languages'])}")
    echo(f"new relevant stories in this report: {run.stories}")
    echo("")
    echo("try:  " + settings.command("sql", TRY_QUERY))
    return {"manifest": manifest, "summary": summary, "report": run.paths, "figures": figures}
