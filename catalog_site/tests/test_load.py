"""The short version of benchmarks/load_test.py: gunicorn on a PostgreSQL server of its own
under mixed traffic (pages, API reads, token writes, admin edits, health checks) and three
syncs, PostgreSQL stopped and started in the middle. Nothing acknowledged is lost, nothing
fails outside the outage, the site is back within 5 s, the cut-off sync is all or nothing."""

import json
import os
import subprocess
import sys

import pytest

from .processes import ROOT, child_env

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the load test runs a PostgreSQL server of its own; it runs with the PostgreSQL suite",
)


def test_load_with_a_postgresql_restart_loses_nothing():
    result = subprocess.run(
        [sys.executable, "benchmarks/load_test.py", "--json", "--seconds", "14",
         "--clients", "3", "--sync-films", "2000"],
        cwd=ROOT, env=child_env(), capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode in (0, 1), result.stderr
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["lost_writes"] == 0, summary
    assert summary["failures_outside_outage"] == 0, summary
    assert summary["recovered_after_s"] <= 5, summary
    assert summary["first_health_ok_after_s"] <= 5, summary
    assert summary["cut_off_sync_all_or_nothing"], summary
    assert summary["syncs"][0] == summary["syncs"][-1] == 0, summary
    assert summary["laptop_films_edited_in_database"] == "2000/2000", summary
    # The run did what it says: every kind of traffic got answers, and the outage was felt
    # (as 503 "come back", not 500).
    assert all(
        summary["by_kind"].get(kind, 0) > 5
        for kind in ("page", "api-read", "api-write", "admin", "health")
    ), summary
    assert summary["acknowledged_creates"] > 0, summary
    assert summary["acknowledged_edits"] > 0, summary
    assert summary["failures_in_outage"] > 0, summary
    assert "500" not in summary["by_status"], summary
    assert summary["ok"], summary
