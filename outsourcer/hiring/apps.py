from django.apps import AppConfig


class HiringConfig(AppConfig):
    name = "outsourcer.hiring"
    label = "hiring"

    def ready(self) -> None:
        from outsourcer.contractors.merge import contractor_merge_rule_register

        # A merged prospect's reference checks are about the account's contractor from now on.
        contractor_merge_rule_register("hiring.ReferenceCheck", "contractor")
