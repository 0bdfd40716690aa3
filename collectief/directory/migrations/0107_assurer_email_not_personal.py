"""Remove members' login addresses from assurer_email (published by the HSDS API).

Until now a check stored the e-mail address of the member who checked; that
address is private. Entries that hold a member's address get the
organisation's public address instead (or none); imported addresses stay.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    Service = apps.get_model("directory", "Service")
    User = apps.get_model("accounts", "User")
    personal = Service.objects.filter(
        assurer_email__in=User.objects.values("email")
    ).select_related("organization__organisation")
    for service in personal.iterator():
        organization = service.organization
        email = ""
        if organization is not None:
            owner = organization.organisation
            email = organization.email or (
                owner.email if owner is not None and owner.is_public else ""
            )
        Service.objects.filter(pk=service.pk).update(assurer_email=email)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_safe_website"),
        ("directory", "0106_safe_urls"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
