"""The hiring and work actions read as sentences (the samples: samples_hiring_work.py)."""

from django.utils import timezone

from outsourcer.audit.actions import Entry, describe
from outsourcer.audit.tests.samples_hiring_work import HIRING_AND_WORK_SAMPLES


def _says(action: str, currency: str = "EUR") -> str:
    name, before, after = HIRING_AND_WORK_SAMPLES[action]
    return describe(action, Entry(before=before or {}, after=after or {}, object_repr=name, currency=currency))


def test_references_and_company_checks_read_as_sentences():
    assert _says("reference_requested") == (
        "asked Pat Referee (Client for two years) for a reference about Carol Contractor"
    )
    assert _says("reference_received") == (
        "received the reference from Pat Referee about Carol Contractor, who would hire them again"
    )
    assert _says("company_check_updated") == (
        "verified the business registration of Carol Contractor with an evidence file"
    )


def test_an_award_says_who_won_and_what_became_of_the_others():
    assert _says("bid_awarded") == (
        "awarded the job “Spring photos” to Carol Contractor (€3,000.00), declining 2 other bids and keeping 1 "
        "as an alternate"
    )
    assert _says("bid_awarded_unvetted") == (
        "overrode the vetting policy to award the job “Spring photos” to Carol Contractor, who still lacked "
        "1 interview with a scorecard and 2 references received, declining 1 other bid"
    )
    assert _says("vetting_policy_updated") == (
        "changed the vetting policy: raised the interviews with a scorecard asked for from 1 to 2 and changed the "
        "verified company checklist requirement from no to yes"
    )


def test_a_task_sent_over_the_brief_check_says_what_was_open():
    assert _says("task_sent_with_override") == (
        "overrode the brief check to send the task “Spring menu photos” to Carol Contractor with 2 open findings: "
        "The brief has no deadline; The brief does not say why the work is needed"
    )
    assert _says("task_declined") == "declined the task “Spring menu photos”: “Fully booked”"


def test_jobs_read_as_sentences():
    # A moment reads in the viewer's zone; this one is UTC.
    with timezone.override("UTC"):
        updated = _says("job_updated")
    assert _says("job_created") == (
        "drafted the job “Spring menu photos” from the budget “Photos”, expecting €1,500.00 to €3,000.00"
    )
    assert updated == (
        "changed the job “Spring menu photos”: changed the title from “Menu photos” to “Spring menu photos”, "
        "raised the highest expected amount from €3,000.00 to €3,500.00 and set the bid deadline to "
        "24 Mar 2025, 17:00; rewrote the goal"
    )
    assert _says("job_contractors_invited") == (
        "invited Carol Contractor and Erin Bidder to bid on “Spring menu photos”"
    )


def test_bids_read_with_their_terms():
    assert _says("bid_submitted") == "submitted a bid on the job “Product photos”: €3,000.00 fixed price"
    assert _says("bid_revised") == (
        "revised the bid on the job “Product photos” (revision 2): €50.00 an hour for about 40 h (€2,000.00)"
    )


def test_check_ins_and_reminders_read_as_sentences():
    assert (
        _says("task_checkin_cadence_set") == "set the check-ins of the task “Spring menu photos”: every 3 working days"
    )
    assert _says("task_checked_in") == (
        "checked in on the task “Spring menu photos”: at risk, 40 % done (“The oven broke”)"
    )
    assert _says("task_reminder_sent") == "reminded Carol Contractor that the task “Spring menu photos” is overdue"
