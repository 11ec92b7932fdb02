from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from brands import services
from brands.logos import read_upload
from brands.models import BrandColor, BrandFont, BrandKit, BrandLogo
from brands.rules import both_message, normalize_hex, words_in_both
from sparklio.core.admin import WorkspaceScopedAdmin
from sparklio.core.admin_scoping import ScopedInlineMixin
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
        workspace = cleaned.get("workspace") or getattr(self.instance, "workspace", None)
        name = cleaned.get("name")
        if workspace is not None and name:
            clash = BrandKit.objects.filter(workspace=workspace, name__iexact=name).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("name", _("This workspace already has a brand with this name."))
        return cleaned


class BrandColorInline(ScopedInlineMixin, admin.TabularInline):
    model = BrandColor
    form = BrandColorForm
    extra = 0
    fields = ["position", "name", "hex", "role", "swatch"]
    readonly_fields = ["swatch"]

    @admin.display(description=_("Swatch"))
    def swatch(self, obj):
        return _swatch(obj.hex) if obj.hex else "—"


class BrandFontInline(ScopedInlineMixin, admin.TabularInline):
    model = BrandFont
    extra = 0
    fields = ["position", "family", "role", "weights"]


class LogoUploadForm(forms.ModelForm):
    """Admin uploads go through the same checks and storage as the API (brand_logo_add)."""

    upload = forms.FileField(required=False, label=_("Upload"), help_text=_("PNG, JPEG, WebP, GIF or SVG"))

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


class BrandLogoInline(ScopedInlineMixin, admin.TabularInline):
    model = BrandLogo
    form = LogoUploadForm
    extra = 0
    fields = ["preview", "upload", "content_type", "width", "height", "analysis_status", "palette_swatches"]
    readonly_fields = ["preview", "content_type", "width", "height", "analysis_status", "palette_swatches"]

    @admin.display(description=_("Logo"))
    def preview(self, obj):
        if not obj.pk:
            return "—"
        return format_html(
            '<img src="{}" style="max-height:64px;max-width:160px;background:#eee" alt="{}">',
            obj.file.url,
            obj.original_name,
        )

    @admin.display(description=_("Palette"))
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

    @admin.display(description=_("Colours"))
    def colour_swatches(self, obj):
        return format_html_join("", "{}", ((_swatch(c.hex, f"{c.name} ({c.role})"),) for c in obj.colors.all()))

    @admin.display(description=_("Logo"))
    def logo(self, obj):
        first = next(iter(obj.logos.all()), None)
        if first is None:
            return "—"
        return format_html('<img src="{}" style="max-height:32px;max-width:96px" alt="">', first.file.url)

    def get_readonly_fields(self, request, obj=None):
        # a brand kit stays in its workspace (its documents and workflows point at it)
        return [*self.readonly_fields, "workspace"] if obj is not None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        """Brand kits are written by the API's services (name uniqueness, events)."""
        if not self.may_write(request, obj):
            raise PermissionDenied
        scalars = {field: form.cleaned_data[field] for field in services.SCALAR_FIELDS if field in form.cleaned_data}
        if change:
            saved = services.brand_update(brand=obj, **scalars)
        else:
            saved = services.brand_create(workspace=form.cleaned_data["workspace"], created_by=request.user, **scalars)
        obj.__dict__.update({k: v for k, v in saved.__dict__.items() if k != "_state"})
        obj._state.adding = False

    def delete_model(self, request, obj):
        services.brand_delete(brand=obj)

    def delete_queryset(self, request, queryset):
        for brand in queryset:
            services.brand_delete(brand=brand)

    def save_formset(self, request, form, formset, change):
        if formset.model in (BrandColor, BrandFont):
            return self._save_list(form.instance, formset)
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

    def _save_list(self, brand, formset):
        """Colours and fonts replace the brand's list whole, as brand_update does for the API."""
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        if not formset.has_changed():
            return None
        kept = [
            f.cleaned_data
            for f in formset.forms
            if f.cleaned_data and not formset._should_delete_form(f) and (f.instance.pk or f.has_changed())
        ]
        kept.sort(key=lambda data: data.get("position") or 0)
        if formset.model is BrandColor:
            items = [{"name": d["name"], "hex": d["hex"], "role": d["role"]} for d in kept]
            services.brand_update(brand=brand, colors=items)
        else:
            items = [{"family": d["family"], "role": d["role"], "weights": d.get("weights") or []} for d in kept]
            services.brand_update(brand=brand, fonts=items)
        formset.changed_objects.append((brand, [formset.model._meta.verbose_name_plural]))
        return None
