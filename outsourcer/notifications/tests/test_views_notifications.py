import pytest
from django.urls import reverse

from outsourcer.notifications.models import Notification

pytestmark = pytest.mark.django_db

LIST = reverse("notifications:list")


def _notify(user, message="“Social media” has used 82 % of its budget", url="/o/crumb/budgets/"):
    return Notification.objects.create(user=user, kind="budget_alert", message=message, url=url)


def test_it_lists_the_users_notifications_and_counts_the_unread_in_the_nav(login_as, personas):
    _notify(personas.alice)
    _notify(personas.bob, message="Bob's own")
    body = login_as(personas.alice).get(LIST).content.decode()
    assert "has used 82 %" in body and "Bob's own" not in body
    assert '<span class="badge" aria-label="1 unread">1</span>' in body


def test_it_marks_one_read_and_opens_it(login_as, personas):
    notification = _notify(personas.alice)
    response = login_as(personas.alice).post(
        reverse("notifications:read", args=[notification.pk]), {"open": "/o/crumb/budgets/"}
    )
    notification.refresh_from_db()
    assert response.status_code == 302 and response.url == "/o/crumb/budgets/"
    assert notification.is_read


def test_it_never_redirects_to_another_site(login_as, personas):
    notification = _notify(personas.alice)
    response = login_as(personas.alice).post(
        reverse("notifications:read", args=[notification.pk]), {"open": "//evil.example/"}
    )
    assert response.url == LIST


def test_it_marks_all_read(login_as, personas):
    _notify(personas.alice)
    _notify(personas.alice)
    login_as(personas.alice).post(reverse("notifications:read-all"))
    assert not Notification.objects.filter(user=personas.alice, read_at=None).exists()


def test_unread_only(login_as, personas):
    old = _notify(personas.alice, message="Old news")
    Notification.objects.filter(pk=old.pk).update(read_at="2025-01-01T00:00Z")
    _notify(personas.alice, message="Fresh")
    body = login_as(personas.alice).get(LIST + "?show=unread").content.decode()
    assert "Fresh" in body and "Old news" not in body


def test_someone_elses_notification_is_404(login_as, personas):
    notification = _notify(personas.alice)
    assert login_as(personas.bob).post(reverse("notifications:read", args=[notification.pk])).status_code == 404
    notification.refresh_from_db()
    assert not notification.is_read


def test_the_empty_state_says_what_shows_up_here(login_as, personas):
    body = login_as(personas.carol).get(LIST).content.decode()
    assert "No notifications yet." in body
    # Carol is a contractor: budgets are not hers to see, so her inbox does not speak of them.
    assert "When a client approves or rejects your time" in body and "udget" not in body.split("<main")[-1]

    body = login_as(personas.alice).get(LIST).content.decode()
    assert "Budget alerts, time waiting for your review" in body and "approves or rejects your time" not in body


def test_marking_read_refuses_get(login_as, personas):
    notification = _notify(personas.alice)
    assert login_as(personas.alice).get(reverse("notifications:read", args=[notification.pk])).status_code == 405


def test_anonymous_is_sent_to_log_in(client):
    assert client.get(LIST).status_code == 302
