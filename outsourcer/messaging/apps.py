from django.apps import AppConfig


class MessagingConfig(AppConfig):
    """One message store for every conversation with a contractor: a task's thread (work) and a
    bidder's Q&A on a job (hiring). Both subjects are lazy foreign keys; work and hiring register
    what differs (subjects.py)."""

    name = "outsourcer.messaging"
    label = "messaging"

    def ready(self) -> None:
        from outsourcer.contractors.merge import contractor_merge_rule_register
        from outsourcer.messaging.services import threads_move

        # A merged prospect's threads and messages are the account's from now on (two threads on
        # one job become one).
        contractor_merge_rule_register("messaging.Thread", "contractor", threads_move)
        contractor_merge_rule_register("messaging.Message", "contractor")
