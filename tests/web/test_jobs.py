"""Long work as background jobs: rows in the database, a status page refreshing itself while
the work runs, a file to download when done, a failure named with nothing stored."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from torturefree_service.denials.models import Denial
from torturefree_service.jobs import dispatch
from torturefree_service.jobs.models import Job
from torturefree_service.jobs.services import job_run, job_submit

from web.test_pages import client_for


@pytest.fixture
def queued_only(settings: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """Jobs are queued and not started, so a test can look at them before and while they run."""
    settings.TORTUREFREE_JOBS_SYNC = False
    handed: list[Any] = []
    monkeypatch.setattr(dispatch, "job_dispatch", handed.append)
    yield handed


def test_a_report_job_goes_from_queued_to_done_and_its_file_downloads(
    db: Any, queued_only: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    visitor = Client()
    visitor.get("/reports/annual/2025")  # a CSRF cookie, as a browser would have
    with django_capture_on_commit_callbacks(execute=True):
        asked = visitor.post("/reports/annual/2025/prepare", {"format": "json"})
    assert asked.status_code == 302
    job = Job.objects.get()
    assert asked["Location"] == f"/jobs/{job.pk}" and queued_only == [job.pk]  # after commit
    assert job.state == "queued" and job.requested_by is None and job.params["year"] == 2025

    waiting = visitor.get(asked["Location"]).content.decode()
    assert "Waiting to start" in waiting and '<meta http-equiv="refresh" content="3">' in waiting
    assert "Stop updating" in waiting  # WCAG 2.2.1: the reader can turn refreshing off
    assert "started again once" in waiting  # what a crash does to it (#19)
    stopped = visitor.get(asked["Location"] + "?refresh=off").content.decode()
    assert 'http-equiv="refresh"' not in stopped and "no longer updates itself" in stopped
    assert visitor.get(f"/jobs/{job.pk}/file").status_code == 302  # no file yet: back to status

    assert job_run(job.pk) and not job_run(job.pk)  # claimed once; a second worker does nothing
    done = visitor.get(asked["Location"]).content.decode()
    assert "Done" in done and 'http-equiv="refresh"' not in done and "annual-2025.json" in done
    file = visitor.get(f"/jobs/{job.pk}/file")
    assert file["Content-Type"] == "application/json"
    assert 'filename="annual-2025.json"' in file["Content-Disposition"]
    assert json.loads(file.content)  # the report itself, through the records renderers
    job.refresh_from_db()
    assert job.state == "done" and job.started_at and job.finished_at
    assert job.step == job.steps == 3


def test_the_status_page_shows_steps_while_running(db: Any, queued_only: list[Any]) -> None:
    job = job_submit(by=None, kind="annual_report", params={"year": 2025, "format": "csv"})
    Job.objects.filter(pk=job.pk).update(state="running", step=2, steps=3, step_note="counting")
    page = Client().get(f"/jobs/{job.pk}").content.decode()
    assert "Running" in page and "step 2 of 3: counting" in page
    assert '<progress max="3" value="2"' in page and 'http-equiv="refresh"' in page
    assert Client().get("/jobs/00000000-0000-0000-0000-000000000000").status_code == 404


def test_a_failing_import_ends_failed_with_the_row_named_and_nothing_stored(
    people: dict[str, Any], queued_only: list[Any]
) -> None:
    caseworker = people["people"]["caseworker"]
    rows = "issuing_state,reference,decided_on,destination\nFR,FR-1,2025-01-10,BR\nNL,NL-7,x,BR\n"
    job = job_submit(by=caseworker, kind="denial_import", params={"format": "csv", "content": rows})
    page = client_for("caseworker").get(f"/jobs/{job.pk}").content.decode()
    assert "Waiting to start" in page and 'http-equiv="refresh"' in page
    job_run(job.pk)
    job.refresh_from_db()
    assert job.state == "failed" and job.error_field == "rows[1].decided_on"
    assert job.params["content"] == rows  # kept, so the form comes back filled
    assert not Denial.objects.exists()
    html = client_for("caseworker").get(f"/jobs/{job.pk}").content.decode()
    assert "Row 2 after the header, decided_on" in html and "nothing was stored" in html
    # Someone else's job is not shown; a role that may not import cannot queue one.
    assert client_for("senior").get(f"/jobs/{job.pk}").status_code == 404
    with pytest.raises(Exception, match="may not"):
        job_submit(by=people["people"]["auditor"], kind="denial_import", params={"content": "x"})


def test_a_done_import_forgets_the_paste(people: dict[str, Any]) -> None:
    rows = "issuing_state,reference,decided_on,destination\nFR,FR-1,2025-01-10,BR\n"
    job = job_submit(
        by=people["people"]["caseworker"], kind="denial_import",
        params={"format": "csv", "content": rows},
    )  # fmt: skip
    assert job.state == "done" and job.outcome == {"created": 1, "updated": 0}
    assert "content" not in job.params  # the rows are in the register; the row keeps no copy


@pytest.mark.django_db(transaction=True)
def test_a_queued_job_is_a_task_on_the_database_broker(settings: Any) -> None:
    """The default: asking returns at once with a task queued for `torturefree worker`."""
    from django_q.models import OrmQ
    from torturefree_service.jobs.tasks import run_job

    settings.TORTUREFREE_JOBS_SYNC = False
    job = job_submit(by=None, kind="annual_report", params={"year": 2024, "format": "csv"})
    queued = OrmQ.objects.get()
    assert queued.task["args"] == (str(job.pk),) and job.state == "queued"
    assert run_job(queued.task["args"][0])  # what a worker process does with it
    job.refresh_from_db()
    assert job.state == "done" and job.result_name == "annual-2024.csv", job.error
