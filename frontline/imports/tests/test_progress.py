"""A running job's progress: recorded on the job row outside the import's transaction, and never
through the connection the one-pass pipeline lends to its writer thread; on SQLite, whose one write
lock the import holds, beside the row in a side file that the polling page reads."""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.utils import timezone

from frontline import testing
from frontline.accounts.models import User
from frontline.core.policy import policy_for
from frontline.imports import progress, selectors, services
from frontline.imports.models import ImportJob, Status


def _job(**fields):
    testing.make_divisions()
    actor = User.objects.create(username="progress_admin", division_id=testing.COUNTY, roles=["county_admin"])
    job = ImportJob.objects.create(
        kind="returnees", actor=actor, division_code=testing.COUNTY, file="x.xlsx", **fields
    )
    return actor, job


@pytest.mark.django_db(transaction=True)
def test_progress_reaches_the_polling_page_outside_and_inside_the_import_transaction():
    actor, job = _job(status=Status.RUNNING, heartbeat=timezone.now() - dt.timedelta(seconds=5))
    policy = policy_for(actor)
    with progress.Publisher(job.pk) as publish:
        publish(2000, 10000)
        shown = selectors.job_get(policy=policy, pk=job.pk)
        assert (shown.progress, shown.total, shown.percent) == (2000, 10000, 23)
        with transaction.atomic():
            # What the engine's pipeline looks like from here: an import transaction open.
            publish(4000, 10000)
            if connection.vendor == "sqlite":
                # SQLite's one write lock is the import's: the counts go to the side file.
                assert publish.side is None and progress.side_file(job.pk).exists()
            else:
                assert publish.side is not None and publish.side is not connection
        row = ImportJob.objects.get(pk=job.pk)
        assert row.progress == (2000 if connection.vendor == "sqlite" else 4000)
        shown = selectors.job_get(policy=policy, pk=job.pk)
        assert (shown.progress, shown.percent) == (4000, 41)
        assert shown.heartbeat > row.heartbeat or connection.vendor != "sqlite"
    assert publish.side is None
    assert not progress.side_file(job.pk).exists()
    # Once the import has ended, the page shows the row again.
    assert selectors.job_get(policy=policy, pk=job.pk).progress == row.progress


@pytest.mark.django_db(transaction=True)
def test_a_long_sqlite_import_publishing_to_its_side_file_is_not_taken_for_dead():
    # The row's heartbeat is older than STALE_AFTER (the import has held the write lock that long);
    # the side file's is fresh: the job is still running, not retryable, not re-claimed.
    actor, job = _job(status=Status.RUNNING, heartbeat=timezone.now() - services.STALE_AFTER * 2)
    assert services.is_retryable(ImportJob.objects.get(pk=job.pk))
    publisher = progress.Publisher(job.pk)
    publisher._to_file(6000, 10000, timezone.now())
    shown = selectors.job_get(policy=policy_for(actor), pk=job.pk)
    assert shown.progress == 6000 and not services.is_retryable(shown)
    assert services._claim(job.pk) is None
    # When the file goes quiet too, the job is dead and can be claimed again.
    publisher._to_file(6000, 10000, timezone.now() - services.STALE_AFTER * 2)
    assert services._claim(job.pk) is not None


@pytest.mark.django_db(transaction=True)
def test_a_side_file_left_by_a_killed_run_is_ignored_and_then_removed():
    actor, job = _job(status=Status.RUNNING, heartbeat=timezone.now())
    path = progress.side_file(job.pk)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"progress": 9000, "total": 10000, "heartbeat": "2020-02-19T08:00:00+00:00"}')
    assert selectors.job_get(policy=policy_for(actor), pk=job.pk).progress == 0  # older than the row
    path.write_text("{not json")
    assert selectors.job_get(policy=policy_for(actor), pk=job.pk).progress == 0
    with progress.Publisher(job.pk):
        assert not path.exists()
