from django.apps import AppConfig


class WorkConfig(AppConfig):
    """Work with contractors: briefs, the brief-clarity check and tasks (threads and check-ins join it)."""

    name = "outsourcer.work"
    label = "work"

    def ready(self) -> None:
        from outsourcer.accounts.services import organization_close_hook_register
        from outsourcer.contractors.merge import contractor_merge_rule_register
        from outsourcer.messaging.subjects import thread_subject_register
        from outsourcer.work.services import task_cancel_all_for_organization, task_thread_subject_for_message

        # A merged prospect's tasks are the account's from now on (their engagement follows by itself).
        contractor_merge_rule_register("work.Task", "contractor")
        # Their check-ins follow them too (their threads are messaging's).
        contractor_merge_rule_register("work.CheckIn", "contractor")
        # A held message's notice, sent by the worker, names the task and links to it.
        thread_subject_register("task", task_thread_subject_for_message)
        # A closed organization leaves no task open.
        organization_close_hook_register(task_cancel_all_for_organization)
