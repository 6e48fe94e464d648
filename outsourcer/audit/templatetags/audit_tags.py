from django import template

from outsourcer.audit import actions

register = template.Library()


@register.filter
def event_sentence(event) -> str:
    """{{ event|event_sentence }} → "raised the hourly rate of “Logo” from €40.00 to €45.00."
    (the words after the actor's name)."""
    return actions.event_sentence(event)


@register.filter
def object_label(object_type: str) -> str:
    return actions.object_label(object_type)
