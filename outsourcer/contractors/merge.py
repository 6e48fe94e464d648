"""Merging an organization's prospect record into a contractor's account.

Every row that points at a contractor belongs to some domain, and only that domain knows how it
may move: engagements and contracts are repointed, the append-only ledger is relinked through
its one narrow exception (docs/money.md, "Merged contractor records"). Contractors sits below
budgets and contracts, so it cannot import their models; each domain registers a rule for every
foreign key it holds to `Contractor` (`contractor_merge_rule_register`, from its AppConfig.ready).
A foreign key without a rule stops the merge before anything moves, so a new domain that forgets
its rows fails its tests instead of orphaning or losing them.
"""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet

from outsourcer.contractors.models import Contractor, ContractorMerge

# (rows of the merged record, the account's contractor) → moves those rows
MergeMove = Callable[[QuerySet, Contractor], None]


def _repoint(field: str) -> MergeMove:
    def move(rows: QuerySet, into: Contractor) -> None:
        rows.update(**{field: into})

    return move


# Contractors' own rows move first: contracts point at (engagement, contractor) pairs, which on
# PostgreSQL follow the engagement by themselves (contracts migration 0003).
_RULES: dict[tuple[str, str], MergeMove] = {
    ("contractors.Engagement", "contractor"): _repoint("contractor"),
    ("contractors.ContractorMerge", "into"): _repoint("into"),
}


def contractor_merge_rule_register(model_label: str, field: str, move: MergeMove | None = None) -> None:
    """Declare how rows of `model_label` whose `field` points at a merged contractor move to the
    account's contractor; without `move` they are repointed with one UPDATE."""
    _RULES[(model_label, field)] = move or _repoint(field)


def contractor_relations() -> list[tuple[type, str]]:
    """Every (model, field) holding a foreign key to Contractor, hidden ones (related_name="+") included."""
    return [
        (relation.related_model, relation.field.name)
        for relation in Contractor._meta.get_fields(include_hidden=True)
        if relation.auto_created and not relation.concrete and (relation.one_to_many or relation.one_to_one)
    ]


def contractor_merge(*, merged: Contractor, into: Contractor) -> ContractorMerge:
    """Move every row of `merged` to `into` by each domain's rule, record the merge, and delete
    the merged record. Runs inside the caller's transaction; ImproperlyConfigured when a foreign
    key to Contractor has no rule."""
    relations = contractor_relations()
    missing = [f"{model._meta.label}.{field}" for model, field in relations if (model._meta.label, field) not in _RULES]
    if missing:
        raise ImproperlyConfigured(f"No contractor merge rule for {', '.join(sorted(missing))}")
    # Recorded before anything moves: the ledger trigger on PostgreSQL checks this row.
    record = ContractorMerge.objects.create(
        merged_contractor_id=merged.pk, into=into, organization_id=merged.created_by_organization_id
    )
    models = {(model._meta.label, field): model for model, field in relations}
    for key, move in list(_RULES.items()):
        if (model := models.get(key)) is not None:
            move(model._default_manager.filter(**{key[1]: merged}), into)
    merged.delete()
    return record
