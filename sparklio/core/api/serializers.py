from rest_framework import serializers

from sparklio.core.api import strict
from sparklio.core.models import ApiToken, Membership, Role, User, Workspace


class RegisterInputSerializer(strict.Serializer):
    username = serializers.RegexField(r"^[\w.@+-]+\Z", max_length=150)
    email = serializers.EmailField()
    password = serializers.CharField(write_only=True, trim_whitespace=False, style={"input_type": "password"})


class UserSerializer(strict.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "username", "email"]


class TokenInputSerializer(strict.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(trim_whitespace=False, style={"input_type": "password"})
    name = serializers.CharField(
        required=False,
        max_length=64,
        help_text='Which of your tokens to answer (one per browser or integration); "default" when absent.',
    )


class ApiTokenInputSerializer(strict.Serializer):
    name = serializers.CharField(max_length=64, help_text="The browser or integration the token is for.")


class ApiTokenSerializer(strict.ModelSerializer):
    """A token as listed: never its key."""

    expires = serializers.DateTimeField(read_only=True)

    class Meta:
        model = ApiToken
        fields = ["id", "name", "created", "last_used", "expires"]


class ApiTokenCreatedSerializer(ApiTokenSerializer):
    """A token just issued, with its key: the only time the key is shown."""

    token = serializers.CharField(source="key", read_only=True)

    class Meta(ApiTokenSerializer.Meta):
        fields = ["id", "name", "token", "created", "last_used", "expires"]


class PasswordChangeInputSerializer(strict.Serializer):
    current_password = serializers.CharField(trim_whitespace=False, style={"input_type": "password"})
    password = serializers.CharField(trim_whitespace=False, style={"input_type": "password"}, help_text="The new one")


class TokenOutputSerializer(strict.Serializer):
    token = serializers.CharField()
    expires_at = serializers.DateTimeField()
    user = UserSerializer()


class WorkspaceSerializer(strict.ModelSerializer):
    role = serializers.SerializerMethodField(help_text="The caller's role in this workspace.")

    class Meta:
        model = Workspace
        fields = ["id", "name", "role", "created_at"]
        read_only_fields = ["id", "role", "created_at"]

    def get_role(self, obj) -> str | None:
        roles = self.context.get("roles", {})
        return roles.get(obj.pk)


class MeSerializer(strict.Serializer):
    user = UserSerializer()
    workspaces = WorkspaceSerializer(many=True)


class MembershipInputSerializer(strict.Serializer):
    username = serializers.CharField()
    role = serializers.ChoiceField(choices=Role.choices)


class MembershipSerializer(strict.ModelSerializer):
    user = UserSerializer(read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "user", "role", "created_at"]
