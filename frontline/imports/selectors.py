"""Reads: import jobs of the user's jurisdiction, export-limit alerts."""

from django.db.models import QuerySet

from frontline.audit.models import AuditEvent
from frontline.imports import progress
from frontline.imports.models import ImportJob


def job_list(*, policy) -> QuerySet[ImportJob]:
    return policy.scope(ImportJob.objects.select_related("actor"))


def job_get(*, policy, pk: int) -> ImportJob:
    """The job with its latest progress, wherever its worker could publish it (imports.progress)."""
    return progress.overlay(policy.get_or_404(ImportJob.objects.select_related("actor"), pk=pk))


def export_alerts(*, policy) -> QuerySet[AuditEvent]:
    """Export-limit alerts (and any other security alert) of the jurisdiction, newest first."""
    return policy.scope(AuditEvent.objects.filter(action="alert"))
