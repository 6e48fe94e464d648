from django.apps import AppConfig


class SimilarConfig(AppConfig):
    name = "outsourcer.similar"
    label = "similar"

    def ready(self) -> None:
        from outsourcer.contractors.merge import contractor_merge_rule_register

        contractor_merge_rule_register("similar.SimilarDocument", "contractor")
