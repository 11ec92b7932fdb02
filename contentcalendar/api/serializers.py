from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from contentcalendar import planner
from contentcalendar.models import CHANNEL_CHOICES, CalendarEntry
from documents.api.serializers import CallerBrandField
from documents.models import Document
from documents.schema import CHANNEL_PRESETS
from sparklio.core.api import strict
from sparklio.core.api.scoping import WorkspaceField, request_roles

CHANNELS = ", ".join(CHANNEL_PRESETS)


class AwareDateTimeField(serializers.DateTimeField):
    """An ISO 8601 time with its offset: a calendar cannot guess which zone "09:00" meant."""

    default_error_messages = {
        "naive": gettext_lazy("Give the time with its offset, e.g. 2027-02-07T09:00:00+09:00 or …Z."),
    }

    def to_internal_value(self, value):
        try:
            parsed = parse_datetime(value) if isinstance(value, str) else None
        except ValueError:  # well formed but no such day ("2027-02-30T19:00:00+09:00")
            self.fail("invalid", format="YYYY-MM-DDThh:mm[:ss][+HH:MM|Z] (a day that exists)")
        if parsed is not None and timezone.is_naive(parsed):
            self.fail("naive")
        return super().to_internal_value(value)


@extend_schema_field(OpenApiTypes.INT)
class CallerDocumentField(serializers.PrimaryKeyRelatedField):
    """A document of one of the caller's workspaces (checked against ``workspace`` by the serializer)."""

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return Document.objects.none()
        return Document.objects.filter(workspace_id__in=request_roles(request).keys())


class CalendarEntrySerializer(strict.ModelSerializer):
    workspace = WorkspaceField()
    brand = CallerBrandField(required=False, allow_null=True, help_text="Id of a brand kit of the workspace")
    channel = serializers.ChoiceField(
        choices=CHANNEL_CHOICES,
        help_text=f"A channel preset: {CHANNELS}",
        error_messages={
            # DRF fills {input}; the known channels go in now
            "invalid_choice": format_lazy(gettext_lazy('Unknown channel "{{input}}"; one of: {known}.'), known=CHANNELS)
        },
    )
    publish_at = AwareDateTimeField(help_text="When it goes out, ISO 8601 with an offset")
    source = serializers.CharField(read_only=True, help_text='"plan" (proposed by the planner) or "manual"')
    document = CallerDocumentField(
        required=False, allow_null=True, help_text="Id of the design (a document of the same workspace)"
    )

    class Meta:
        model = CalendarEntry
        fields = [
            "id",
            "workspace",
            "brand",
            "title",
            "channel",
            "publish_at",
            "document",
            "status",
            "notes",
            "occasion",
            "source",
            "reminded_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "occasion", "source", "reminded_at", "created_at", "updated_at"]
        extra_kwargs = {"notes": {"required": False}}

    def validate(self, attrs):
        workspace = attrs.get("workspace")
        if self.instance is not None:
            if workspace is not None and workspace.pk != self.instance.workspace_id:
                raise serializers.ValidationError({"workspace": [_("An entry cannot move to another workspace.")]})
            workspace_id = self.instance.workspace_id
        else:
            workspace_id = workspace.pk
        document = attrs.get("document")
        if document is not None and document.workspace_id != workspace_id:
            raise serializers.ValidationError(
                {"document": [_("No document %(id)s in this workspace.") % {"id": document.pk}]}
            )
        brand = attrs.get("brand")
        if brand is not None and brand.workspace_id != workspace_id:
            raise serializers.ValidationError(
                {"brand": [_("No brand kit %(id)s in this workspace.") % {"id": brand.pk}]}
            )
        return attrs


def _month(value: str) -> str:
    try:
        planner.parse_month(value)
    except ValueError as exc:
        raise serializers.ValidationError(
            _("Not a month: %(month)r (%(why)s).") % {"month": value, "why": exc}
        ) from exc
    return value


class PlanRequestSerializer(strict.Serializer):
    workspace = WorkspaceField(required=False, help_text="Optional: the brand's workspace by default")
    brand = CallerBrandField(help_text="The brand kit the month is planned for")
    month = serializers.CharField(max_length=7, validators=[_month], help_text='The month, as "YYYY-MM"')
    brief = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=settings.BRIEF_MAX_CHARS,
        help_text="What the month is about (product, channels, language); Korean or English",
    )
    trends = serializers.ListField(
        child=serializers.CharField(max_length=60),
        required=False,
        max_length=20,
        help_text="Trend keywords to tie entries to; default: the workspace's current top trends",
    )
    cadence = serializers.DictField(
        child=serializers.FloatField(min_value=0.1, max_value=planner.MAX_PER_WEEK),
        required=False,
        help_text='Posts per week by channel preset, e.g. {"instagram_feed": 3}; replaces the channels and '
        "cadence otherwise taken from the brief, the brand's designs or the defaults",
    )
    save = serializers.BooleanField(
        default=True, help_text="Store the proposals as draft entries (default); false: only propose"
    )

    def validate_cadence(self, value):
        unknown = [channel for channel in value if channel not in CHANNEL_PRESETS]
        if unknown:
            raise serializers.ValidationError(
                {channel: [_("Unknown channel; one of: %(known)s.") % {"known": CHANNELS}] for channel in unknown}
            )
        if not value:
            raise serializers.ValidationError(_("Name at least one channel."))
        return value

    def validate(self, attrs):
        workspace = attrs.get("workspace")
        if workspace is not None and attrs["brand"].workspace_id != workspace.pk:
            raise serializers.ValidationError(
                {"brand": [_("No brand kit %(id)s in this workspace.") % {"id": attrs["brand"].pk}]}
            )
        return attrs


class OccasionSerializer(strict.Serializer):
    date = serializers.DateField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=["greeting", "gift", "shopping", "holiday", "payday"])


class PlanSerializer(strict.Serializer):
    month = serializers.CharField()
    language = serializers.CharField()
    saved = serializers.BooleanField(help_text="True: the entries were stored as drafts (they have ids)")
    cadence = serializers.DictField(child=serializers.FloatField(), help_text="Posts per week by channel")
    counts = serializers.DictField(
        child=serializers.IntegerField(), help_text="Posts the month gets by channel, entries already there included"
    )
    occasions = OccasionSerializer(many=True, help_text="The month's holidays, shopping days and payday")
    quiet_days = serializers.ListField(
        child=serializers.DateField(), help_text="Days that take only a greeting (설날, 추석, 현충일)"
    )
    trends = serializers.ListField(child=serializers.CharField())
    entries = CalendarEntrySerializer(many=True)


class ExportQuerySerializer(strict.QuerySerializer):
    workspace = WorkspaceField(required=False, help_text="Optional when you belong to one workspace")
