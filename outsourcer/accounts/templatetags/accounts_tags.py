from django import template

from outsourcer.accounts.roles import role_may

register = template.Library()


@register.filter
def may(ctx, action: str) -> bool:
    """`{% if ctx|may:"member.manage" %}`: the role table's answer, so templates never compare roles."""
    return ctx is not None and role_may(getattr(ctx, "role", None), action)
