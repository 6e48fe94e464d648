from django.contrib import admin

from outsourcer.budgets.models import Budget, BudgetAlert, SpendEntry
from outsourcer.lib.admin import ReadOnlyAdminMixin


@admin.register(Budget)
class BudgetAdmin(admin.ModelAdmin):
    list_display = ("name", "organization", "period", "amount_cents", "currency", "starts_on", "ends_on")
    list_filter = ("period",)
    search_fields = ("name", "organization__name")
    list_select_related = ("organization",)


@admin.register(SpendEntry)
class SpendEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: the ledger is append-only even for superusers (corrections go through
    `spend_entry_reverse`, which records who and why)."""

    list_display = ("occurred_on", "budget", "kind", "amount_cents", "currency", "contractor", "created_at")
    list_filter = ("kind",)
    list_select_related = ("budget", "contractor")
    search_fields = ("description", "budget__name")

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]


@admin.register(BudgetAlert)
class BudgetAlertAdmin(admin.ModelAdmin):
    list_display = ("budget", "period_start", "threshold", "spent_cents", "created_at")
    list_select_related = ("budget",)

    def has_change_permission(self, request, obj=None):
        return False
