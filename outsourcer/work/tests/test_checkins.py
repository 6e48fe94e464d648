"""Check-ins: the organization sets a cadence, the contractor posts a status from the portal or the
API, "at risk" and "blocked" tell the task's author at once; roles, foreign tasks, other contractors."""

from datetime import UTC, datetime

import pytest
from django.core import mail
from django.urls import reverse

from outsourcer.audit.models import Event
from outsourcer.notifications.models import Notification
from outsourcer.testing.fixtures import text
from outsourcer.testing.work import make_task
from outsourcer.work import services
from outsourcer.work.models import CheckIn, CheckInCadence
from outsourcer.work.selectors_checkins import checkins_missing_for_organization, tasks_at_risk_for_organization
from outsourcer.work.services.checkins import checkin_cadence_set, checkin_post

pytestmark = pytest.mark.django_db


def in_progress(personas, contract=None, **fields):
    task = services.task_send(task=make_task(personas, contract, **fields), actor=personas.alice)
    contractor = task.contractor
    task = services.task_accept(task=task, contractor=contractor)
    return services.task_start(task=task, contractor=contractor)


def _cadence_url(task):
    return reverse("checkins:cadence", args=[task.organization.slug, task.pk])


def _post_url(task):
    return reverse("checkins-portal:post", args=[task.pk])


def test_the_owner_sets_a_weekly_cadence_on_the_task_page(client, personas, frozen):
    task = in_progress(personas)
    client.force_login(personas.alice)
    response = client.post(_cadence_url(task), {"kind": "weekly", "weekday": "2"})
    assert response.status_code == 302
    cadence = CheckInCadence.objects.get(task=task)
    # Wednesday 19 March, end of Carol's day in Lisbon (17:00 WET = 17:00 UTC).
    assert (cadence.kind, cadence.weekday, cadence.next_due_at) == ("weekly", 2, datetime(2025, 3, 19, 17, tzinfo=UTC))
    page = text(client.get(reverse("tasks:detail", args=[personas.org.slug, task.pk])))
    assert "checks in weekly on Wednesday" in page
    assert Event.objects.get(action="task_checkin_cadence_set").after["weekday"] == 2

    response = client.post(_cadence_url(task), {"kind": "none"})
    assert response.status_code == 302 and not CheckInCadence.objects.filter(task=task).exists()
    assert Event.objects.filter(action="task_checkin_cadence_cleared").exists()


def test_a_bad_cadence_is_shown_with_its_error_and_saves_nothing(client, personas, frozen):
    task = in_progress(personas)
    client.force_login(personas.bob)
    response = client.post(_cadence_url(task), {"kind": "working_days", "every_days": "0"})
    assert response.status_code == 400
    assert not CheckInCadence.objects.exists()
    response = client.post(_cadence_url(task), {"kind": "working_days", "every_days": ""})
    assert response.status_code == 400 and "Choose a number of working days" in text(response)


def test_a_viewer_may_not_set_the_cadence_and_another_organization_gets_404(client, personas, frozen):
    task = in_progress(personas)
    client.force_login(personas.vera)
    assert client.post(_cadence_url(task), {"kind": "weekly", "weekday": "0"}).status_code == 403
    client.force_login(personas.oscar)
    foreign = reverse("checkins:cadence", args=[personas.other_org.slug, task.pk])
    assert client.post(foreign, {"kind": "weekly", "weekday": "0"}).status_code == 404
    assert not CheckInCadence.objects.exists()


def test_at_risk_tells_the_author_at_once_in_app_and_by_email(
    client, personas, frozen, django_capture_on_commit_callbacks
):
    task = in_progress(personas)
    checkin_cadence_set(task=task, actor=personas.alice, kind="working_days", every_days=2)
    client.force_login(personas.carol)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_post_url(task), {"status": "at_risk", "percent_done": "40", "note": "Oven broke"})
    assert response.status_code == 302
    checkin = CheckIn.objects.get(task=task)
    assert (checkin.status, checkin.percent_done, checkin.note, checkin.is_latest) == (
        "at_risk",
        40,
        "Oven broke",
        True,
    )
    note = Notification.objects.get(user=personas.alice, kind="task_checkin_alert")
    assert "at risk, 40 % done" in note.message and note.url.endswith(f"/tasks/{task.pk}/")
    assert [m.to for m in mail.outbox] == [[personas.alice.email]]
    assert mail.outbox[0].subject == f"At risk: {task.title} (Carol Contractor)"
    cadence = CheckInCadence.objects.get(task=task)
    assert cadence.last_checkin_at == frozen and cadence.missed_at is None
    event = Event.objects.get(action="task_checked_in")
    assert event.actor == personas.carol and event.after["checkin_status"] == "at_risk"
    # The portal page shows it; the owner's task page too.
    assert "Oven broke" in text(client.get(reverse("tasks-portal:detail", args=[task.pk])))
    client.force_login(personas.alice)
    assert "Oven broke" in text(client.get(reverse("tasks:detail", args=[personas.org.slug, task.pk])))


def test_on_track_tells_nobody(personas, frozen, django_capture_on_commit_callbacks):
    task = in_progress(personas)
    with django_capture_on_commit_callbacks(execute=True):
        checkin_post(task=task, contractor=personas.carol_contractor, status="on_track", percent_done=10)
    assert not mail.outbox and not Notification.objects.filter(kind="task_checkin_alert").exists()


