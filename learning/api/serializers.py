from django.utils.translation import gettext as _
from rest_framework import serializers

from learning.models import Feedback
from learning.services import COMMENT_MAX
from sparklio.core.api import strict
from sparklio.core.api.fields import MAX_ID


class FeedbackCreateSerializer(strict.Serializer):
    document = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=MAX_ID, help_text="Id of the document rated"
    )
    chat_message = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=MAX_ID, help_text="Id of the chat message rated"
    )
    rating = serializers.IntegerField(min_value=1, max_value=5, help_text="1 (bad) to 5 (keep this)")
    comment = serializers.CharField(required=False, allow_blank=True, max_length=COMMENT_MAX)

    def validate(self, attrs):
        given = [name for name in ("document", "chat_message") if attrs.get(name) is not None]
        if len(given) != 1:
            field = "chat_message" if given else "document"
            raise serializers.ValidationError({field: [_("Give exactly one of document or chat_message.")]})
        return attrs


class FeedbackSerializer(strict.ModelSerializer):
    chat_message = serializers.IntegerField(source="chat_message_id", read_only=True, allow_null=True)

    class Meta:
        model = Feedback
        fields = [
            "id",
            "workspace",
            "brand",
            "target",
            "document",
            "document_version",
            "chat_message",
            "rating",
            "comment",
            "texts",
            "created_by",
            "created_at",
        ]
        read_only_fields = fields


class PhraseSerializer(strict.Serializer):
    phrase = serializers.CharField()
    count = serializers.IntegerField(help_text="Net times seen (added minus removed, or the reverse)")
    sources = serializers.DictField(child=serializers.IntegerField(), help_text="edit / feedback → times")
    documents = serializers.ListField(child=serializers.IntegerField(), help_text="Documents it came from")


class ExampleSerializer(strict.Serializer):
    text = serializers.CharField()
    role = serializers.CharField(help_text="The text's role in its design (headline, cta…), or message")
    score = serializers.FloatField(help_text="Summed weight: ratings, edits kept, CTR")
    sources = serializers.ListField(child=serializers.CharField(), help_text="feedback, edit, performance")
    documents = serializers.ListField(child=serializers.IntegerField())
    ctr = serializers.FloatField(required=False, help_text="When it came from imported performance")


class StyleSerializer(strict.Serializer):
    provider = serializers.CharField()
    model = serializers.CharField()
    dimensions = serializers.IntegerField()
    texts = serializers.IntegerField(help_text="Approved texts averaged into the vector")


class LearnedFromSerializer(strict.Serializer):
    feedback = serializers.IntegerField()
    edits = serializers.IntegerField(help_text="Generated texts marketers changed")
    performance_rows = serializers.IntegerField(help_text="Imported metrics rows of this brand's documents")


class LearningSerializer(strict.Serializer):
    brand = serializers.IntegerField()
    preferred = PhraseSerializer(many=True, help_text="Phrases marketers put in")
    avoided = PhraseSerializer(many=True, help_text="Phrases marketers took out or rated down")
    examples = ExampleSerializer(many=True, help_text="The best copy, best first (given to the models)")
    style = StyleSerializer(allow_null=True, help_text="The brand's style vector (null: no approved copy yet)")
    learned_from = LearnedFromSerializer()
    updated_at = serializers.DateTimeField(allow_null=True)
    stale = serializers.BooleanField()
