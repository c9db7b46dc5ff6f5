"""The shipped deploy/dagster-postgres.yaml on a real PostgreSQL (Debian's binaries, initdb into a temp
dir, loopback port): the demo graph materializes on the multiprocess executor and the run's success,
its events and its materializations are read back from the Postgres-backed instance."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.support.project import free_port, PROJECT

PG_BIN = max(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name), default=Path("absent"))
# Step processes fork from a server that imported the project once (about 4 s saved per step).
FORKSERVER = {"execution": {"config": {"start_method": {"forkserver": {
    "preload_modules": ["tests.support.pg_job"]}}}}}


def _as_owner(command: list[str], owner: str | None) -> list[str]:
    return ["runuser", "-u", owner, "--", *command] if owner else command


@pytest.fixture(scope="module")
def postgres():
    """(port, user): a throwaway server; initdb refuses root, so as root it runs as `nobody`."""
    if not (PG_BIN / "initdb").exists():
        pytest.skip("PostgreSQL binaries absent (apt-get install postgresql; .ci/run installs them)")
    owner = "nobody" if os.geteuid() == 0 else None
    folder = Path(tempfile.mkdtemp(prefix="rw-pg-"))  # under /tmp: `nobody` must reach it
    if owner:
        shutil.chown(folder, user=owner)
    data, port = folder / "data", free_port()
    user = "rightswatch"
    subprocess.run(_as_owner([str(PG_BIN / "initdb"), "-D", str(data), "-U", user, "-A", "trust",
                              "--no-sync"], owner), check=True, capture_output=True)
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(_as_owner([str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", options, "-l",
                              str(folder / "log"), "-w", "start"], owner), check=True, capture_output=True)
    try:
        subprocess.run([str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", user, "dagster"],
                       check=True, capture_output=True)
        yield port, user
    finally:
        subprocess.run(_as_owner([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"], owner),
                       capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def test_demo_graph_runs_on_the_postgres_instance(postgres, tmp_path, demo_sources, monkeypatch):
    import dagster as dg
    from dagster_postgres import PostgresEventLogStorage, PostgresRunStorage, PostgresScheduleStorage

    from dagster_project.partitions import today
    from tests.support.pg_job import demo_graph_job

    port, user = postgres
    dagster_home = tmp_path / "dagster_home"
    dagster_home.mkdir()
    shutil.copy(PROJECT / "deploy" / "dagster-postgres.yaml", dagster_home / "dagster.yaml")
    for name, value in {"DAGSTER_HOME": str(dagster_home), "DAGSTER_PG_HOST": "127.0.0.1",
                        "DAGSTER_PG_PORT": str(port), "DAGSTER_PG_USER": user,
                        "DAGSTER_PG_PASSWORD": "trust-auth-ignores-it", "DAGSTER_PG_DB": "dagster",
                        "RW_PG_TEST_HOME": str(tmp_path / "home"),
                        "RW_PG_TEST_SOURCES": str(demo_sources)}.items():
        monkeypatch.setenv(name, value)

    with dg.DagsterInstance.get() as instance:
        assert isinstance(instance.run_storage, PostgresRunStorage)
        assert isinstance(instance.event_log_storage, PostgresEventLogStorage)
        assert isinstance(instance.schedule_storage, PostgresScheduleStorage)
        with dg.execute_job(dg.reconstructable(demo_graph_job), instance=instance,
                            tags={"dagster/partition": today()}, run_config=FORKSERVER) as result:
            assert result.success
            run_id = result.run_id

    # a fresh instance from the same yaml reads everything back from Postgres
    with dg.DagsterInstance.from_config(str(dagster_home)) as reader:
        run = reader.get_run_by_id(run_id)
        assert run.status == dg.DagsterRunStatus.SUCCESS and run.tags["dagster/partition"] == today()
        records = reader.get_records_for_run(run_id).records
        steps = {r.event_log_entry.step_key for r in records if r.event_log_entry.step_key}
        assert {"crawl", "articles", "alert_report"} <= steps
        started = [r for r in records if r.event_log_entry.dagster_event
                   and r.event_log_entry.dagster_event.event_type_value == "STEP_START"]
        pids = {r.event_log_entry.dagster_event.pid for r in started}
        assert len(pids) == len(started) > 1, "each step ran in its own process (multiprocess executor)"
        materialized = reader.fetch_materializations(dg.AssetKey("articles"), limit=5).records
        assert materialized and materialized[0].run_id == run_id
