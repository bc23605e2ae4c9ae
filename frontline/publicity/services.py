"""Every write of the column, deeds and submissions. Rules live here once; web forms and the API call
these. Each write is one transaction with its audit event."""

from __future__ import annotations

import datetime as dt
import os

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from frontline.audit.services import audit_record
from frontline.core.clock import now, today
from frontline.core.policy import policy_for
from frontline.people.models import Person
from frontline.publicity.models import (
    ColumnPost,
    Deed,
    DeedRecord,
    Level,
    PostAttachment,
    PostStatus,
    Submission,
    SubmissionStatus,
)

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
# extension → (kind, content type, magic prefixes). The first bytes are checked, not the name alone.
ALLOWED_FILES = {
    ".jpg": ("image", "image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image", "image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image", "image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".gif": ("image", "image/gif", (b"GIF87a", b"GIF89a")),
    ".webp": ("image", "image/webp", (b"RIFF",)),
    ".pdf": ("document", "application/pdf", (b"%PDF-",)),
    ".docx": (
        "document",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    ".xlsx": (
        "document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (b"PK\x03\x04",),
    ),
    ".doc": ("document", "application/msword", (b"\xd0\xcf\x11\xe0",)),
    ".txt": ("document", "text/plain", (b"",)),
}
MAX_ATTACHMENTS = 9


def _write_policy(actor, perm: str = "publicity.write"):
    policy = policy_for(actor)
    policy.require(perm)
    return policy


def _clean_text(value: str, field: str, max_len: int, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: _("This field is required.")})
    if len(value) > max_len:
        raise ValidationError({field: _("At most %(n)s characters.") % {"n": max_len}})
    return value


# -- column posts ----------------------------------------------------------------------------------
@transaction.atomic
def post_create(
    *, actor, title: str, body: str, division_code: str | None = None, request=None
) -> ColumnPost:
    policy = _write_policy(actor)
    division_code = division_code or policy.prefix
    policy.require_covers(division_code)
    post = ColumnPost.objects.create(
        division_code=division_code,
        title=_clean_text(title, "title", 120),
        body=_clean_text(body, "body", 20000),
        author=actor,
    )
    audit_record(actor=actor, action="create", obj=post, request=request, detail={"title": post.title})
    return post


def _editable(post: ColumnPost, actor):
    policy = _write_policy(actor)
    policy.require_covers(post.division_code)
    return policy


@transaction.atomic
def post_update(*, actor, post: ColumnPost, title: str, body: str, request=None) -> ColumnPost:
    _editable(post, actor)
    if post.status != PostStatus.DRAFT:
        raise ValidationError({"status": _("Only a draft can be edited; a rejected post returns to draft.")})
    post.title = _clean_text(title, "title", 120)
    post.body = _clean_text(body, "body", 20000)
    post.save(update_fields=["title", "body", "updated_at"])
    audit_record(actor=actor, action="update", obj=post, request=request)
    return post


@transaction.atomic
def post_submit(*, actor, post: ColumnPost, request=None) -> ColumnPost:
    """Draft → in review."""
    _editable(post, actor)
    if post.status != PostStatus.DRAFT:
        raise ValidationError({"status": _("Only a draft can be sent for review.")})
    post.status = PostStatus.IN_REVIEW
    post.submitted_at = now()
    post.save(update_fields=["status", "submitted_at", "updated_at"])
    audit_record(actor=actor, action="submit", obj=post, request=request)
    return post


def _check_second_person(policy, post: ColumnPost, actor):
    # Four eyes: whoever reviews must not be the author, except the county administrator.
    if post.author_id == actor.pk and not policy.has_role("county_admin"):
        raise PermissionDenied(_("A post is reviewed by someone other than its author."))


@transaction.atomic
def post_reject(*, actor, post: ColumnPost, note: str, request=None) -> ColumnPost:
    """In review → draft, with the editor's note saying what to change."""
    policy = _editable(post, actor)
    if post.status != PostStatus.IN_REVIEW:
        raise ValidationError({"status": _("Only a post in review can be sent back.")})
    _check_second_person(policy, post, actor)
    post.review_note = _clean_text(note, "note", 500)
    post.status = PostStatus.DRAFT
    post.editor = actor
    post.save(update_fields=["status", "review_note", "editor", "updated_at"])
    audit_record(actor=actor, action="reject", obj=post, request=request, detail={"note": post.review_note})
    return post


@transaction.atomic
def post_publish(*, actor, post: ColumnPost, publish_date: dt.date | None = None, request=None) -> ColumnPost:
    """In review → published, on the given day (default today) by an editor who is not the author."""
    policy = _editable(post, actor)
    if post.status != PostStatus.IN_REVIEW:
        raise ValidationError({"status": _("Only a post in review can be published.")})
    _check_second_person(policy, post, actor)
    day = publish_date or today()
    if day > today():
        raise ValidationError({"publish_date": _("The publish date cannot be in the future.")})
    post.status = PostStatus.PUBLISHED
    post.editor = actor
    post.publish_date = day
    post.published_at = now()
    post.review_note = ""
    post.save(update_fields=["status", "editor", "publish_date", "published_at", "review_note", "updated_at"])
    audit_record(actor=actor, action="publish", obj=post, request=request, detail={"date": day.isoformat()})
    return post


def check_upload(upload) -> tuple[str, str]:
    """(kind, content type) of an acceptable upload, or a ValidationError saying why not."""
    name = os.path.basename(upload.name or "")
    ext = os.path.splitext(name)[1].lower()
    if ext not in ALLOWED_FILES:
        raise ValidationError(
            {
                "file": _(
                    "Only images (jpg, png, gif, webp) and documents (pdf, docx, xlsx, doc, txt) are accepted."
                )
            }
        )
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            {"file": _("A file may be at most %(n)s MB.") % {"n": MAX_ATTACHMENT_BYTES // 2**20}}
        )
    if upload.size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    kind, content_type, magics = ALLOWED_FILES[ext]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(m) for m in magics):
        raise ValidationError(
            {"file": _("The file's content does not match its type (%(ext)s).") % {"ext": ext}}
        )
    if ext == ".webp" and head[8:12] != b"WEBP":
        raise ValidationError(
            {"file": _("The file's content does not match its type (%(ext)s).") % {"ext": ext}}
        )
    return kind, content_type


@transaction.atomic
def attachment_add(*, actor, post: ColumnPost, upload, request=None) -> PostAttachment:
    _editable(post, actor)
    if post.status == PostStatus.PUBLISHED:
        raise ValidationError({"file": _("A published post can no longer be changed.")})
    if post.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError({"file": _("At most %(n)s attachments per post.") % {"n": MAX_ATTACHMENTS}})
    kind, content_type = check_upload(upload)
    original = os.path.basename(upload.name)[:200]
    att = PostAttachment(
        post=post,
        division_code=post.division_code,
        original_name=original,
        kind=kind,
        content_type=content_type,
        size=upload.size,
        uploaded_by=actor,
    )
    # Stored under a neutral name: the original name is kept for display only.
    upload.name = f"post{post.pk}{os.path.splitext(original)[1].lower()}"
    att.file = upload
    att.save()
    audit_record(
        actor=actor, action="attach", obj=att, request=request, detail={"post": post.pk, "size": att.size}
    )
    return att


@transaction.atomic
def attachment_remove(*, actor, attachment: PostAttachment, request=None) -> None:
    _editable(attachment.post, actor)
    if attachment.post.status == PostStatus.PUBLISHED:
        raise ValidationError({"file": _("A published post can no longer be changed.")})
    audit_record(actor=actor, action="delete", obj=attachment, request=request)
    attachment.file.delete(save=False)
    attachment.delete()


# -- typical deeds ---------------------------------------------------------------------------------
@transaction.atomic
def deed_nominate(
    *,
    actor,
    title: str,
    story: str,
    division_code: str | None = None,
    person_ids: list[int] | None = None,
    occurred_on: dt.date | None = None,
    records: list[tuple[object, str]] | None = None,
    request=None,
) -> Deed:
    """Nominate a typical deed about people of one's jurisdiction and the records that show it."""
    policy = _write_policy(actor, "publicity.nominate")
    division_code = division_code or policy.prefix
    policy.require_covers(division_code)
    person_ids = list(dict.fromkeys(person_ids or []))
    people = list(policy.scope(Person.objects.filter(pk__in=person_ids)))
    if len(people) != len(person_ids):
        raise ValidationError({"person_ids": _("Unknown person.")})
    if occurred_on and occurred_on > today():
        raise ValidationError({"occurred_on": _("The date cannot be in the future.")})
    deed = Deed.objects.create(
        division_code=division_code,
        title=_clean_text(title, "title", 120),
        story=_clean_text(story, "story", 20000),
        occurred_on=occurred_on,
        nominated_by=actor,
        nominated_at=now(),
    )
    deed.people.set(people)
    for record, label in records or []:
        deed_link_record(actor=actor, deed=deed, record=record, label=label, _policy=policy)
    audit_record(
        actor=actor, action="create", obj=deed, request=request, detail={"people": [p.pk for p in people]}
    )
    return deed


def record_resolve(type_name: str, pk: int):
    """The record named "app_label.model" + id, for linking to a deed. Only scoped models qualify
    (they carry a division_code); jurisdiction is checked when linking."""
    app_label, _sep, model = (type_name or "").lower().partition(".")
    try:
        ct = ContentType.objects.get_by_natural_key(app_label, model)
    except ContentType.DoesNotExist:
        ct = None
    model_class = ct.model_class() if ct else None
    if model_class is None or not any(f.name == "division_code" for f in model_class._meta.fields):
        raise ValidationError({"records": _("Unknown record type: %(type)s.") % {"type": type_name}})
    obj = model_class._default_manager.filter(pk=pk).first()
    if obj is None:
        raise ValidationError({"records": _("A linked record must belong to your jurisdiction.")})
    return obj


def deed_link_record(*, actor, deed: Deed, record, label: str = "", _policy=None) -> DeedRecord:
    """Link any scoped record (it must carry a division_code inside the actor's jurisdiction)."""
    policy = _policy or _write_policy(actor, "publicity.nominate")
    code = getattr(record, "division_code", None)
    if not policy.covers(code) or not policy.covers(deed.division_code):
        raise ValidationError({"records": _("A linked record must belong to your jurisdiction.")})
    link, _created = DeedRecord.objects.get_or_create(
        deed=deed,
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        defaults={"label": (label or str(record))[:200]},
    )
    return link


DEED_TRANSITIONS = {
    "review": ({"nominated"}, "reviewed"),
    "publish": ({"nominated", "reviewed"}, "published"),
    "reject": ({"nominated", "reviewed"}, "rejected"),
}


@transaction.atomic
def deed_decide(*, actor, deed: Deed, action: str, note: str = "", request=None) -> Deed:
    """Review, publish or decline a nominated deed (editors; not one's own nomination unless county admin)."""
    policy = _write_policy(actor)
    policy.require_covers(deed.division_code)
    if action not in DEED_TRANSITIONS:
        raise ValidationError({"action": _("Not one of the allowed values.")})
    sources, target = DEED_TRANSITIONS[action]
    if deed.status not in sources:
        raise ValidationError({"status": _("This deed cannot be %(action)s now.") % {"action": action}})
    if deed.nominated_by_id == actor.pk and not policy.has_role("county_admin"):
        raise PermissionDenied(_("A deed is reviewed by someone other than who nominated it."))
    if action == "reject" and not note.strip():
        raise ValidationError({"note": _("Say why the deed is not adopted.")})
    deed.status = target
    deed.review_note = _clean_text(note, "note", 500, required=False)
    deed.reviewed_by = actor
    deed.reviewed_at = now()
    fields = ["status", "review_note", "reviewed_by", "reviewed_at"]
    if target == "published":
        deed.published_at = now()
        fields.append("published_at")
    deed.save(update_fields=fields)
    audit_record(actor=actor, action=action, obj=deed, request=request, detail={"status": target})
    return deed


# -- upward submissions ----------------------------------------------------------------------------
@transaction.atomic
def submission_create(
    *,
    actor,
    level: str,
    post: ColumnPost | None = None,
    deed: Deed | None = None,
    recipient: str = "",
    sent_at: dt.datetime | None = None,
    request=None,
) -> Submission:
    policy = _write_policy(actor)
    if (post is None) == (deed is None):
        raise ValidationError({"subject": _("Choose either a column post or a typical deed.")})
    subject = post or deed
    policy.require_covers(subject.division_code)
    if level not in Level.values:
        raise ValidationError({"level": _("Not one of the allowed values.")})
    if post is not None and post.status != PostStatus.PUBLISHED:
        raise ValidationError({"subject": _("Only a published post can be sent upward.")})
    if deed is not None and deed.status not in ("reviewed", "published", "submitted"):
        raise ValidationError({"subject": _("A deed is reviewed before it is sent upward.")})
    sent_at = sent_at or now()
    if sent_at.date() > today():
        raise ValidationError({"sent_at": _("The date cannot be in the future.")})
    sub = Submission.objects.create(
        division_code=subject.division_code,
        post=post,
        deed=deed,
        level=level,
        recipient=_clean_text(recipient, "recipient", 100, required=False),
        sent_at=sent_at,
        sent_by=actor,
    )
    if deed is not None and deed.status != "submitted":
        deed.status = "submitted"
        deed.save(update_fields=["status"])
    audit_record(actor=actor, action="submit_upward", obj=sub, request=request, detail={"level": level})
    return sub


SUBMISSION_FLOW = {
    SubmissionStatus.SENT: {SubmissionStatus.ACCEPTED, SubmissionStatus.PUBLISHED, SubmissionStatus.RETURNED},
    SubmissionStatus.ACCEPTED: {SubmissionStatus.PUBLISHED, SubmissionStatus.RETURNED},
    SubmissionStatus.RETURNED: {SubmissionStatus.SENT},
    SubmissionStatus.PUBLISHED: set(),
}


@transaction.atomic
def submission_record_outcome(
    *, actor, submission: Submission, status: str, feedback: str = "", published_url: str = "", request=None
) -> Submission:
    """What the upper level answered: accepted, published (with its link) or returned (with why)."""
    policy = _write_policy(actor)
    policy.require_covers(submission.division_code)
    if status not in SubmissionStatus.values:
        raise ValidationError({"status": _("Not one of the allowed values.")})
    if status not in SUBMISSION_FLOW[submission.status]:
        raise ValidationError(
            {
                "status": _("A submission that is %(from)s cannot become %(to)s.")
                % {"from": submission.get_status_display(), "to": SubmissionStatus(status).label}
            }
        )
    feedback = _clean_text(feedback, "feedback", 2000, required=status == SubmissionStatus.RETURNED)
    if published_url and not published_url.startswith(("http://", "https://")):
        raise ValidationError({"published_url": _("Enter a link starting with http:// or https://.")})
    submission.status = status
    submission.status_at = now()
    submission.feedback = feedback
    submission.published_url = published_url[:200]
    submission.save(update_fields=["status", "status_at", "feedback", "published_url"])
    audit_record(actor=actor, action="update", obj=submission, request=request, detail={"status": status})
    return submission
