"""Test builders for tasks: through the real services, with the builders' fixed dates (a deadline
on Friday 21 March 2025, the week of builders.TODAY)."""

from datetime import UTC, datetime

from outsourcer.contracts.models import Contract
from outsourcer.testing.builders import make_budget, make_contract
from outsourcer.work.models import Task
from outsourcer.work.services import task_create

TASK_CONTRACT = "Tasks"
DEADLINE = datetime(2025, 3, 21, 16, 0, tzinfo=UTC)  # Friday, 16:00 in Lisbon (Carol's zone)

# A brief the clarity check has nothing to say about for Carol, sent on builders.NOW.
CLEAR_BRIEF = {
    "goal": "More bookings from the spring menu page: guests should see the new dishes before they book.",
    "context": "We are a small bakery café; the menu changes on 1 April.",
    "deliverables": "Twelve photos of the new dishes, one per dish, on a plain light background.",
    "deliverable_format": "JPEG, 2000 px wide",
    "acceptance_criteria": ["Every dish on the menu list has one photo", "Photos are sharp at 100 % zoom"],
    "references": "https://crumb.example/menu",
    "deadline_at": DEADLINE,
    "estimate_minutes": 4 * 60,
}


def task_contract(personas) -> Contract:
    """Alice's active hourly contract with Carol that tasks go under by default (made once per test)."""
    existing = Contract.objects.filter(organization=personas.org, title=TASK_CONTRACT).first()
    if existing is not None:
        return existing
    budget = make_budget(personas, name=TASK_CONTRACT, amount_cents=10**9)
    return make_contract(personas, budget, title=TASK_CONTRACT)


def make_task(personas, contract=None, *, actor=None, **fields) -> Task:
    """A draft task with a clear brief under `contract` (default: `task_contract`, Alice's with
    Carol, from a budget that fits anything); `fields` override the brief."""
    if contract is None:
        contract = task_contract(personas)
    organization = contract.organization
    owner = personas.oscar if organization == personas.other_org else personas.alice
    values = {"title": "Spring menu photos", **CLEAR_BRIEF, "point_of_contact": owner}
    values.update(fields)
    return task_create(organization=organization, actor=actor or owner, contract=contract, **values)


def insert_tasks(contract: Contract, count: int, *, status: str = "sent", **fields) -> list[Task]:
    """`count` tasks under `contract` inserted at once (no services, no events), sent on builders.NOW
    with the clear brief: rows for list pages that only read them."""
    from outsourcer.testing.builders import NOW

    sent_at = None if status in ("draft", "cancelled") else NOW
    values = {**CLEAR_BRIEF, "status": status, "sent_at": sent_at, "created_at": NOW, **fields}
    rows = [
        Task(
            organization_id=contract.organization_id,
            contract=contract,
            contractor_id=contract.contractor_id,
            engagement_id=contract.engagement_id,
            title=f"Task {i + 1}",
            **values,
        )
        for i in range(count)
    ]
    return Task.objects.bulk_create(rows)
