from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError

from sparklio.core.admin import WorkspaceScopedAdmin
from sparklio.core.api.errors import flatten_errors
from templates.models import Template
from templates.services import template_check


class TemplateForm(forms.ModelForm):
    """The skeleton passes the same checks as one created through the API."""

    class Meta:
        model = Template
        fields = ["name", "slug", "description", "channel", "category", "tags", "skeleton", "workspace"]

    def clean(self):
        cleaned = super().clean()
        if "skeleton" in cleaned and cleaned.get("channel"):
            try:
                parsed = template_check(
                    cleaned["skeleton"], channel=cleaned["channel"], workspace=cleaned.get("workspace")
                )
            except ValidationError as exc:
                for path, messages in flatten_errors(exc.detail).items():
                    field = path.split(".")[0].split("[")[0]
                    self.add_error(field if field in self.fields else None, [f"{path}: {m}" for m in messages])
            else:
                cleaned["skeleton"] = parsed.model_dump(mode="json")
        return cleaned


@admin.register(Template)
class TemplateAdmin(WorkspaceScopedAdmin):
    """Staff see the shared library (read only: superusers keep it) and their workspaces' own
    templates (editors change them)."""

    shared_when_null = True
    form = TemplateForm
    list_display = ["thumbnail", "name", "slug", "channel", "category", "workspace", "updated_at"]
    list_display_links = ["thumbnail", "name"]
    list_filter = ["channel", "category", ("workspace", admin.EmptyFieldListFilter)]
    search_fields = ["name", "slug", "tags", "description"]
    readonly_fields = ["preview", "created_at", "updated_at"]
    raw_id_fields = ["workspace"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if not request.user.is_superuser and "workspace" in form.base_fields:
            form.base_fields["workspace"].required = True  # the shared library is the superusers'
        return form

    def _img(self, obj, width: int):
        # the API's preview endpoint; the admin's session authenticates it
        return format_html(
            '<img src="{}?v={}" loading="lazy" style="max-width:{}px;border:1px solid #ddd" alt="">',
            reverse("template-preview", args=[obj.pk]),
            int(obj.updated_at.timestamp()) if obj.updated_at else 0,
            width,
        )

    @admin.display(description="")
    def thumbnail(self, obj):
        return self._img(obj, 80)

    @admin.display(description=_("Preview"))
    def preview(self, obj):
        return self._img(obj, 360) if obj.pk else "—"
