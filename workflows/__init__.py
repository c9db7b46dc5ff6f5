"""The application's steps, each a plain function over a Settings (and the warehouse it names):
crawl, process, ingest, export, the alert run, and the smaller commands. `rightswatch/cli.py`
and `dagster_project/` call these and nothing else, so there is one way to run every step."""
