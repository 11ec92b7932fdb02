from django.db import migrations


def load_library(apps, schema_editor):
    from templates.services import template_library_sync

    template_library_sync(model=apps.get_model("templates", "Template"))


class Migration(migrations.Migration):
    """Loads the shared template library (templates/library.py). Re-running it, or a later
    migration calling the same sync, updates the templates by slug."""

    dependencies = [("templates", "0001_initial")]

    operations = [migrations.RunPython(load_library, migrations.RunPython.noop)]
