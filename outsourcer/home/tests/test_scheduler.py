from outsourcer.budgets.jobs import budget_alerts_sweep
from outsourcer.contracts.jobs import retainer_fees_post_task
from outsourcer.hiring.jobs import references_remind_and_expire
from outsourcer.home.management.commands.scheduler import periodic_jobs
from outsourcer.oversight.jobs import feedback_reminders, health_snapshots, review_reminders
from outsourcer.work.jobs import task_reminders


def test_it_collects_every_domains_periodic_jobs_in_app_order():
    jobs = periodic_jobs()
    assert jobs == [
        budget_alerts_sweep,
        retainer_fees_post_task,
        references_remind_and_expire,
        task_reminders,
        review_reminders,
        feedback_reminders,
        health_snapshots,
    ]
