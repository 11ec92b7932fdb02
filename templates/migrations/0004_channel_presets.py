from django.db import migrations, models


def load_library(apps, schema_editor):
    from templates.services import template_library_sync

    template_library_sync(model=apps.get_model("templates", "Template"))


class Migration(migrations.Migration):
    """The web banner, poster, presentation and e-mail newsletter presets: their channel
    choices, and their campaign templates in the library (the sync updates by slug, so the
    other channels' campaign templates take the current layout too)."""

    dependencies = [("templates", "0003_campaign_templates")]

    operations = [
        migrations.AlterField(
            model_name="template",
            name="channel",
            field=models.CharField(
                choices=[
                    ("instagram_feed", "Instagram feed"),
                    ("instagram_portrait", "Instagram portrait"),
                    ("instagram_story", "Instagram story / Reels"),
                    ("facebook_feed", "Facebook feed"),
                    ("youtube_thumbnail", "YouTube thumbnail"),
                    ("naver_blog", "Naver blog"),
                    ("kakao_feed", "KakaoTalk channel feed"),
                    ("product_detail", "Product detail page"),
                    ("web_banner", "Web banner"),
                    ("poster", "Poster"),
                    ("presentation", "Presentation slide"),
                    ("email_newsletter", "E-mail newsletter"),
                ],
                max_length=40,
            ),
        ),
        migrations.RunPython(load_library, migrations.RunPython.noop),
    ]
