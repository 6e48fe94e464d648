"""Who hears about time: the contractor when a review lands (in-app at once, by e-mail inside their
working hours), the owners and the managers running the contract when time waits for review (one
running line per contract and week in their inbox, not one per entry)."""

from collections.abc import Iterable

from django.db.models import QuerySet
from django.urls import reverse

from outsourcer.accounts.models import Membership
from outsourcer.accounts.selectors import membership_list_owners_and_runners
from outsourcer.budgets.periods import iso_week
from outsourcer.contracts.models import Contract, TimeEntry, TimeEntryStatus
from outsourcer.contracts.selectors import contract_runner_ids, time_entry_waiting_for_week
from outsourcer.lib.durations import duration_text
from outsourcer.notifications.deferred import email_send_in_working_hours
from outsourcer.notifications.services import notification_create

TIME_APPROVED_KIND = "time_approved"
TIME_REJECTED_KIND = "time_rejected"
TIME_WAITING_KIND = "time_waiting"


def _days_text(entries: list[TimeEntry]) -> str:
    first, last = entries[0].worked_on, entries[-1].worked_on
    if first == last:
        return f"{first:%a %d %b}"
    if first.month == last.month:
        return f"{first:%d}–{last:%d %b}"
    return f"{first:%d %b}–{last:%d %b}"


def _review_message(contract: Contract, entries: list[TimeEntry], reason: str) -> str:
    minutes = sum(entry.minutes for entry in entries)
    what = duration_text(minutes) if len(entries) == 1 else f"{len(entries)} entries ({duration_text(minutes)})"
    verb = "rejected" if reason else "approved"
    text = f"{contract.organization.name} {verb} {what} on {contract.title} ({_days_text(entries)})"
    if reason:
        return f"{text}. Reason: “{reason}”. Correct the time and save it to submit it again, or delete it."
    return f"{text}."


def _review_url(entries: list[TimeEntry], reason: str) -> str:
    if reason and len(entries) == 1:
        return reverse("portal:time-edit", kwargs={"entry_id": entries[0].pk})
    return f"{reverse('portal:time')}?month={entries[0].worked_on:%Y-%m}"


def time_reviewed_notify(*, entries: Iterable[TimeEntry], reason: str = "") -> None:
    """Tell each contractor about one review action (approved, or rejected when `reason` is given):
    one notification and one e-mail per contract however many entries it covered. The e-mail waits
    for the contractor's working hours; call inside the review's transaction."""
    by_contract: dict[int, list[TimeEntry]] = {}
    for entry in entries:
        by_contract.setdefault(entry.contract_id, []).append(entry)
    for group in by_contract.values():
        group.sort(key=lambda e: (e.worked_on, e.pk))
        contract = group[0].contract
        contractor = group[0].contractor
        user = contractor.user
        if user is None or not user.is_active:  # a prospect record cannot log time; nobody to tell
            continue
        message = _review_message(contract, group, reason)
        url = _review_url(group, reason)
        notification_create(
            user=user,
            organization=contract.organization,
            kind=TIME_REJECTED_KIND if reason else TIME_APPROVED_KIND,
            message=message,
            url=url,
        )
        email_send_in_working_hours(
            to=user.email,
            subject=f"Time {'rejected' if reason else 'approved'}: {contract.title} ({contract.organization.name})",
            template="emails/time_reviewed.txt",
            context={"name": contractor.name, "message": message, "url": url},
            time_zone=contractor.time_zone,
            working_hours=contractor.working_hours,
        )


def time_waiting_recipients(*, contract: Contract) -> QuerySet[Membership]:
    """Memberships told that time waits on `contract`: the owners and the managers who run it."""
    return membership_list_owners_and_runners(
        organization_id=contract.organization_id,
        runner_ids=contract_runner_ids(contracts=Contract.objects.filter(pk=contract.pk)),
    )


def time_waiting_notify(*, entry: TimeEntry) -> None:
    """After an entry is submitted (new or corrected): bring the reviewers' one line for this
    contract and ISO week up to date ("3 entries (4 h 30 min) waiting"); call inside the transaction."""
    if entry.status != TimeEntryStatus.SUBMITTED:
        return
    contract = entry.contract
    count, minutes = time_entry_waiting_for_week(contract=contract, day=entry.worked_on)
    if not count:
        return
    week = iso_week(entry.worked_on)
    iso_year, iso_number, _ = entry.worked_on.isocalendar()
    url = (
        reverse("contracts:time-review", kwargs={"org_slug": contract.organization.slug})
        + f"?contract={contract.pk}&week={iso_year}-W{iso_number:02d}"
    )
    what = duration_text(minutes) if count == 1 else f"{count} entries ({duration_text(minutes)})"
    message = (
        f"{entry.contractor.name} has {what} waiting for review on {contract.title}, week of {week.start:%d %b %Y}."
    )
    for membership in time_waiting_recipients(contract=contract):
        if membership.user_id == entry.contractor.user_id:  # nobody reviews their own time
            continue
        notification_create(
            user=membership.user,
            organization=contract.organization,
            kind=TIME_WAITING_KIND,
            message=message,
            url=url,
            replace_unread=True,
        )
