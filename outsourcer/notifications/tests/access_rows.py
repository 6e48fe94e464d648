from outsourcer.notifications.models import Notification
from tests.access_matrix import Row, count, expect

SIGNED_IN = expect(302, 200, 200, 200, 200, 200, 200)
SIGNED_IN_POST = expect(302, 302, 302, 302, 302, 302, 302)


def _alices_notification(p):
    notification = Notification.objects.create(user=p.alice, organization=p.org, kind="budget_alert", message="80 %")
    return {"notification_id": notification.pk}


def _everyones_notification(p):
    for user in (p.alice, p.bob, p.vera, p.carol, p.dan, p.oscar):
        Notification.objects.create(user=user, kind="budget_alert", message="80 %")
    return {}


READ = count(Notification, read_at__isnull=False)

ROWS = [
    Row("notifications:list", SIGNED_IN),
    # Only Alice may mark Alice's notification read; for everyone else it does not exist.
    Row(
        "notifications:read",
        expect(302, 302, 404, 404, 404, 404, 404),
        method="POST",
        kwargs=_alices_notification,
        wrote=READ,
    ),
    Row("notifications:read-all", SIGNED_IN_POST, method="POST", kwargs=_everyones_notification, wrote=READ),
]
