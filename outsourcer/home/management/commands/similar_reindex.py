"""`manage.py similar_reindex`: write every task's and job's entry in the similar-work index
(docs/similar.md). The services keep the index as they write; this fills it for rows that were
there before it existed (run once after the migration that adds it). Safe to run again."""

from django.core.management.base import BaseCommand
from django.db import transaction

from outsourcer.hiring.models import Job
from outsourcer.hiring.services.similar import job_index
from outsourcer.work.models import Task
from outsourcer.work.services.similar import task_index


class Command(BaseCommand):
    help = "Write every task's and job's entry in the similar-work index (docs/similar.md)."

    def handle(self, *args, **options):
        tasks = Task.objects.select_related("organization", "contractor").order_by("pk")
        jobs = Job.objects.select_related("organization", "contract__contractor").order_by("pk")
        counts = {"tasks": 0, "jobs": 0}
        with transaction.atomic():
            for task in tasks.iterator(chunk_size=1000):
                task_index(task)
                counts["tasks"] += 1
            for job in jobs.iterator(chunk_size=1000):
                job_index(job)
                counts["jobs"] += 1
        self.stdout.write(f"Indexed {counts['tasks']} tasks and {counts['jobs']} jobs.")
