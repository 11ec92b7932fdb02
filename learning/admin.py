from django.contrib import admin, messages
from django.template.defaultfilters import truncatechars
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from learning import services
from learning.models import Feedback, LearnedProfile
from sparklio.core.admin import WorkspaceScopedAdmin
from sparklio.core.admin_scoping import ReadOnlyAdminMixin


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyAdminMixin, WorkspaceScopedAdmin):
    """Ratings are given through the API (the target's workspace is checked there); here they
    are read, and deleted when one should not count."""

    list_display = ["__str__", "workspace", "brand", "target", "rating", "short_comment", "created_by", "created_at"]
    list_filter = ["workspace", "target", "rating"]
    search_fields = ["comment"]
    fields = [
        "workspace",
        "brand",
        "target",
        "document",
        "document_version",
        "chat_message_id",
        "rating",
        "comment",
        "texts",
        "created_by",
        "created_at",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("workspace", "brand", "created_by")

    @admin.display(description=_("Comment"))
    def short_comment(self, obj):
        return truncatechars(obj.comment, 80)


@admin.register(LearnedProfile)
class LearnedProfileAdmin(ReadOnlyAdminMixin, WorkspaceScopedAdmin):
    """What each brand learned; recomputed by the service, here only read or relearnt."""

    list_display = ["brand", "workspace", "feedback_count", "edit_count", "performance_rows", "has_style", "updated_at"]
    list_filter = ["workspace"]
    search_fields = ["brand__name"]
    fields = [
        "workspace",
        "brand",
        "preferred",
        "avoided",
        "examples",
        "performance",
        "style_texts",
        "embedding_provider",
        "embedding_model",
        "embedding_dim",
        "feedback_count",
        "edit_count",
        "performance_rows",
        "learned_from_until",
        "updated_at",
    ]
    readonly_fields = fields
    actions = ["relearn"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("workspace", "brand").defer("style_vector")

    @admin.display(description=_("Style vector"), boolean=True)
    def has_style(self, obj):
        return bool(obj.embedding_dim)

    @admin.action(description=_("Relearn from the brand's feedback, edits and performance"))
    def relearn(self, request, queryset):
        done = 0
        for profile in queryset:
            if self.may_write(request, profile):
                services.brand_learn(profile.brand)
                done += 1
        self.message_user(
            request,
            ngettext("%(count)d brand relearnt.", "%(count)d brands relearnt.", done) % {"count": done},
            messages.SUCCESS,
        )
