import pytest

from outsourcer.notifications.selectors import notification_list_for_user, notification_unread_count
from outsourcer.notifications.services import notification_create, notification_mark_read, notification_settle

pytestmark = pytest.mark.django_db


def test_notifications_are_per_user_newest_first_and_marked_read(personas):
    first = notification_create(user=personas.alice, organization=personas.org, kind="budget_alert", message="One")
    second = notification_create(user=personas.alice, kind="budget_alert", message="Two", url="/o/crumb/budgets/")
    notification_create(user=personas.bob, kind="budget_alert", message="Bob's")

    assert list(notification_list_for_user(user=personas.alice)) == [second, first]
    assert notification_unread_count(user=personas.alice) == 2

    assert notification_mark_read(user=personas.alice, notification_id=first.pk) == 1
    assert list(notification_list_for_user(user=personas.alice, unread_only=True)) == [second]
    assert notification_mark_read(user=personas.bob, notification_id=second.pk) == 0  # not Bob's
    assert notification_mark_read(user=personas.alice) == 1
    assert notification_unread_count(user=personas.alice) == 0
    assert notification_unread_count(user=personas.bob) == 1


def test_long_messages_are_cut_to_fit(personas):
    notification = notification_create(user=personas.alice, kind="x", message="m" * 600, url="/" * 400)
    assert len(notification.message) == 500 and len(notification.url) == 300


def test_replace_unread_keeps_one_running_line_per_kind_and_url(personas):
    first = notification_create(user=personas.alice, kind="time_waiting", message="1 entry", url="/w/12")
    again = notification_create(
        user=personas.alice, kind="time_waiting", message="2 entries", url="/w/12", replace_unread=True
    )
    other_week = notification_create(
        user=personas.alice, kind="time_waiting", message="1", url="/w/13", replace_unread=True
    )

    assert again.pk == first.pk and again.message == "2 entries"
    assert other_week.pk != first.pk

    notification_mark_read(user=personas.alice, notification_id=first.pk)
    fresh = notification_create(
        user=personas.alice, kind="time_waiting", message="3 entries", url="/w/12", replace_unread=True
    )
    assert fresh.pk != first.pk  # once read, news is a new line


def test_settle_updates_or_closes_every_users_unread_line(personas):
    alices = notification_create(user=personas.alice, kind="time_waiting", message="2 entries", url="/w/12")
    bobs = notification_create(user=personas.bob, kind="time_waiting", message="2 entries", url="/w/12")
    other = notification_create(user=personas.bob, kind="time_waiting", message="1 entry", url="/w/13")

    assert notification_settle(kind="time_waiting", url="/w/12", message="1 entry") == 2
    alices.refresh_from_db()
    assert alices.message == "1 entry" and alices.read_at is None

    assert notification_settle(kind="time_waiting", url="/w/12") == 2
    bobs.refresh_from_db()
    other.refresh_from_db()
    assert bobs.read_at is not None and other.read_at is None


def test_the_pages_rows_match_the_querysets_in_one_query_each(personas, django_assert_num_queries, monkeypatch):
    from django.forms.models import model_to_dict

    from outsourcer.notifications import selectors
    from outsourcer.notifications.models import Notification
    from outsourcer.notifications.selectors import notification_rows_for_user

    for i in range(5):
        organization = personas.org if i % 2 else None
        notification_create(user=personas.alice, organization=organization, kind="budget_alert", message=f"N{i}")
    Notification.objects.filter(message__in=["N1", "N2"]).update(
        created_at=Notification.objects.get(message="N3").created_at
    )
    notification_create(user=personas.bob, kind="budget_alert", message="Bob's")
    notification_mark_read(user=personas.alice, notification_id=Notification.objects.get(message="N4").pk)

    for unread_only in (False, True):
        expected = list(notification_list_for_user(user=personas.alice, unread_only=unread_only))
        rows = notification_rows_for_user(user=personas.alice, unread_only=unread_only)
        assert len(rows) == len(expected)
        for start, stop in ((0, 2), (2, 4), (0, 25), (4, 10)):
            with django_assert_num_queries(1):
                page = rows[start:stop]
                names = [n.organization.name if n.organization else None for n in page]
            assert [(n.pk, model_to_dict(n)) for n in page] == [(n.pk, model_to_dict(n)) for n in expected[start:stop]]
            assert names == [n.organization.name if n.organization else None for n in expected[start:stop]]
    monkeypatch.setattr(selectors, "COUNT_CAP", 2)
    assert len(notification_rows_for_user(user=personas.alice)) == 3  # counted up to the cap and one more
