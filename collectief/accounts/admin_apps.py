from django.contrib.admin.apps import AdminConfig


class SecureAdminConfig(AdminConfig):
    """``django.contrib.admin`` whose ``admin.site`` needs two-factor login (admin_site.py)."""

    default_site = "collectief.accounts.admin_site.SecureAdminSite"
