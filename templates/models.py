from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from documents.schema import CHANNEL_PRESETS


class Category(models.TextChoices):
    PRODUCT_LAUNCH = "product_launch", _("Product launch")
    SALE = "sale", _("Sale")
    EVENT = "event", _("Event")
    BRAND_AWARENESS = "brand_awareness", _("Brand awareness")
    TESTIMONIAL = "testimonial", _("Testimonial")
    ANNOUNCEMENT = "announcement", _("Announcement")
    # the layouts workflows lay out anew for their own copy (templates/campaign.py)
    CAMPAIGN = "campaign", _("Campaign")


# The presets' labels written where makemessages finds them, so the admin shows them translated;
# a preset missing here shows its English label.
CHANNEL_LABELS = {
    "instagram_feed": _("Instagram feed"),
    "instagram_portrait": _("Instagram portrait"),
    "instagram_story": _("Instagram story / Reels"),
    "facebook_feed": _("Facebook feed"),
    "youtube_thumbnail": _("YouTube thumbnail"),
    "naver_blog": _("Naver blog"),
    "kakao_feed": _("KakaoTalk channel feed"),
    "product_detail": _("Product detail page"),
    "web_banner": _("Web banner"),
    "poster": _("Poster"),
    "presentation": _("Presentation slide"),
    "email_newsletter": _("E-mail newsletter"),
}
CHANNEL_CHOICES = [(key, CHANNEL_LABELS.get(key, preset.label)) for key, preset in CHANNEL_PRESETS.items()]


class Template(models.Model):
    """A document skeleton to start a design from.

    ``skeleton`` is a valid SparklioDocument whose objects carry semantic roles (the slots)
    and sample content. Colours the brand should decide are named in
    ``skeleton["metadata"]["palette"]``: ``{page_or_object_id: {property: token}}`` with
    property one of ``background`` (pages), ``fill``, ``stroke`` (shapes), ``color``,
    ``background_color`` (text) and token one of ``templates.palette.TOKENS``. The hex
    colours written in the skeleton are the library's defaults, so it renders as it is.

    ``workspace`` null is the shared library everyone sees; otherwise only that
    workspace's members see it.
    """

    name = models.CharField(max_length=120, verbose_name=_("name"))
    slug = models.SlugField(max_length=80, unique=True, verbose_name=_("slug"))
    description = models.CharField(max_length=300, blank=True, verbose_name=_("description"))
    channel = models.CharField(max_length=40, choices=CHANNEL_CHOICES, verbose_name=_("channel"))
    category = models.CharField(max_length=32, choices=Category.choices, verbose_name=_("category"))
    tags = ArrayField(models.CharField(max_length=40), default=list, blank=True, verbose_name=_("tags"))
    skeleton = models.JSONField(verbose_name=_("skeleton"))
    workspace = models.ForeignKey(
        "core.Workspace", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("workspace")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        verbose_name = _("template")
        verbose_name_plural = _("templates")
        ordering = ["channel", "name", "id"]
        indexes = [models.Index(fields=["channel", "category"], name="template_channel_category")]

    def __str__(self) -> str:
        return self.name
