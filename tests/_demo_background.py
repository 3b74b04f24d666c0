"""The whole demo, built in a child process while the tests run (tests/conftest.py: ``whole_demo``).

The first pytest-xdist worker builds the test database (reference data and the named policies) and
saves it for the other worker (``SharedDatabase``). When the run has tests that need the whole
demo, that worker then starts ``ccnt demo --no-migrate --no-reports`` in a child process on a copy
of that saved state — a SQLite file in the run's folder, or a PostgreSQL database made from the
base template — and goes on running tests. The first worker to need the whole demo waits for the
child if it is still running, then finishes the copy (SQLite: its write-ahead log folded in and
the file renamed to what ``SharedDatabase`` reads; PostgreSQL: the marker written) and every worker
copies it in as before. The child writes its exit status to a file, so either worker can tell
how it ended; a failed build leaves no saved state, and the worker that needed it loads the demo
itself (the error then shows in that test).

Invariant: the saved state is what ``ccnt demo --no-migrate --no-reports`` makes from the base
state, the same command the in-process load ran, so a test sees the same rows either way.
Rejected: loading the whole demo in a worker when the first test asks for it (what the suite
did): one worker spent 40 s on SQLite, and about two and a half minutes on PostgreSQL, loading
while the other waited for it, late in the run with little else left to do.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEMO = ("demo", "--no-migrate", "--no-reports", "-v0")
WAIT = 1200  # seconds a worker waits for the child before it loads the demo itself


class BackgroundDemo:
    """Files in the run's shared folder: ``<name>.building.sqlite3`` (SQLite, while it is built),
    ``<name>.started``, ``<name>.rc`` (the child's exit status, when it ended), ``<name>.done``
    (the build was taken over, or given up: nobody finishes it again) and ``<name>.log``."""

    def __init__(self, run_dir: Path, name: str, final_file: Path, marker: Path, template: str) -> None:
        self.building = run_dir / f"{name}.building.sqlite3"
        self.started = run_dir / f"{name}.started"
        self.rc = run_dir / f"{name}.rc"
        self.done = run_dir / f"{name}.done"
        self.log = run_dir / f"{name}.log"
        self.final_file, self.marker, self.template = final_file, marker, template
        self.process: subprocess.Popen | None = None

    # --- in the worker that built the base state, right after saving it ---------------------

    def start(self, base_file: Path, base_template: str) -> None:
        from django.db import connection

        if connection.vendor == "sqlite":
            source = sqlite3.connect(base_file)
            target = sqlite3.connect(self.building)
            source.backup(target)
            source.close()
            target.close()
            url = f"sqlite:///{self.building}"
        else:
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{self.template}"')
                cursor.execute(f'CREATE DATABASE "{self.template}" TEMPLATE "{base_template}"')
            db = connection.settings_dict
            auth = db.get("USER") or "postgres"
            if db.get("PASSWORD"):
                auth += f":{db['PASSWORD']}"
            url = f"postgres://{auth}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{self.template}"
        # this tree's code first: an installed ccnt (another checkout's) must not answer
        env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(REPO)])}
        command = " ".join([f'"{sys.executable}"', "-m", "ccnt.cli", *DEMO])
        self.started.touch()
        with self.log.open("wb") as log:
            # the shell records the exit status where the other worker can read it
            self.process = subprocess.Popen(["sh", "-c", f'{command}; echo $? > "{self.rc}"'], env=env, cwd=REPO,
                                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def stop(self) -> None:
        """At the end of the starting worker's session: a child still running is ended (a run
        stopped early), and on PostgreSQL a database nobody finished is dropped."""
        from django.db import connection

        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, 9)
            self.process.wait()
            self.rc.write_text("killed")
        if connection.vendor == "postgresql" and not self.marker.exists():
            self.done.touch()  # a worker that needs it later loads its own
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{self.template}" WITH (FORCE)')

    # --- in the first worker that needs the whole demo (holding SharedDatabase's lock) ---------

    def finish(self) -> bool:
        """Wait for the child started in this run, if any; True when its build is now saved
        (``SharedDatabase.saved()``), False when there was none or it failed."""
        from django.db import connection

        if not self.started.exists() or self.done.exists():
            return False
        deadline = time.monotonic() + WAIT
        while not self.rc.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        self.done.touch()
        if not self.rc.exists() or self.rc.read_text().strip() != "0":
            return False
        if connection.vendor == "sqlite":
            database = sqlite3.connect(self.building)
            database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            database.close()
            self.building.replace(self.final_file)
        else:
            self.marker.write_text(self.template)
        return True
