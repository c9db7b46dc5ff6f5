"""Migrations: numbered, forward-only, checksummed; an old warehouse file upgrades with data intact."""
import shutil

import pytest

from warehouse import db, sql
from warehouse.migrate import MigrationError, checksum, migrate

import duckdb


def test_migration_files_are_numbered_and_unique():
    names = [p.stem for p in sql.migrations()]
    numbers = [n.split("_", 1)[0] for n in names]
    assert names == sorted(names) and len(set(numbers)) == len(numbers)
    assert all(len(n) == 4 and n.isdigit() for n in numbers)


def test_old_version_file_upgrades_with_data_intact(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    assert migrate(con, upto="0001_init") == ["0001_init"]
    con.execute("INSERT INTO sources VALUES ('s', 'S', 'feed', 'https://s', 'KZ', ['kk'], 'news', true, "
                "'daily', now()::TIMESTAMP)")  # test-only fixture row
    con.close()
    with db.writer(path) as con:  # opening as the application does applies the rest
        versions = [r[0] for r in con.execute(sql.query("applied_migrations")).fetchall()]
        assert versions == [p.stem for p in sql.migrations()]
        assert con.execute("SELECT source_id, languages FROM sources").fetchall() == [("s", ["kk"])]
        views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
        assert {p.stem for p in sql.views()} <= views


def test_an_edited_applied_migration_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "w.duckdb"
    db.ensure(path)
    copy = tmp_path / "migrations"
    shutil.copytree(sql.HERE / "migrations", copy)
    first = sorted(copy.glob("*.sql"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n-- edited\n", encoding="utf-8")
    monkeypatch.setattr(sql, "migrations", lambda: sorted(copy.glob("*.sql")))
    with pytest.raises(MigrationError, match=first.stem):
        with db.writer(path):
            pass
    assert checksum(first) != checksum(sql.HERE / "migrations" / first.name)
