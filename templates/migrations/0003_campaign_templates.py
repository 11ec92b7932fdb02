from django.db import migrations


def load_library(apps, schema_editor):
    from templates.services import template_library_sync

    template_library_sync(model=apps.get_model("templates", "Template"))


class Migration(migrations.Migration):
    """Adds the campaign template of every channel (templates/campaign.py) to the library."""

    dependencies = [("templates", "0002_library")]

    operations = [migrations.RunPython(load_library, migrations.RunPython.noop)]
