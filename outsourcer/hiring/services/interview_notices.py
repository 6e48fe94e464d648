"""Who hears about an interview, and its calendar file.

The contractor and every interviewer but the one who acted get an e-mail with an .ics: METHOD
REQUEST when it is scheduled or moved (same UID, SEQUENCE one higher each change), METHOD CANCEL
when it is called off or they are taken off it. These e-mails go out at once, not in the
contractor's next working window: an invitation or a cancellation is about a time, and news that
waits for the morning may come after the meeting. The contractor (with an account) and the
interviewers also get an in-app notification."""

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from outsourcer.accounts.models import User
from outsourcer.hiring.models import Interview
from outsourcer.lib.calendar_files import CalendarEvent, Person, calendar_attachment
from outsourcer.lib.errors import OverrideRequired
from outsourcer.lib.timezones import WEEKDAY_LABELS, WEEKDAYS, is_time_zone, local_time_text
from outsourcer.notifications.email import email_send_on_commit
from outsourcer.notifications.services import notification_create

INTERVIEW_KIND = "interview"
TEMPLATES = {
    "invited": "emails/interview_invitation.txt",
    "moved": "emails/interview_moved.txt",
    "cancelled": "emails/interview_cancelled.txt",
}
SUBJECTS = {
    "invited": "Interview with {org} on {when}",
    "moved": "Interview with {org} moved to {when}",
    "cancelled": "Interview with {org} on {when} is cancelled",
}
OUTSIDE_HOURS = (
    "{when} is {their} for {name}, outside their working hours ({hours}). "
    "Pick another time, or confirm with a reason to schedule it anyway."
)


def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name if is_time_zone(name) else "UTC")


def when_text(starts_at: datetime, minutes: int, time_zone: str) -> str:
    """ "Tuesday 18 March 2025, 14:00–14:45 (Europe/Lisbon)": the interview in one zone."""
    zone = _zone(time_zone)
    start, end = starts_at.astimezone(zone), (starts_at + timedelta(minutes=minutes)).astimezone(zone)
    return f"{start:%A} {start.day} {start:%B %Y}, {start:%H:%M}–{end:%H:%M} ({zone.key})"


def _day_hours(hours: dict | None, day: int) -> str:
    span = (hours or {}).get(WEEKDAYS[day])
    label = WEEKDAY_LABELS[WEEKDAYS[day]]
    return f"{label} {span[0]}–{span[1]}" if span else f"{label} is not one of their working days"


def outside_hours_warning(interview: Interview) -> OverrideRequired:
    """The guard's warning when the interview falls outside the contractor's working hours."""
    contractor = interview.contractor
    their_start = interview.starts_at.astimezone(_zone(contractor.time_zone))
    details = {
        "their_time": local_time_text(interview.starts_at, _zone(contractor.time_zone).key),
        "time_zone": contractor.time_zone,
        "working_hours": contractor.working_hours or {},
    }
    message = OUTSIDE_HOURS.format(
        when=f"{timezone.localtime(interview.starts_at):%a %d %b %H:%M} ({timezone.get_current_timezone_name()})",
        their=f"{their_start:%a %d %b %H:%M} ({contractor.time_zone})",
        name=contractor.name,
        hours=_day_hours(contractor.working_hours, their_start.weekday()),
    )
    return OverrideRequired(message, code="outside_working_hours", details=details)


def interview_uid(interview: Interview) -> str:
    """The calendar UID of the interview, the same in every update and the cancellation."""
    host = urlsplit(settings.SITE_URL).hostname or "outsourcer"
    return f"interview-{interview.pk}@{host}"


def _summary(interview: Interview) -> str:
    about = f" about “{interview.job.title}”" if interview.job_id else ""
    return f"Interview{about}: {interview.contractor.name} and {interview.organization.name}"


def interview_calendar(interview: Interview, interviewers: Iterable[User], *, cancel: bool = False) -> tuple:
    """The interview's .ics as an e-mail attachment: REQUEST, or CANCEL when `cancel`."""
    organizer = interview.created_by
    contractor = interview.contractor
    attendees = [Person(user.name, user.email) for user in interviewers]
    if contractor.email:
        attendees.insert(0, Person(contractor.name, contractor.email))
    event = CalendarEvent(
        uid=interview_uid(interview),
        starts_at=interview.starts_at,
        ends_at=interview.starts_at + timedelta(minutes=interview.duration_minutes),
        summary=_summary(interview),
        location=interview.location,
        organizer=Person(organizer.name, organizer.email) if organizer else None,
        attendees=tuple(attendees),
        sequence=interview.sequence,
        status="CANCELLED" if cancel else "CONFIRMED",
    )
    return calendar_attachment([event], method="CANCEL" if cancel else "REQUEST")


def _send(
    interview: Interview, *, change: str, to: str, name: str, time_zone: str, url: str, attachment, for_contractor=False
) -> None:
    organization = interview.organization
    minutes = interview.duration_minutes
    when = when_text(interview.starts_at, minutes, time_zone)
    short = f"{interview.starts_at.astimezone(_zone(time_zone)):%a %d %b %H:%M}"
    email_send_on_commit(
        to=to,
        subject=SUBJECTS[change].format(org=organization.name, when=short),
        template=TEMPLATES[change],
        context={
            "name": name,
            "organization": organization.name,
            "contractor": interview.contractor.name,
            "job": interview.job.title if interview.job_id else "",
            "when": when,
            "location": interview.location,
            "url": url,
            "for_contractor": for_contractor,
        },
        attachments=[attachment],
    )


def interview_notify(
    *, interview: Interview, actor: User, interviewers: Sequence[User], change: str, removed: Sequence[User] = ()
) -> None:
    """Tell the contractor and the interviewers (but `actor`) about `change` ("invited", "moved",
    "cancelled"), by e-mail with the .ics and in-app; `removed` interviewers get a cancellation.
    Call inside the service's transaction."""
    contractor = interview.contractor
    cancel = change == "cancelled"
    attachment = interview_calendar(interview, interviewers, cancel=cancel)
    portal_url = reverse("hiring-portal:interviews")
    org_url = reverse("hiring:interview-detail", args=[interview.organization.slug, interview.pk])
    if contractor.email:
        _send(
            interview,
            change=change,
            to=contractor.email,
            name=contractor.name,
            time_zone=contractor.time_zone,
            url=portal_url if contractor.user_id else "",
            attachment=attachment,
            for_contractor=True,
        )
    if contractor.user_id is not None:
        when = local_time_text(interview.starts_at, _zone(contractor.time_zone).key)
        words = {"invited": "invited you to an interview on", "moved": "moved your interview to"}
        notification_create(
            user=contractor.user,
            organization=interview.organization,
            kind=INTERVIEW_KIND,
            message=f"{interview.organization.name} {words.get(change, 'cancelled your interview on')} {when}.",
            url=portal_url,
        )
    for person in interviewers:
        if person.pk == actor.pk:
            continue
        _send(interview, change=change, to=person.email, name=person.name, time_zone=person.time_zone, url=org_url,
              attachment=attachment)  # fmt: skip
    if removed:
        cancelled = interview_calendar(interview, removed, cancel=True)
        for person in removed:
            if person.pk != actor.pk:
                _send(interview, change="cancelled", to=person.email, name=person.name, time_zone=person.time_zone,
                      url=org_url, attachment=cancelled)  # fmt: skip
