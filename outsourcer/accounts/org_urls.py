from django.urls import path

from outsourcer.accounts import org_views
from outsourcer.home import views as home_views

app_name = "orgs"

urlpatterns = [
    path("organizations/new/", org_views.org_create, name="create"),
    path("o/<slug:org_slug>/", home_views.org_home, name="home"),
    path("o/<slug:org_slug>/settings/", org_views.org_settings, name="settings"),
    path("o/<slug:org_slug>/members/", org_views.members, name="members"),
    path("o/<slug:org_slug>/members/invite/", org_views.member_invite, name="member-invite"),
    path("o/<slug:org_slug>/members/leave/", org_views.member_leave, name="member-leave"),
    path("o/<slug:org_slug>/members/<int:membership_id>/role/", org_views.member_role, name="member-role"),
    path("o/<slug:org_slug>/members/<int:membership_id>/remove/", org_views.member_remove, name="member-remove"),
    path(
        "o/<slug:org_slug>/invitations/<int:invitation_id>/revoke/",
        org_views.invitation_revoke,
        name="invitation-revoke",
    ),
]
