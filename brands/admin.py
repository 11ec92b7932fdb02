from django import forms
from django.conf import settings
from django.contrib import admin
from django.utils.html import format_html, format_html_join

from brands import services
from brands.logos import read_upload
from brands.models import BrandColor, BrandFont, BrandKit, BrandLogo
from brands.rules import both_message, normalize_hex, words_in_both
from sparklio.core.admin import WorkspaceScopedAdmin
from sparklio.core.images import ImageRejected


def _swatch(hex_: str, title: str = ""):
    return format_html(
        '<span title="{}" style="display:inline-block;width:18px;height:18px;border:1px solid #999;'
        'border-radius:3px;vertical-align:middle;background:{}"></span>',
        title or hex_,
        hex_,
    )


class BrandColorForm(forms.ModelForm):
    class Meta:
        model = BrandColor
        fields = ["position", "name", "hex", "role"]

    def clean_hex(self):
        try:
            return normalize_hex(self.cleaned_data["hex"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc


class BrandKitForm(forms.ModelForm):
    class Meta:
        model = BrandKit
        fields = [
            "workspace",
            "name",
            "description",
            "language",
            "tone_of_voice",
            "target_audience",
            "banned_words",
            "required_words",
            "guidelines",
        ]

    def clean(self):
        cleaned = super().clean()
        both = words_in_both(cleaned.get("banned_words") or [], cleaned.get("required_words") or [])
        if both:
            self.add_error("required_words", both_message(both))
        return cleaned


class BrandColorInline(admin.TabularInline):
    model = BrandColor
    form = BrandColorForm
    extra = 0
    fields = ["position", "name", "hex", "role", "swatch"]
    readonly_fields = ["swatch"]

    @admin.display(description="Swatch")
    def swatch(self, obj):
        return _swatch(obj.hex) if obj.hex else "—"


class BrandFontInline(admin.TabularInline):
    model = BrandFont
    extra = 0
    fields = ["position", "family", "role", "weights"]


class LogoUploadForm(forms.ModelForm):
    """Admin uploads go through the same checks and storage as the API (brand_logo_add)."""

    upload = forms.FileField(required=False, help_text="PNG, JPEG, WebP, GIF or SVG")

    class Meta:
        model = BrandLogo
        fields = []

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            try:
                read_upload(upload, max_bytes=settings.BRAND_LOGO_MAX_BYTES, max_pixels=settings.BRAND_LOGO_MAX_PIXELS)
            except ImageRejected as exc:
                raise forms.ValidationError(str(exc)) from exc
        return upload


class BrandLogoInline(admin.TabularInline):
    model = BrandLogo
    form = LogoUploadForm
    extra = 0
    fields = ["preview", "upload", "content_type", "width", "height", "analysis_status", "palette_swatches"]
    readonly_fields = ["preview", "content_type", "width", "height", "analysis_status", "palette_swatches"]

    @admin.display(description="Logo")
    def preview(self, obj):
        if not obj.pk:
            return "—"
        return format_html(
            '<img src="{}" style="max-height:64px;max-width:160px;background:#eee" alt="{}">',
            obj.file.url,
            obj.original_name,
        )

    @admin.display(description="Palette")
    def palette_swatches(self, obj):
        swatches = ((_swatch(c["hex"], f"{c['hex']} {c['share']:.0%}"),) for c in obj.palette)
        return format_html_join("", "{}", swatches) or "—"


@admin.register(BrandKit)
class BrandKitAdmin(WorkspaceScopedAdmin):
    list_display = ["name", "workspace", "language", "colour_swatches", "logo", "updated_at"]
    list_filter = ["language", "workspace"]
    search_fields = ["name", "description"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    inlines = [BrandColorInline, BrandFontInline, BrandLogoInline]
    form = BrandKitForm

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("workspace").prefetch_related("colors", "logos")

    @admin.display(description="Colours")
    def colour_swatches(self, obj):
        return format_html_join("", "{}", ((_swatch(c.hex, f"{c.name} ({c.role})"),) for c in obj.colors.all()))

    @admin.display(description="Logo")
    def logo(self, obj):
        first = next(iter(obj.logos.all()), None)
        if first is None:
            return "—"
        return format_html('<img src="{}" style="max-height:32px;max-width:96px" alt="">', first.file.url)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is not BrandLogo:
            return super().save_formset(request, form, formset, change)
        # Logos are written by the same service as the API (checks, storage, analysis job);
        # the formset's bookkeeping is filled in so the admin's change message still works.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for inline_form in formset.forms:
            if not inline_form.has_changed():
                continue
            if inline_form.cleaned_data.get("DELETE") and inline_form.instance.pk:
                services.brand_logo_delete(logo=inline_form.instance)
                formset.deleted_objects.append(inline_form.instance)
            elif inline_form.cleaned_data.get("upload") and not inline_form.instance.pk:
                logo = services.brand_logo_add(
                    brand=form.instance, upload=inline_form.cleaned_data["upload"], created_by=request.user
                )
                formset.new_objects.append(logo)
        return None
