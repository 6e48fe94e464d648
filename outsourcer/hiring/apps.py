from django.apps import AppConfig


class HiringConfig(AppConfig):
    name = "outsourcer.hiring"
    label = "hiring"

    def ready(self) -> None:
        from outsourcer.contractors.merge import contractor_merge_rule_register
        from outsourcer.hiring.track_inputs import BUILT_IN_INPUTS
        from outsourcer.hiring.track_record import track_record_input_register

        # The track record's evidence from completed work (track_inputs.py); later domains add theirs.
        for track_input in BUILT_IN_INPUTS:
            track_record_input_register(track_input)

        # A merged prospect's invitations, bids, Q&A, interviews and references are the account's
        # from now on (without these rules every contractor merge stops: contractors/merge.py).
        for model in ("JobInvitation", "Bid", "JobMessage", "Interview", "ReferenceCheck"):
            contractor_merge_rule_register(f"hiring.{model}", "contractor")
