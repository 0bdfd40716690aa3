from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "collectief.audit"
    verbose_name = "Audit"
