from django.urls import path

from collectief.accounts import views

app_name = "accounts"
urlpatterns = [
    path("organisaties/<slug:slug>/", views.organisation_profile, name="organisation_profile"),
    path("uitnodiging/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("o/<slug:organisation_slug>/", views.organisation_home, name="organisation_home"),
    path("o/<slug:organisation_slug>/profiel/", views.edit_profile, name="edit_profile"),
    path("o/<slug:organisation_slug>/leden/", views.members, name="members"),
    path("o/<slug:organisation_slug>/leden/uitnodigen/", views.invite, name="invite"),
    path(
        "o/<slug:organisation_slug>/uitnodigingen/<int:invitation_id>/intrekken/",
        views.revoke_invitation,
        name="revoke_invitation",
    ),
    path(
        "o/<slug:organisation_slug>/leden/<int:membership_id>/rol/",
        views.change_role,
        name="change_role",
    ),
    path(
        "o/<slug:organisation_slug>/leden/<int:membership_id>/verwijderen/",
        views.remove_member,
        name="remove_member",
    ),
    path("o/<slug:organisation_slug>/logboek/", views.audit_log, name="audit_log"),
]
