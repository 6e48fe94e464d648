"""Who hears about time: the contractor when a review lands (in-app at once, by e-mail inside their
working hours), the owners and the managers running the contract when time waits for review (one
running line per contract and week in their inbox, not one per entry)."""

from collections.abc import Iterable

from django.db.models import QuerySet
from django.urls import reverse

from outsourcer.accounts.models import Membership
from outsourcer.accounts.selectors import membership_list_owners_and_runners
from outsourcer.budgets.periods import iso_week, month_end, month_start
from outsourcer.contracts.models import Contract, TimeEntry, TimeEntryStatus
from outsourcer.contracts.selectors import contract_runner_ids, time_entry_tally
from outsourcer.lib.durations import duration_text
from outsourcer.notifications.deferred import email_send_in_working_hours
from outsourcer.notifications.selectors import notification_unread_exists
from outsourcer.notifications.services import notification_create, notification_settle

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


def _rejection_message(contract: Contract, entries: list[TimeEntry], reason: str) -> str:
    minutes = sum(entry.minutes for entry in entries)
    what = duration_text(minutes) if len(entries) == 1 else f"{len(entries)} entries ({duration_text(minutes)})"
    return (
        f"{contract.organization.name} rejected {what} on {contract.title} ({_days_text(entries)}). "
        f"Reason: “{reason}”. Correct the time and save it to submit it again, or delete it."
    )


def _approval_message(contract: Contract, entries: list[TimeEntry]) -> str:
    # The month's running total, so refreshing the one unread line keeps it true.
    month = entries[-1].worked_on
    count, minutes = time_entry_tally(
        contract=contract, status=TimeEntryStatus.APPROVED, since=month_start(month), until=month_end(month)
    )
    what = duration_text(minutes) if count == 1 else f"{count} entries ({duration_text(minutes)})"
    return f"{contract.organization.name} has approved {what} of your time on {contract.title} in {month:%B %Y}."


def _tell_contractor(contract: Contract, contractor, *, kind: str, message: str, url: str, subject: str) -> None:
    user = contractor.user
    if user is None or not user.is_active:  # a prospect record cannot log time; nobody to tell
        return
    # An approval refreshes the unread line of its contract and month; only a new line is mailed,
    # so approving entries one by one does not send one e-mail each. A rejection always is.
    running = kind == TIME_APPROVED_KIND
    mail = not (running and notification_unread_exists(user=user, kind=kind, url=url))
    notification_create(
        user=user, organization=contract.organization, kind=kind, message=message, url=url, replace_unread=running
    )
    if mail:
        email_send_in_working_hours(
            to=user.email,
            subject=f"{subject}: {contract.title} ({contract.organization.name})",
            template="emails/time_reviewed.txt",
            context={"name": contractor.name, "message": message, "url": url},
            time_zone=contractor.time_zone,
            working_hours=contractor.working_hours,
        )


def time_reviewed_notify(*, entries: Iterable[TimeEntry], reason: str = "") -> None:
    """Tell each contractor about one review action, in-app at once and by e-mail inside their
    working hours. A rejection (`reason` given) is one notice per contract with the reason, however
    many entries it covered; approvals keep one running line per contract and month. Call inside
    the review's transaction."""
    by_contract: dict[int, list[TimeEntry]] = {}
    for entry in entries:
        by_contract.setdefault(entry.contract_id, []).append(entry)
    for group in by_contract.values():
        group.sort(key=lambda e: (e.worked_on, e.pk))
        contract, contractor = group[0].contract, group[0].contractor
        if reason:
            url = (
                reverse("portal:time-edit", kwargs={"entry_id": group[0].pk})
                if len(group) == 1
                else f"{reverse('portal:time')}?month={group[0].worked_on:%Y-%m}"
            )
            message, kind, subject = _rejection_message(contract, group, reason), TIME_REJECTED_KIND, "Time rejected"
        else:
            # The contract in the address keeps one line per contract (the page ignores it).
            url = f"{reverse('portal:time')}?month={group[-1].worked_on:%Y-%m}&contract={contract.pk}"
            message, kind, subject = _approval_message(contract, group), TIME_APPROVED_KIND, "Time approved"
        _tell_contractor(contract, contractor, kind=kind, message=message, url=url, subject=subject)
        _waiting_settle(contract, contractor.name, group)


def time_waiting_recipients(*, contract: Contract) -> QuerySet[Membership]:
    """Memberships told that time waits on `contract`: the owners and the managers who run it."""
    return membership_list_owners_and_runners(
        organization_id=contract.organization_id,
        runner_ids=contract_runner_ids(contracts=Contract.objects.filter(pk=contract.pk)),
    )


def _waiting_line(contract: Contract, contractor_name: str, day) -> tuple[str, str]:
    """(url, message) of the reviewers' line for the contract's ISO week containing `day`; the
    message is "" when nothing waits any more."""
    week = iso_week(day)
    iso_year, iso_number, _ = day.isocalendar()
    url = (
        reverse("contracts:time-review", kwargs={"org_slug": contract.organization.slug})
        + f"?contract={contract.pk}&week={iso_year}-W{iso_number:02d}"
    )
    count, minutes = time_entry_tally(
        contract=contract, status=TimeEntryStatus.SUBMITTED, since=week.start, until=week.end
    )
    if not count:
        return url, ""
    what = duration_text(minutes) if count == 1 else f"{count} entries ({duration_text(minutes)})"
    return url, f"{contractor_name} has {what} waiting for review on {contract.title}, week of {week.start:%d %b %Y}."


def time_waiting_notify(*, entry: TimeEntry) -> None:
    """After an entry is submitted (new or corrected): bring the reviewers' one line for this
    contract and ISO week up to date ("3 entries (4 h 30 min) waiting"); call inside the transaction."""
    if entry.status != TimeEntryStatus.SUBMITTED:
        return
    contract = entry.contract
    url, message = _waiting_line(contract, entry.contractor.name, entry.worked_on)
    if not message:
        return
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


def _waiting_settle(contract: Contract, contractor_name: str, entries: list[TimeEntry]) -> None:
    # After a review the reviewers' lines for those weeks tell what still waits, or are done.
    for day in {iso_week(entry.worked_on).start for entry in entries}:
        url, message = _waiting_line(contract, contractor_name, day)
        notification_settle(kind=TIME_WAITING_KIND, url=url, message=message)
