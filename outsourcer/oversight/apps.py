from django.apps import AppConfig


class OversightConfig(AppConfig):
    """Oversight: deliverables, reviews, feedback, utilization, duplicate work and the Health Check."""

    name = "outsourcer.oversight"
    label = "oversight"

    def ready(self) -> None:
        from outsourcer.contractors.merge import contractor_merge_rule_register

        # A merged prospect's hand-overs, reviews, feedback and ratings are the account's from now on.
        for label in (
            "oversight.Deliverable",
            "oversight.DeliverableVersion",
            "oversight.Review",
            "oversight.Feedback",
            "oversight.OrganizationRating",
        ):
            contractor_merge_rule_register(label, "contractor")

        from outsourcer.hiring.track_record import track_record_input_register
        from outsourcer.oversight.selectors.track_inputs import OVERSIGHT_INPUTS

        # Feedback, deadlines kept and work accepted as first handed over feed hiring's trust score.
        for track_input in OVERSIGHT_INPUTS:
            track_record_input_register(track_input)
