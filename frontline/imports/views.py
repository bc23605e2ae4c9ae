from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from frontline.core.exports import Column, ExportLimitExceeded, check_export_quota, export_xlsx
from frontline.core.paging import paginate
from frontline.core.scoping import scoped
from frontline.imports import selectors, services
from frontline.imports.registry import all_kinds, get_kind
from frontline.imports.workbooks import write_template

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _kinds(policy):
    return [
        {"key": k.key, "label": k.label, "reason": k.available()} for k in all_kinds() if policy.has(k.perm)
    ]


@scoped("imports.view")
@never_cache
def index(request):
    page = paginate(request, selectors.job_list(policy=request.policy), per_page=20)
    return render(
        request,
        "imports/index.html",
        {"kinds": _kinds(request.policy), "page": page, "may_alerts": request.policy.has("imports.alerts")},
    )


@require_POST
@scoped("imports.view")
def upload(request):
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise ValidationError({"file": _("Choose a file to upload.")})
        job = services.import_job_create(actor=request.user, kind=request.POST.get("kind", ""), upload=upload)
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
        return redirect("imports:index")
    return redirect("imports:job", pk=job.pk)


@scoped("imports.view")
@never_cache
def job(request, pk: int):
    job = selectors.job_get(policy=request.policy, pk=pk)
    return render(request, "imports/job.html", _job_context(request, job))


@scoped("imports.view")
@never_cache
def job_status(request, pk: int):
    job = selectors.job_get(policy=request.policy, pk=pk)
    return render(request, "imports/_job_status.html", _job_context(request, job))


def _job_context(request, job):
    kind = get_kind(job.kind)
    return {
        "job": job,
        "kind": kind,
        "mine": job.actor_id == request.user.pk,
        "retryable": services.is_retryable(job),
        "errors": job.errors[:20],
    }


@require_POST
@scoped("imports.view")
def confirm(request, pk: int):
    job = selectors.job_get(policy=request.policy, pk=pk)
    try:
        services.import_job_confirm(actor=request.user, job=job)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("imports:job", pk=job.pk)


@require_POST
@scoped("imports.view")
def retry(request, pk: int):
    job = selectors.job_get(policy=request.policy, pk=pk)
    try:
        services.import_job_retry(actor=request.user, job=job)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("imports:job", pk=job.pk)


@scoped("imports.view")
@never_cache
def errors(request, pk: int):
    """The refused rows with an error column: fix and upload again. An audited, quota-counted export."""
    job = selectors.job_get(policy=request.policy, pk=pk)
    if not job.error_file:
        raise Http404
    try:
        check_export_quota(actor=request.user, request=request, object_type="imports.errors")
    except ExportLimitExceeded as exc:
        return HttpResponse(
            _("Daily export limit of %(n)s reached; county administrators have been alerted.")
            % {"n": exc.args[0]},
            status=429,
            content_type="text/plain; charset=utf-8",
        )
    services.import_errors_download_audit(actor=request.user, job=job, request=request)
    response = FileResponse(
        job.error_file.open("rb"),
        as_attachment=True,
        filename=_("rows-to-fix-%(id)s.xlsx") % {"id": job.pk},
        content_type=XLSX,
    )
    response["Cache-Control"] = "no-store"
    return response


@scoped("imports.view")
def template(request, kind: str):
    """The blank template of a kind: Chinese headers, identifier columns formatted as Text."""
    import tempfile

    k = get_kind(kind)
    if k is None or not request.policy.has(k.perm):
        raise Http404
    tmp = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115 - closed by FileResponse
    write_template(tmp.name, k)
    tmp.seek(0)
    return FileResponse(tmp, as_attachment=True, filename=f"{k.title or k.label}.xlsx", content_type=XLSX)


@require_POST
@scoped("imports.view")
def history_export(request):
    jobs = selectors.job_list(policy=request.policy)
    kinds = {k.key: str(k.label) for k in all_kinds()}
    columns = [
        Column(_("Uploaded at"), lambda j: j.created_at, width=17),
        Column(_("Kind"), lambda j: kinds.get(j.kind, j.kind)),
        Column(_("File name"), lambda j: j.original_name, width=30),
        Column(_("Imported by"), lambda j: j.actor.get_username()),
        Column(_("Division"), lambda j: j.division_code, width=15),
        Column(_("Status"), lambda j: j.get_status_display()),
        Column(_("Rows"), lambda j: j.rows, width=8),
        Column(_("Created"), lambda j: j.created, width=8),
        Column(_("Updated"), lambda j: j.updated, width=8),
        Column(_("Unchanged"), lambda j: j.unchanged, width=8),
        Column(_("Errors"), lambda j: j.error_count, width=8),
        Column(_("Message"), lambda j: j.message, width=30),
    ]
    return export_xlsx(
        actor=request.user,
        policy=request.policy,
        title=str(_("Import history")),
        columns=columns,
        rows=jobs.iterator(chunk_size=2000),
        object_type="imports.importjob",
        division_code=request.policy.prefix,
        request=request,
    )


@scoped("imports.alerts")
@never_cache
def alerts(request):
    page = paginate(request, selectors.export_alerts(policy=request.policy).select_related("actor"))
    return render(request, "imports/alerts.html", {"page": page})
