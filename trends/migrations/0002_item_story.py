from django.db import migrations, models
from django.db.models import F


def stories_from_keys(apps, schema_editor):
    """Items stored before: each its own story (its key), as they were counted."""
    apps.get_model("trends", "FeedItem").objects.update(story=F("key"))


class Migration(migrations.Migration):
    dependencies = [("trends", "0001_feeds_items_mentions")]

    operations = [
        migrations.AddField(
            model_name="feeditem",
            name="story",
            field=models.CharField(
                default="",
                help_text="The key of the first copy of this entry the workspace stored, from any feed",
                max_length=64,
                verbose_name="story",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(stories_from_keys, migrations.RunPython.noop),
    ]
