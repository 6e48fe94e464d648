import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outsourcer.home.workspace import workspace_for_user
from outsourcer.notifications.selectors import notification_unread_count
from outsourcer.notifications.services import notification_create, notification_mark_read

pytestmark = pytest.mark.django_db


def test_it_answers_the_navs_memberships_contractor_and_unread_questions_in_one_query(personas):
    first = notification_create(user=personas.alice, organization=personas.org, kind="budget_alert", message="One")
    notification_create(user=personas.alice, kind="budget_alert", message="Two")
    notification_create(user=personas.bob, kind="budget_alert", message="Bob's")
    notification_mark_read(user=personas.alice, notification_id=first.pk)

    workspace = workspace_for_user(personas.alice)
    with CaptureQueriesContext(connection) as queries:
        facts = (workspace.is_contractor, workspace.unread_notifications)
        names = [m.organization.name for m in workspace.memberships]

    assert facts == (False, 1) and names == ["Crumb & Co."] and len(queries) == 1
    assert workspace.unread_notifications == notification_unread_count(user=personas.alice)
    carol = workspace_for_user(personas.carol)
    assert (carol.is_contractor, carol.unread_notifications, carol.memberships) == (True, 0, [])
    assert workspace_for_user(personas.bob).unread_notifications == 1
