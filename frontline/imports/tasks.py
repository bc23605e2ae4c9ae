from django_tasks import task


@task(queue_name="default")
def run_import_job(job_id: int) -> str:
    """Runs on the database-backed worker (`manage.py db_worker`), never in a web process."""
    from frontline.imports.services import import_job_run

    return import_job_run(job_id)
