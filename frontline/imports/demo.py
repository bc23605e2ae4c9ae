"""Demo: one party-member roster imported by 园塘村's first secretary, as a village would send it
(title rows, a 合计 row, one ID typed into a Number-formatted column), so the import history, the
result page and the error workbook have something real to show."""

import io

import xlsxwriter
from django.core.files.base import ContentFile

from frontline.imports.models import ImportJob, Status
from frontline.imports.services import import_job_run
from frontline.people.models import Person


def _roster(ctx) -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_numbers": False})
    ws = wb.add_worksheet("党员名册")
    ws.write_row(0, 0, ["园塘村党员名册（补录）"])
    ws.write_row(1, 0, ["填报单位：中共园塘村支部委员会", "", "", "", "填报日期：2020年2月18日"])
    ws.write_row(2, 0, ["序号", "姓名", "身份证号码", "手机号", "乡镇", "村", "入党时间", "党员类型"])
    for i in range(8):
        ws.write_number(3 + i, 0, i + 1)
        ws.write_string(3 + i, 1, ctx.synth.name())
        ws.write_string(3 + i, 2, ctx.synth.id_number()[0])
        ws.write_string(3 + i, 3, ctx.synth.mobile())
        ws.write_row(3 + i, 4, ["长冈乡", "园塘村", f"{2000 + i}年7月1日", "预备" if i == 7 else "正式"])
    ws.write_number(11, 0, 9)
    ws.write_string(11, 1, ctx.synth.name())
    ws.write_number(11, 2, 360732198805061000)  # what Excel leaves of an ID typed into a Number column
    ws.write_row(11, 4, ["长冈乡", "园塘村"])
    ws.write_row(12, 0, ["合计", "9人"])
    wb.close()
    return buf.getvalue()


def seed(ctx) -> dict:
    actor = ctx.user("yuantang_secretary")
    job = ImportJob(
        kind="members",
        actor=actor,
        division_code=actor.division_id,
        original_name="园塘村党员名册（补录）.xlsx",
        status=Status.QUEUED_PREVIEW,
    )
    content = _roster(ctx)
    job.size = len(content)
    job.file.save("demo-yuantang-members.xlsx", ContentFile(content), save=False)
    job.save()
    import_job_run(job.pk)  # preview
    ImportJob.objects.filter(pk=job.pk).update(status=Status.QUEUED)
    import_job_run(job.pk)  # commit
    job.refresh_from_db()
    Person.objects.filter(
        memberships__organization__division_code=actor.division_id, is_synthetic=False
    ).update(is_synthetic=True)
    return {"import_jobs": 1, "imported_members": job.created, "rows_refused": job.error_count}
