"""Periodic jobs of the contracts domain, run by the worker (`manage.py db_worker`).

`manage.py scheduler` enqueues every task in PERIODIC_JOBS each round. Posting is idempotent:
the ledger's unique constraint (one retainer fee per contract and month) decides, so running the
job twice or on two workers at once posts once.
"""

import logging
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.tasks import task

from outsourcer.audit.events import event_record
from outsourcer.budgets.ledger import spend_record
from outsourcer.budgets.models import SpendEntry, SpendKind
from outsourcer.budgets.periods import covers, month_end, month_start, today_for
from outsourcer.contracts import events
from outsourcer.contracts.models import Contract, ContractStatus, RateModel
from outsourcer.contracts.services._common import _original

logger = logging.getLogger("outsourcer.contracts.jobs")


def _fee_posted(contract: Contract, month: date) -> bool:
    # A cheap pre-check; the unique constraint is what guarantees "once" under concurrency.
    return SpendEntry.objects.filter(contract=contract, kind=SpendKind.RETAINER_FEE, covers_month=month).exists()


def retainer_fees_post(*, today: date | None = None) -> int:
    """Post the current month's fee of every active retainer contract that has started, once per
    contract and month (the unique constraint decides between concurrent runs). The fee is dated
    the first day of the month, or the contract's start when it began later. Returns how many
    were posted."""
    posted = 0
    contracts = (
        Contract.objects.filter(status=ContractStatus.ACTIVE, rate_model=RateModel.RETAINER)
        .select_related("budget", "budget__organization", "contractor")
        .order_by("pk")
    )
    if today is not None:
        contracts = contracts.filter(starts_on__lte=today).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=month_start(today))
        )
    for contract in contracts.iterator(chunk_size=500):
        day = today or today_for(contract.budget.organization)
        first = month_start(day)
        if contract.starts_on > day or (contract.ends_on and contract.ends_on < first):
            continue
        if _fee_posted(contract, first):
            continue
        occurred_on = max(first, contract.starts_on)
        budget = contract.budget
        if not covers(starts_on=budget.starts_on, ends_on=budget.ends_on, day=occurred_on):
            logger.warning("retainer %s: budget %s does not cover %s; fee not posted", contract.pk, budget.pk, day)
            continue
        try:
            with transaction.atomic():
                entry = spend_record(
                    budget=budget,
                    kind=SpendKind.RETAINER_FEE,
                    amount_cents=contract.monthly_fee_budget_cents,
                    occurred_on=occurred_on,
                    actor=None,
                    contractor=contract.contractor,
                    contract=contract,
                    covers_month=first,
                    description=f"{contract.title}: retainer {first:%B %Y}",
                    **_original(contract, contract.monthly_fee_cents),
                )
                event_record(
                    action=events.RETAINER_FEE_POSTED,
                    organization=budget.organization,
                    obj=entry,
                    after={
                        "contract_id": contract.pk,
                        "contract": contract.title,
                        "month": first.isoformat(),
                        "amount_cents": entry.amount_cents,
                        "currency": entry.currency,
                        "until": month_end(first).isoformat(),
                    },
                )
        except IntegrityError:  # another worker posted this month's fee first
            continue
        posted += 1
    return posted


@task
def retainer_fees_post_task() -> int:
    return retainer_fees_post()


# Enqueued by `manage.py scheduler` every round.
PERIODIC_JOBS = [retainer_fees_post_task]
