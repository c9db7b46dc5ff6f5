"""`rightswatch export`: the articles as Parquet files partitioned by day, for other engines."""
from __future__ import annotations

from pathlib import Path

from warehouse import db, sql
from workflows.settings import Settings


def export_parquet(settings: Settings, out: Path | None = None) -> Path:
    out = out or settings.exports
    out.mkdir(parents=True, exist_ok=True)
    target = out / "articles"
    with db.reader(settings.warehouse) as con:
        con.sql(sql.query("export_articles")).write_parquet(str(target), partition_by=["day"],
                                                           overwrite=True)
    return target
