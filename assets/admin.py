from django import forms
from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from assets import services
from assets.files import ACCEPTED, read_asset_upload
from assets.models import Asset
from sparklio.core.admin import WorkspaceScopedAdmin
from sparklio.core.images import ImageRejected


class AssetAddForm(forms.ModelForm):
    """Admin uploads go through the same checks and storage as the API (asset_create)."""

    upload = forms.FileField(label=_("Upload"), help_text=ACCEPTED)

    class Meta:
        model = Asset
        fields = ["workspace", "name"]

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        try:
            read_asset_upload(upload)
        except ImageRejected as exc:
            raise forms.ValidationError(str(exc)) from exc
        return upload


@admin.register(Asset)
class AssetAdmin(WorkspaceScopedAdmin):
    list_display = ["thumbnail", "name", "workspace", "content_type", "dimensions", "size", "created_at"]
    list_display_links = ["thumbnail", "name"]
    list_filter = ["workspace", "content_type"]
    search_fields = ["name", "original_name"]
    readonly_fields = [
        "preview",
        "workspace",
        "name",
        "original_name",
        "content_type",
        "dimensions",
        "size",
        "file",
        "created_by",
        "created_at",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("workspace")

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = AssetAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def get_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else ["workspace", "name", "upload"]

    def _img(self, obj, height: int):
        return format_html(
            '<img src="{}" loading="lazy" style="max-height:{}px;max-width:{}px;background:#eee" alt="">',
            obj.file.url,
            height,
            height * 2,
        )

    @admin.display(description="")
    def thumbnail(self, obj):
        return self._img(obj, 48)

    @admin.display(description=_("Picture"))
    def preview(self, obj):
        return self._img(obj, 320)

    @admin.display(description=_("Size (px)"))
    def dimensions(self, obj):
        return f"{obj.width}×{obj.height}"

    @admin.display(description=_("File size"), ordering="size_bytes")
    def size(self, obj):
        return filesizeformat(obj.size_bytes)

    def save_model(self, request, obj, form, change):
        if change:
            return  # every field is read-only once uploaded
        created = services.asset_create(
            workspace=form.cleaned_data["workspace"],
            upload=form.cleaned_data["upload"],
            created_by=request.user,
            name=form.cleaned_data.get("name") or "",
        )
        # The admin logs and redirects to the object it was given: it becomes the stored one.
        obj.__dict__.update({k: v for k, v in created.__dict__.items() if k != "_state"})
        obj._state.adding = False

    def delete_model(self, request, obj):
        services.asset_delete(asset=obj)

    def delete_queryset(self, request, queryset):
        for asset in queryset:
            services.asset_delete(asset=asset)
