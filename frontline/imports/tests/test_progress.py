"""A running job's progress: recorded on the job row outside the import's transaction, and never
through the connection the one-pass pipeline lends to its writer thread."""

import pytest
from django.db import connection, transaction

from frontline import testing
from frontline.accounts.models import User
from frontline.imports.models import ImportJob
from frontline.imports.services import _ProgressPublisher


@pytest.mark.django_db(transaction=True)
def test_progress_goes_to_the_job_row_outside_a_transaction_and_waits_inside_one_on_sqlite():
    testing.make_divisions()
    actor = User.objects.create(username="progress_admin", division_id=testing.COUNTY, roles=["county_admin"])
    job = ImportJob.objects.create(kind="returnees", actor=actor, division_code=testing.COUNTY, file="x.xlsx")
    with _ProgressPublisher(job.pk) as publish:
        publish(2000, 10000)
        job.refresh_from_db()
        assert (job.progress, job.total) == (2000, 10000) and job.heartbeat is not None
        with transaction.atomic():
            # What the engine's pipeline looks like from here: an import transaction open.
            publish(4000, 10000)
            if connection.vendor == "sqlite":
                # SQLite's one write lock is the import's: nothing is written, nothing waits for it.
                assert publish.side is None
            else:
                assert publish.side is not None and publish.side is not connection
        job.refresh_from_db()
        expected = 2000 if connection.vendor == "sqlite" else 4000
        assert job.progress == expected
    assert publish.side is None
