"""Imports as durable jobs (issue 10, item 5): queued in the database, run by the worker `xdd serve`
starts, queued again when a restart cuts one short; the garbage collector paused only where a
process does nothing but the import; ImportJob moved from web to interchange with its rows."""

import gc
import io
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from xaydungdang.interchange import gcpause, jobs
from xaydungdang.interchange.models import ImportJob
from xaydungdang.interchange.tests.test_uploads import good_zip
from xaydungdang.ops.tests.conftest import REPO, fresh_db  # noqa: F401  (fixture)


def _stored_zip(settings, tmp_path, content: bytes | None = None) -> str:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    folder = tmp_path / "media" / "imports" / "abc"
    folder.mkdir(parents=True)
    (folder / "upload.zip").write_bytes(content or good_zip())
    return str(folder / "upload.zip")


# --- the garbage collector ----------------------------------------------------------------------


def _gc_inside(monkeypatch, allowed: bool, in_thread: bool) -> bool:
    monkeypatch.setattr(gcpause, "_allowed", allowed)
    seen = []

    def work():
        with gcpause.paused_gc():
            seen.append(gc.isenabled())

    if in_thread:
        thread = threading.Thread(target=work)
        thread.start()
        thread.join()
    else:
        work()
    assert gc.isenabled()
    return seen[0]


def test_the_collector_runs_on_in_a_server_process(monkeypatch):
    """A process that did not say it runs bulk work alone (the web server) never pauses it."""
    assert _gc_inside(monkeypatch, allowed=False, in_thread=False) is True
    assert _gc_inside(monkeypatch, allowed=False, in_thread=True) is True


def test_the_collector_pauses_only_in_the_main_thread_of_a_bulk_process(monkeypatch):
    assert _gc_inside(monkeypatch, allowed=True, in_thread=False) is False
    assert _gc_inside(monkeypatch, allowed=True, in_thread=True) is True


def test_an_import_from_the_page_leaves_the_collector_on(client, db, settings, tmp_path, monkeypatch):
    from django.contrib.auth import get_user_model

    monkeypatch.setattr(gcpause, "_allowed", False)  # what a gunicorn worker is
    seen = []
    original = jobs._Progress.__call__

    def spy(self, *args, **kwargs):
        seen.append(gc.isenabled())
        return original(self, *args, **kwargs)

    monkeypatch.setattr(jobs._Progress, "__call__", spy)
    user = get_user_model().objects.create_superuser("quantri", password="x")
    job = ImportJob.objects.create(user=user, filename="a.zip", path=_stored_zip(settings, tmp_path), dry_run=True)
    jobs.start(job)
    job.refresh_from_db()
    assert job.state == ImportJob.State.DONE and job.ok
    assert seen and all(seen)


# --- the queue -----------------------------------------------------------------------------------


def test_a_task_run_twice_does_nothing_more(db, settings, tmp_path):
    job = ImportJob.objects.create(filename="a.zip", path=_stored_zip(settings, tmp_path), dry_run=False)
    jobs.run(job.pk)
    job.refresh_from_db()
    assert job.state == ImportJob.State.DONE and job.ok and job.path == ""
    finished = job.finished_at
    jobs.run(job.pk)  # a second delivery of the same task
    jobs.run(10**9)  # a job that no longer exists
    job.refresh_from_db()
    assert job.finished_at == finished


def test_interrupted_tasks_and_orphan_jobs_are_queued_again(db, settings, tmp_path):
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from xaydungdang.interchange.worker import recover_interrupted

    cut = ImportJob.objects.create(
        filename="a.zip", path="/nowhere/a.zip", state=ImportJob.State.RUNNING, stage="Kiểm tra", done=5, total=9
    )
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [cut.pk], "kwargs": {}},
        task_path=jobs.run_import.module_path,
        queue_name=jobs.QUEUE,
        backend_name="default",
        status=TaskResultStatus.RUNNING,
        worker_ids=["gone:1"],
    )
    # A job started by the threads of an older version: no task at all (run now by the test backend).
    orphan = ImportJob.objects.create(
        filename="b.zip", path=_stored_zip(settings, tmp_path), dry_run=True, state=ImportJob.State.RUNNING
    )
    assert recover_interrupted() == sorted([cut.pk, orphan.pk])
    task.refresh_from_db()
    cut.refresh_from_db()
    orphan.refresh_from_db()
    assert task.status == TaskResultStatus.READY and task.started_at is None
    assert (cut.state, cut.stage, cut.done, cut.total) == (ImportJob.State.PENDING, "", 0, 0)
    assert orphan.state == ImportJob.State.DONE and orphan.ok
    assert recover_interrupted() == []  # the cut job already has its task waiting: not queued twice
    assert DBTaskResult.objects.filter(queue_name=jobs.QUEUE).count() == 1