def test_only_the_newest_check_in_counts_for_at_risk(personas, frozen):
    task = in_progress(personas)
    other = in_progress(personas, title="Blocked one")
    checkin_post(task=task, contractor=personas.carol_contractor, status="blocked", percent_done=10)
    checkin_post(task=other, contractor=personas.carol_contractor, status="blocked", percent_done=5, note="No access")
    assert {t.title for t in tasks_at_risk_for_organization(organization=personas.org)} == {task.title, "Blocked one"}
    checkin_post(task=task, contractor=personas.carol_contractor, status="on_track", percent_done=30)
    [at_risk] = tasks_at_risk_for_organization(organization=personas.org)
    assert (at_risk.title, at_risk.checkin_status, at_risk.checkin_note) == ("Blocked one", "blocked", "No access")
    assert CheckIn.objects.filter(task=task, is_latest=True).get().status == "on_track"
    assert not tasks_at_risk_for_organization(organization=personas.other_org)


def test_bad_check_ins_are_refused_whole(client, personas, frozen):
    task = in_progress(personas)
    client.force_login(personas.carol)
    for data in (
        {"status": "at_risk", "percent_done": "150"},
        {"status": "sideways", "percent_done": "10"},
        {"status": "on_track", "percent_done": "10", "note": "x\x00"},
    ):
        assert client.post(_post_url(task), data).status_code == 400
    assert not CheckIn.objects.exists()


def test_a_task_not_yet_accepted_takes_no_check_in(client, personas, frozen):
    task = services.task_send(task=make_task(personas), actor=personas.alice)
    client.force_login(personas.carol)
    response = client.post(_post_url(task), {"status": "on_track", "percent_done": "0"}, follow=True)
    assert "once you have accepted the task" in text(response)
    assert not CheckIn.objects.exists()


def test_another_contractor_and_the_organization_get_404_on_the_portal(client, personas, frozen):
    task = in_progress(personas)
    for user in (personas.dan, personas.alice):
        client.force_login(user)
        assert client.post(_post_url(task), {"status": "on_track", "percent_done": "10"}).status_code == 404
    assert not CheckIn.objects.exists()


def test_the_api(api_as, personas, frozen):
    task = in_progress(personas)
    alice, carol = api_as(personas.alice), api_as(personas.carol, portal=True)
    response = alice.request("put", f"/tasks/{task.pk}/checkin-cadence", {"kind": "working_days", "every_days": 3})
    assert response.status_code == 200, response.json()
    assert response.json()["next_due_at"].startswith("2025-03-20T17:00")
    assert alice.request("put", f"/tasks/{task.pk}/checkin-cadence", {"kind": "weekly"}).status_code == 422
    assert (
        api_as(personas.vera)
        .request("put", f"/tasks/{task.pk}/checkin-cadence", {"kind": "weekly", "weekday": 1})
        .status_code
        == 403
    )

    response = carol.post(f"/portal/tasks/{task.pk}/checkins", {"status": "blocked", "percent_done": 20})
    assert response.status_code == 201 and response.json()["status"] == "blocked"
    assert (
        carol.post(f"/portal/tasks/{task.pk}/checkins", {"status": "on_track", "percent_done": 101}).status_code == 422
    )
    assert (
        carol.post(
            f"/portal/tasks/{task.pk}/checkins", {"status": "on_track", "percent_done": 1, "note": "a\x00"}
        ).status_code
        == 422
    )
    dan = api_as(personas.dan, portal=True)
    assert dan.post(f"/portal/tasks/{task.pk}/checkins", {"status": "on_track", "percent_done": 1}).status_code == 404
    assert dan.get(f"/portal/tasks/{task.pk}/checkins").status_code == 404
    assert [c["status"] for c in alice.get(f"/tasks/{task.pk}/checkins").json()] == ["blocked"]
    assert api_as(personas.oscar).get(f"/tasks/{task.pk}/checkins").status_code == 404

    assert alice.request("delete", f"/tasks/{task.pk}/checkin-cadence").status_code == 204
    assert alice.request("delete", f"/tasks/{task.pk}/checkin-cadence").status_code == 400


def test_missing_check_ins_for_the_home_page(personas, frozen, time_machine):
    task = in_progress(personas)
    checkin_cadence_set(task=task, actor=personas.alice, kind="weekly", weekday=0)  # due today 17:00 Lisbon
    assert not checkins_missing_for_organization(organization=personas.org)
    later = datetime(2025, 3, 17, 18, tzinfo=UTC)
    [missing] = checkins_missing_for_organization(organization=personas.org, now=later)
    assert missing.task == task
    assert not checkins_missing_for_organization(organization=personas.other_org, now=later)


def test_the_owners_home_page_shows_tasks_at_risk_linking_to_them(client, personas, frozen):
    task = in_progress(personas)
    calm = in_progress(personas, title="Calm one")
    checkin_post(task=task, contractor=personas.carol_contractor, status="blocked", percent_done=20, note="No key")
    checkin_post(task=calm, contractor=personas.carol_contractor, status="on_track", percent_done=20)
    client.force_login(personas.alice)
    response = client.get(reverse("orgs:home", args=[personas.org.slug]))
    [section] = [s for s in response.context["needs"] if s.key == "checkins"]
    assert section.title == "Check-ins: at risk or blocked"
    [item] = section.items
    assert item.label == f"{task.title} · Carol Contractor" and item.tone == "over"
    assert item.url == reverse("tasks:detail", args=[personas.org.slug, task.pk])
    assert item.detail == "blocked, 20 % done (checked in today): “No key”"
    assert item.url in text(response)
