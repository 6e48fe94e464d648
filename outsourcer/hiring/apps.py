from django.apps import AppConfig


class HiringConfig(AppConfig):
    name = "outsourcer.hiring"
    label = "hiring"

    def ready(self) -> None:
        from outsourcer.contractors.merge import contractor_merge_rule_register
        from outsourcer.hiring.services.merge import bids_move, invitations_move
        from outsourcer.hiring.services.messages import job_thread_subject_for_message
        from outsourcer.hiring.track_inputs import BUILT_IN_INPUTS
        from outsourcer.hiring.track_record import track_record_input_register
        from outsourcer.messaging.subjects import thread_subject_register

        # The track record's evidence from completed work (track_inputs.py); later domains add theirs.
        for track_input in BUILT_IN_INPUTS:
            track_record_input_register(track_input)

        # A merged prospect's hiring rows are the account's from now on (contractors/merge.py).
        contractor_merge_rule_register("hiring.JobInvitation", "contractor", invitations_move)
        contractor_merge_rule_register("hiring.Bid", "contractor", bids_move)
        for label in ("hiring.Interview", "hiring.ReferenceCheck"):
            contractor_merge_rule_register(label, "contractor")
        # A held answer's notice, sent by the worker, names the job and links to it (messaging).
        thread_subject_register("job", job_thread_subject_for_message)