def test_one_worker_lock_per_database(db, tmp_path, monkeypatch):
    from xaydungdang.interchange import worker
    from xaydungdang.interchange.worker import WorkerLock

    monkeypatch.setattr(worker, "lock_file", lambda: tmp_path / "xdd.sqlite3.worker-lock")  # the test DB is in memory
    first, second = WorkerLock(), WorkerLock()
    try:
        assert first.acquire()
        assert not second.acquire()
        first.release()
        assert second.acquire()
    finally:
        first.release()
        second.release()


# --- the model's move ----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_an_old_database_keeps_its_jobs_when_the_model_moves():
    """A database migrated by the old code (ImportJob in web) with a job in it migrates forward
    cleanly: the same row, the same table, the content type now interchange's."""
    old = [("web", "0001_initial"), ("interchange", None)]
    executor = MigrationExecutor(connection)
    state = executor.migrate(old)
    try:
        OldJob = state.apps.get_model("web", "ImportJob")
        ContentType = state.apps.get_model("contenttypes", "ContentType")
        assert not ContentType.objects.filter(app_label="interchange", model="importjob").exists()
        dry = OldJob.objects.create(
            filename="cu.zip",
            path="/du-lieu/cu.zip",
            size=7,
            state="done",
            ok=True,
            result={"ok": True, "counts": {"organizations": 2}},
        )
        OldJob.objects.create(filename="cu.zip", path="/du-lieu/cu.zip", dry_run=False, source=dry)
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    from django.contrib.contenttypes.models import ContentType as CurrentContentType

    moved = ImportJob.objects.get(pk=dry.pk)
    assert (moved.filename, moved.size, moved.state, moved.ok, moved.result["counts"]) == (
        "cu.zip",
        7,
        "done",
        True,
        {"organizations": 2},
    )
    assert ImportJob.objects.get(source=moved).dry_run is False
    assert ImportJob._meta.db_table == "web_importjob"
    assert CurrentContentType.objects.filter(app_label="interchange", model="importjob").exists()
    assert not CurrentContentType.objects.filter(app_label="web", model="importjob").exists()


# --- a real worker, started by `xdd serve`, killed mid-import ---------------------------------------


def _dataset_zip(members: int) -> bytes:
    from xaydungdang.interchange import synth

    tables = synth.dataset(synth.RandomChooser(5), synth.Sizes(uppers=3, members=members, records=200))
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as scratch:
        synth.write_csv(scratch, tables)
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(Path(scratch).iterdir()):
                archive.write(path, path.name)
    return buffer.getvalue()


QUEUE_JOB = """
import sys
import django
django.setup()
from django.contrib.auth import get_user_model
from xaydungdang.interchange import jobs, uploads
from xaydungdang.interchange.models import ImportJob
folder = uploads.uploads_root() / "cu"
folder.mkdir(parents=True)
(folder / "upload.zip").write_bytes(open(sys.argv[1], "rb").read())
user = get_user_model().objects.create_superuser("quantri", password="x")
job = ImportJob.objects.create(user=user, filename="lon.zip", path=str(folder / "upload.zip"), dry_run=False)
jobs.start(job)
print(job.pk)
"""


