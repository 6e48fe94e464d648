"""Admin helpers shared by the domains."""


class ReadOnlyAdminMixin:
    """An admin page (or inline) for inspection only: rows are written through their services,
    which check the rules and record who and why."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
