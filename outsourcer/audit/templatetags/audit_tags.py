from django import template

from outsourcer.audit import actions

register = template.Library()


@register.filter
def action_label(action: str) -> str:
    return actions.action_label(action)


@register.filter
def object_label(object_type: str) -> str:
    return actions.object_label(object_type)


@register.filter
def field_label(field: str) -> str:
    return str(field).replace("_", " ")


@register.filter
def change_value(value) -> str:
    """A before/after value as short text: lists comma-separated, nothing as a dash."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(change_value(item) for item in value) or "—"
    if isinstance(value, dict):
        return "; ".join(f"{field_label(k)}: {change_value(v)}" for k, v in value.items()) or "—"
    return str(value)
