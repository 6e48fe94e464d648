from outsourcer.notifications.models import Notification
from tests.access_matrix import Row, expect

SIGNED_IN = expect(302, 200, 200, 200, 200, 200, 200)
SIGNED_IN_POST = expect(302, 302, 302, 302, 302, 302, 302)


def _alices_notification(p):
    notification = Notification.objects.create(user=p.alice, organization=p.org, kind="budget_alert", message="80 %")
    return {"notification_id": notification.pk}


ROWS = [
    Row("notifications:list", SIGNED_IN),
    # Only Alice may mark Alice's notification read; for everyone else it does not exist.
    Row("notifications:read", expect(302, 302, 404, 404, 404, 404, 404), method="POST", kwargs=_alices_notification),
    Row("notifications:read-all", SIGNED_IN_POST, method="POST"),
]
