import pytest

from outsourcer.notifications.selectors import notification_list_for_user, notification_unread_count
from outsourcer.notifications.services import notification_create, notification_mark_read

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
