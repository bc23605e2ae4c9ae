"""/api/v1: the daily brief, column posts, typical deeds and upward submissions.

The same services and selectors as the pages: the rules exist once."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate

from frontline.core.api_support import LimitOffsetPagination, api_policy
from frontline.core.clock import today
from frontline.publicity import selectors, services
from frontline.publicity.brief import daily_brief

router = Router(tags=["publicity"])


class BriefOut(Schema):
    division_code: str
    division_name: str
    date: date
    figures: dict
    text: str


@router.get("/reports/daily-brief", response=BriefOut)
def get_daily_brief(request, division: str = "", date: date | None = None):
    policy = api_policy(request, "reports.brief")
    division = division or policy.prefix
    policy.require_covers(division)  # outside the jurisdiction answers 404, like a missing division
    brief = daily_brief(division, date or today())
    return {
        "division_code": brief.division_code,
        "division_name": brief.division_name,
        "date": brief.date,
        "figures": brief.figures,
        "text": brief.text,
    }


class PostOut(Schema):
    id: int
    division_code: str
    title: str
    body: str
    status: str
    author: str
    editor: str | None
    publish_date: date | None
    review_note: str

    @staticmethod
    def resolve_author(obj):
        return obj.author.get_username()

    @staticmethod
    def resolve_editor(obj):
        return obj.editor.get_username() if obj.editor_id else None


class PostIn(Schema):
    title: str
    body: str
    division_code: str = ""


class PostActionIn(Schema):
    action: Literal["submit", "publish", "reject"]
    note: str = ""
    publish_date: date | None = None


@router.get("/publicity/posts/", response=list[PostOut])
@paginate(LimitOffsetPagination)
def list_posts(request, status: str = ""):
    return selectors.post_list(policy=api_policy(request), status=status)


@router.get("/publicity/posts/{post_id}", response=PostOut)
def get_post(request, post_id: int):
    return selectors.post_get(policy=api_policy(request), pk=post_id)


@router.post("/publicity/posts/", response={201: PostOut})
def create_post(request, payload: PostIn):
    api_policy(request, "publicity.write")
    post = services.post_create(
        actor=request.user,
        title=payload.title,
        body=payload.body,
        division_code=payload.division_code or None,
    )
    return 201, post


@router.post("/publicity/posts/{post_id}/action", response=PostOut)
def act_on_post(request, post_id: int, payload: PostActionIn):
    api_policy(request, "publicity.write")
    post = selectors.post_get(policy=api_policy(request), pk=post_id)
    if payload.action == "submit":
        return services.post_submit(actor=request.user, post=post)
    if payload.action == "publish":
        return services.post_publish(actor=request.user, post=post, publish_date=payload.publish_date)
    return services.post_reject(actor=request.user, post=post, note=payload.note)


class DeedOut(Schema):
    id: int
    division_code: str
    title: str
    story: str
    status: str
    occurred_on: date | None
    people: list[dict]
    records: list[dict]

    @staticmethod
    def resolve_people(obj):
        # Names only: a deed is a public story; identifiers never travel with it.
        return [{"id": p.pk, "name": p.name, "division_code": p.division_code} for p in obj.people.all()]

    @staticmethod
    def resolve_records(obj):
        return [
            {
                "type": f"{r.content_type.app_label}.{r.content_type.model}",
                "id": r.object_id,
                "label": r.label,
            }
            for r in obj.records.all()
        ]


class RecordRef(Schema):
    type: str  # "app_label.model", e.g. "people.cadre"
    id: int
    label: str = ""


class DeedIn(Schema):
    title: str
    story: str
    division_code: str = ""
    person_ids: list[int] = []
    occurred_on: date | None = None
    records: list[RecordRef] = []


@router.get("/publicity/deeds/", response=list[DeedOut])
@paginate(LimitOffsetPagination)
def list_deeds(request, status: str = ""):
    return selectors.deed_list(policy=api_policy(request), status=status).prefetch_related(
        "records__content_type"
    )


@router.get("/publicity/deeds/{deed_id}", response=DeedOut)
def get_deed(request, deed_id: int):
    return selectors.deed_get(policy=api_policy(request), pk=deed_id)


@router.post("/publicity/deeds/", response={201: DeedOut})
def create_deed(request, payload: DeedIn):
    api_policy(request, "publicity.nominate")
    deed = services.deed_nominate(
        actor=request.user,
        title=payload.title,
        story=payload.story,
        division_code=payload.division_code or None,
        person_ids=payload.person_ids,
        occurred_on=payload.occurred_on,
        records=[(services.record_resolve(ref.type, ref.id), ref.label) for ref in payload.records],
    )
    return 201, deed


class DeedActionIn(Schema):
    action: Literal["review", "publish", "reject"]
    note: str = ""


@router.post("/publicity/deeds/{deed_id}/action", response=DeedOut)
def act_on_deed(request, deed_id: int, payload: DeedActionIn):
    api_policy(request, "publicity.write")
    deed = selectors.deed_get(policy=api_policy(request), pk=deed_id)
    return services.deed_decide(actor=request.user, deed=deed, action=payload.action, note=payload.note)


class SubmissionOut(Schema):
    id: int
    division_code: str
    subject: Literal["post", "deed"]
    post_id: int | None
    deed_id: int | None
    title: str
    level: str
    recipient: str
    sent_at: datetime
    sent_by: str
    status: str
    feedback: str
    published_url: str

    @staticmethod
    def resolve_subject(obj):
        return obj.subject_kind

    @staticmethod
    def resolve_title(obj):
        return obj.subject.title

    @staticmethod
    def resolve_sent_by(obj):
        return obj.sent_by.get_username()


class SubmissionIn(Schema):
    post_id: int | None = None
    deed_id: int | None = None
    level: str
    recipient: str = ""


class OutcomeIn(Schema):
    status: Literal["accepted", "published", "returned", "sent"]
    feedback: str = ""
    published_url: str = ""


@router.get("/publicity/submissions/", response=list[SubmissionOut])
@paginate(LimitOffsetPagination)
def list_submissions(request, status: str = "", level: str = ""):
    return selectors.submission_list(policy=api_policy(request), status=status, level=level)


@router.get("/publicity/submissions/{submission_id}", response=SubmissionOut)
def get_submission(request, submission_id: int):
    return selectors.submission_get(policy=api_policy(request), pk=submission_id)


@router.post("/publicity/submissions/", response={201: SubmissionOut})
def create_submission(request, payload: SubmissionIn):
    policy = api_policy(request, "publicity.write")
    if (payload.post_id is None) == (payload.deed_id is None):
        raise ValidationError({"post_id": _("Choose either a column post or a typical deed.")})
    post = selectors.post_get(policy=policy, pk=payload.post_id) if payload.post_id else None
    deed = selectors.deed_get(policy=policy, pk=payload.deed_id) if payload.deed_id else None
    sub = services.submission_create(
        actor=request.user, post=post, deed=deed, level=payload.level, recipient=payload.recipient
    )
    return 201, sub


@router.post("/publicity/submissions/{submission_id}/outcome", response=SubmissionOut)
def record_outcome(request, submission_id: int, payload: OutcomeIn):
    policy = api_policy(request, "publicity.write")
    sub = selectors.submission_get(policy=policy, pk=submission_id)
    return services.submission_record_outcome(
        actor=request.user,
        submission=sub,
        status=payload.status,
        feedback=payload.feedback,
        published_url=payload.published_url,
    )
