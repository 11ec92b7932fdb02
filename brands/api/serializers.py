import json
from datetime import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import ISO_8601, serializers
from rest_framework.settings import api_settings

from brands.models import BrandKit, BrandLogo, ColorRole, FontRole, Language
from brands.rules import both_message, normalize_hex, words_in_both
from brands.selectors import LOGO_FIELDS
from sparklio.core.api import strict
from sparklio.core.api.scoping import WorkspaceField

MAX_WORDS = 200


class ColorSerializer(strict.Serializer):
    name = serializers.CharField(max_length=60)
    hex = serializers.RegexField(
        r"^#(?:[0-9A-Fa-f]{3}){1,2}$",
        error_messages={"invalid": "Enter a colour as #RRGGBB or #RGB (for example #FF5A1F)."},
    )
    role = serializers.ChoiceField(choices=ColorRole.choices)

    def validate_hex(self, value: str) -> str:
        return normalize_hex(value)


class FontSerializer(strict.Serializer):
    family = serializers.CharField(max_length=120)
    role = serializers.ChoiceField(choices=FontRole.choices)
    weights = serializers.ListField(
        child=serializers.IntegerField(min_value=100, max_value=900), required=False, default=list, max_length=9
    )

    def validate_weights(self, value: list[int]) -> list[int]:
        bad = [w for w in value if w % 100]
        if bad:
            raise serializers.ValidationError(
                _("Weights are multiples of 100 between 100 and 900; got %(bad)s.") % {"bad": bad}
            )
        return sorted(set(value))


class WordListField(serializers.ListField):
    child = serializers.CharField(max_length=100)

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", MAX_WORDS)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        words = super().to_internal_value(data)
        seen, out = set(), []
        for word in (w.strip() for w in words):
            if word and word.casefold() not in seen:
                seen.add(word.casefold())
                out.append(word)
        return out


class PaletteEntrySerializer(strict.Serializer):
    hex = serializers.CharField()
    share = serializers.FloatField(help_text="The part of the logo's opaque pixels, 0–1")


class LogoSerializer(strict.ModelSerializer):
    url = serializers.FileField(source="file", read_only=True, use_url=True)
    palette = PaletteEntrySerializer(many=True, read_only=True, help_text="The logo's colours, most used first")

    class Meta:
        model = BrandLogo
        fields = [
            "id",
            "url",
            "original_name",
            "content_type",
            "size_bytes",
            "width",
            "height",
            "analysis_status",
            "palette",
            "created_at",
        ]
        read_only_fields = fields


class LogoUploadSerializer(strict.Serializer):
    file = serializers.FileField(help_text="PNG, JPEG, WebP, GIF or SVG; type is checked from the content.")


class BrandKitListSerializer(serializers.ListSerializer):
    """Brand kits given as model instances (with their colours, fonts and logos prefetched),
    built row by row without a serializer per colour, font and field: the same JSON as
    BrandKitSerializer gives each kit. The API's list reads tuples instead (brand_list_rows)."""

    def to_representation(self, data):
        when = serializers.DateTimeField()
        logos = LogoSerializer(many=True, context=self.context)
        rows = []
        for brand in data.all() if hasattr(data, "all") else data:
            rows.append(
                {
                    "id": brand.pk,
                    "workspace": brand.workspace_id,
                    "name": brand.name,
                    "description": brand.description,
                    "language": brand.language,
                    "tone_of_voice": brand.tone_of_voice,
                    "target_audience": brand.target_audience,
                    "colors": [{"name": c.name, "hex": c.hex, "role": c.role} for c in brand.colors.all()],
                    "fonts": [
                        {"family": f.family, "role": f.role, "weights": list(f.weights)} for f in brand.fonts.all()
                    ],
                    "banned_words": list(brand.banned_words),
                    "required_words": list(brand.required_words),
                    "guidelines": brand.guidelines,
                    "logos": logos.to_representation(brand.logos.all()),
                    "created_at": when.to_representation(brand.created_at),
                    "updated_at": when.to_representation(brand.updated_at),
                }
            )
        return rows


def _json(value):
    return json.loads(value) if isinstance(value, str) else value


def _when():
    """DateTimeField.to_representation for a page's datetimes, with the current time zone looked
    up once rather than per value (DRF's own field for anything but ISO 8601 of aware values)."""
    field = serializers.DateTimeField()
    output = api_settings.DATETIME_FORMAT
    if not settings.USE_TZ or not isinstance(output, str) or output.lower() != ISO_8601:
        return field.to_representation
    zone = timezone.get_current_timezone()

    def represent(value):
        if not isinstance(value, datetime) or timezone.is_naive(value):
            return field.to_representation(value)
        try:
            text = value.astimezone(zone).isoformat()
        except OverflowError:
            return field.to_representation(value)
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return represent


def brand_list_rows(rows, *, context) -> list[dict]:
    """The JSON of each kit of a list page from selectors.brand_list_page's tuples: the same as
    BrandKitSerializer gives the kit (a test holds every row equal to the detail view), with no
    model instance or serializer field per kit, colour or font. Logos (few, with signed URLs)
    go through LogoSerializer as unsaved instances, so their JSON is that serializer's own."""
    when = _when()
    logos = LogoSerializer(many=True, context=context)
    out = []
    for (
        pk,
        workspace,
        name,
        description,
        language,
        tone,
        audience,
        banned,
        required,
        guidelines,
        created,
        updated,
        parts,
    ) in rows:
        colors, fonts, logo_rows = _json(parts)
        out.append(
            {
                "id": pk,
                "workspace": workspace,
                "name": name,
                "description": description,
                "language": language,
                "tone_of_voice": tone,
                "target_audience": audience,
                "colors": colors,
                "fonts": fonts,
                "banned_words": banned,
                "required_words": required,
                "guidelines": guidelines,
                "logos": logos.to_representation([_logo(row) for row in logo_rows]) if logo_rows else [],
                "created_at": when(created),
                "updated_at": when(updated),
            }
        )
    return out


def _logo(row: list) -> BrandLogo:
    values = dict(zip(LOGO_FIELDS, row, strict=True))
    values["created_at"] = datetime.fromisoformat(values["created_at"])
    return BrandLogo(**values)


class BrandKitSerializer(strict.ModelSerializer):
    workspace = WorkspaceField()
    language = serializers.ChoiceField(choices=Language.choices, default=Language.KO)
    colors = ColorSerializer(many=True, required=False, max_length=50)
    fonts = FontSerializer(many=True, required=False, max_length=20)
    banned_words = WordListField()
    required_words = WordListField()
    logos = LogoSerializer(many=True, read_only=True)

    class Meta:
        model = BrandKit
        fields = [
            "id",
            "workspace",
            "name",
            "description",
            "language",
            "tone_of_voice",
            "target_audience",
            "colors",
            "fonts",
            "banned_words",
            "required_words",
            "guidelines",
            "logos",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "logos", "created_at", "updated_at"]
        list_serializer_class = BrandKitListSerializer

    def validate(self, attrs):
        if self.instance is not None and "workspace" in attrs and attrs["workspace"].pk != self.instance.workspace_id:
            raise serializers.ValidationError({"workspace": [_("A brand kit cannot move to another workspace.")]})
        banned = attrs.get("banned_words", self.instance.banned_words if self.instance else [])
        required = attrs.get("required_words", self.instance.required_words if self.instance else [])
        both = words_in_both(banned, required)
        if both:
            raise serializers.ValidationError({"required_words": [both_message(both)]})
        return attrs
