from datetime import date

from django.db import transaction
from django.utils import timezone

from outsourcer.accounts.models import User
from outsourcer.audit.events import event_record
from outsourcer.budgets.ledger import budget_lock, spend_record
from outsourcer.budgets.models import SpendEntry, SpendKind
from outsourcer.budgets.periods import today_for
from outsourcer.contracts import events
from outsourcer.contracts.flows import MILESTONE_FLOW
from outsourcer.contracts.models import (
    ContractStatus,
    Milestone,
    MilestoneStatus,
)
from outsourcer.contracts.services._common import _original
from outsourcer.lib.errors import DomainError

# --- milestones ------------------------------------------------------------------------------


def milestone_accept(*, milestone: Milestone, actor: User, today: date | None = None) -> SpendEntry:
    """Accept a pending milestone of an active fixed-price contract and post its amount once,
    dated today. Not guarded by the 100 % limit: the amount was committed when the contract was
    activated (and overridden then if it did not fit)."""
    with transaction.atomic():
        budget = budget_lock(milestone.contract.budget)
        milestone = Milestone.objects.select_for_update().select_related("contract").get(pk=milestone.pk)
        contract = milestone.contract
        accepted = MILESTONE_FLOW.next(milestone.status, "accept")
        if contract.status != ContractStatus.ACTIVE:
            raise DomainError("Milestones are accepted while the contract is active.", code="contract_not_active")
        today = today or today_for(budget.organization)
        milestone.status = accepted
        milestone.accepted_at = timezone.now()
        milestone.accepted_by = actor
        milestone.save(update_fields=["status", "accepted_at", "accepted_by"])
        entry = spend_record(
            budget=budget,
            kind=SpendKind.MILESTONE,
            amount_cents=milestone.budget_amount_cents,
            occurred_on=today,
            actor=actor,
            description=f"{contract.title}: {milestone.title}",
            contractor=contract.contractor,
            contract=contract,
            milestone=milestone,
            **_original(contract, milestone.amount_cents),
        )
        event_record(
            action=events.MILESTONE_ACCEPTED,
            organization=budget.organization,
            actor=actor,
            obj=milestone,
            before={"status": MilestoneStatus.PENDING},
            after={
                "status": MilestoneStatus.ACCEPTED,
                "amount_cents": entry.amount_cents,
                "currency": entry.currency,
                "spend_entry_id": entry.pk,
            },
        )
    return entry