def _peek(url: str, pk: int) -> dict:
    """The job, its task and the members, read straight from the database (fast enough to catch
    the import in the middle)."""
    from django_tasks_db.models import DBTaskResult

    from xaydungdang.members.models import Member

    queries = [
        (f"SELECT state, ok, stage FROM {ImportJob._meta.db_table} WHERE id = %s", [pk]),
        (f"SELECT count(*) FROM {Member._meta.db_table}", []),
        (f"SELECT status, worker_ids FROM {DBTaskResult._meta.db_table}", []),
    ]
    if url.startswith("postgres"):
        import psycopg

        with psycopg.connect(url) as conn:
            rows = [conn.execute(q, p).fetchall() for q, p in queries]
    else:
        import sqlite3

        conn = sqlite3.connect(url.removeprefix("sqlite:///"), timeout=30)
        try:
            rows = [conn.execute(q.replace("%s", "?"), p).fetchall() for q, p in queries]
        finally:
            conn.close()
    ((state, ok, stage),) = rows[0]
    tasks = [(status, ids if isinstance(ids, list) else json.loads(ids)) for status, ids in rows[2]]
    return {
        "state": state,
        "ok": bool(ok) if ok is not None else None,
        "stage": stage,
        "members": rows[1][0][0],
        "tasks": tasks,
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.slow
def test_a_job_cut_by_a_restart_of_the_worker_runs_again(fresh_db, tmp_path):  # noqa: F811
    url = fresh_db()
    env = dict(
        os.environ,
        DATABASE_URL=url,
        XDD_DATA_DIR=str(tmp_path / "data"),
        DJANGO_SETTINGS_MODULE="xaydungdang.settings",
        XDD_WORKERS="1",
        XDD_THREADS="2",
    )
    env.pop("XDD_AUDIT_UNLOCKED", None)
    py = sys.executable

    def run(*args):
        out = subprocess.run([py, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
        assert out.returncode == 0, out.stderr[-3000:]
        return out.stdout

    def peek(pk):
        return _peek(url, pk)

    run("-m", "xaydungdang.cli", "migrate")
    members = 15000
    (tmp_path / "lon.zip").write_bytes(_dataset_zip(members))
    pk = int(run("-c", QUEUE_JOB, str(tmp_path / "lon.zip")).strip().splitlines()[-1])
    assert peek(pk)["state"] == "pending"

    log = open(tmp_path / "serve.log", "w")
    server = subprocess.Popen(
        [py, "-m", "xaydungdang.cli", "serve", "--port", str(_free_port())],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        seen = peek(pk)
        while seen["state"] != "running":  # the worker `xdd serve` started has taken the job
            assert server.poll() is None and time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
            time.sleep(0.02)
            seen = peek(pk)
        ((status, worker_ids),) = seen["tasks"]
        assert status == "RUNNING"
        worker_pid = int(worker_ids[-1].rsplit(":", 1)[1])
        os.kill(worker_pid, signal.SIGKILL)  # a crash or a power cut in the middle of the import
        after_kill = peek(pk)
        assert after_kill["members"] == 0, after_kill  # all or nothing: nothing of it was written
        assert after_kill["state"] in ("running", "done"), after_kill
        assert after_kill["state"] == "running", "the import ended before the worker was killed; make it bigger"

        deadline = time.monotonic() + 240
        while (seen := peek(pk))["state"] not in ("done", "failed"):  # serve starts a new worker, which resumes
            assert server.poll() is None and time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
            time.sleep(0.5)
        assert seen["state"] == "done" and seen["ok"], seen
        assert seen["members"] == members
        # The job is marked done inside the task; django-tasks records the task's end just after it.
        while seen["tasks"][0][0] == "RUNNING" and time.monotonic() < deadline:
            time.sleep(0.2)
            seen = peek(pk)
        ((status, worker_ids),) = seen["tasks"]
        assert status == "SUCCESSFUL" and len(worker_ids) == 2 and str(worker_pid) not in worker_ids[-1]
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            code = server.wait(timeout=90)
        except subprocess.TimeoutExpired:
            server.kill()
            raise
        log.close()
    assert code == 0, (tmp_path / "serve.log").read_text()
    with pytest.raises(ProcessLookupError):  # stopped with the server
        os.kill(int(worker_ids[-1].rsplit(":", 1)[1]), 0)
