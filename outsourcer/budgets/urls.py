from django.urls import path

from outsourcer.budgets import views

app_name = "budgets"

urlpatterns = [
    path("", views.budget_list, name="list"),
    path("new/", views.budget_create, name="create"),
    path("<int:budget_id>/", views.budget_detail, name="detail"),
    path("<int:budget_id>/edit/", views.budget_edit, name="edit"),
    path("<int:budget_id>/ledger.csv", views.ledger_export, name="ledger-export"),
    path("<int:budget_id>/burn.csv", views.burn_export, name="burn-export"),
    path("<int:budget_id>/advice/", views.budget_advice, name="advice"),
    path("<int:budget_id>/expenses/new/", views.expense_create, name="expense-create"),
    path("<int:budget_id>/entries/<int:entry_id>/reverse/", views.entry_reverse, name="entry-reverse"),
    path("<int:budget_id>/entries/<int:entry_id>/receipt/", views.receipt_download, name="receipt"),
]
