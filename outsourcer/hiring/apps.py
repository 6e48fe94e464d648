from django.apps import AppConfig


class HiringConfig(AppConfig):
    name = "outsourcer.hiring"
    label = "hiring"

    def ready(self) -> None:
        from outsourcer.contractors.merge import contractor_merge_rule_register

        # A prospect who applied through a share link (or was invited before having an account)
        # keeps their invitations, bids, Q&A, interviews and references when the record merges
        # into their account.
        for model in ("JobInvitation", "Bid", "JobMessage", "Interview", "ReferenceCheck"):
            contractor_merge_rule_register(f"hiring.{model}", "contractor")
