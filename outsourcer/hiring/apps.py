from django.apps import AppConfig


class HiringConfig(AppConfig):
    name = "outsourcer.hiring"
    label = "hiring"

    def ready(self) -> None:
        from outsourcer.contractors.merge import contractor_merge_rule_register

        # A merged prospect's invitations, bids, Q&A, interviews and references are the account's
        # from now on (without these rules every contractor merge stops: contractors/merge.py).
        for model in ("JobInvitation", "Bid", "JobMessage", "Interview", "ReferenceCheck"):
            contractor_merge_rule_register(f"hiring.{model}", "contractor")
