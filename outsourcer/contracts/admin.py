from django.contrib import admin

from outsourcer.contracts.models import Contract, Milestone, TimeEntry
from outsourcer.lib.admin import ReadOnlyAdminMixin


class MilestoneInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ("position", "title", "amount_cents", "due_on", "status", "accepted_at")
    readonly_fields = fields


@admin.register(Contract)
class ContractAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Inspection only: terms, activation and money go through contracts/services.py (guards, events)."""

    list_display = ("title", "organization", "contractor", "rate_model", "status", "currency", "starts_on")
    list_filter = ("status", "rate_model")
    search_fields = ("title", "contractor__name")
    list_select_related = ("organization", "contractor")
    inlines = [MilestoneInline]


@admin.register(TimeEntry)
class TimeEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("worked_on", "contractor", "contract", "minutes", "status", "reviewed_at")
    list_filter = ("status",)
    list_select_related = ("contractor", "contract")
