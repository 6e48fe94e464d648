from django import template

from outsourcer.notifications.selectors import notification_unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """The signed-in user's unread count for the nav bell: one COUNT on an index, cached per request."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    if not hasattr(request, "_unread_notifications"):
        request._unread_notifications = notification_unread_count(user=user)
    return request._unread_notifications
