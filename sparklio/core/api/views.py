from django.conf import settings
from django.contrib.auth import authenticate, logout
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, AuthenticationFailed, NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from sparklio.core import selectors, services
from sparklio.core.api.errors import LOCKED_OUT
from sparklio.core.api.scoping import WorkspaceRolePermission, request_roles, require_role
from sparklio.core.api.serializers import (
    ApiTokenCreatedSerializer,
    ApiTokenInputSerializer,
    ApiTokenSerializer,
    MembershipInputSerializer,
    MembershipSerializer,
    MeSerializer,
    PasswordChangeInputSerializer,
    RegisterInputSerializer,
    TokenInputSerializer,
    TokenOutputSerializer,
    UserSerializer,
    WorkspaceSerializer,
)
from sparklio.core.models import ApiToken, Role, Workspace


class RegisterView(APIView):
    permission_classes = [permissions.AllowAny]
    authentication_classes = []

    @extend_schema(
        request=RegisterInputSerializer,
        responses={201: UserSerializer},
        summary="Create an account (when open sign-up is on)",
        tags=["auth"],
    )
    def post(self, request):
        data = RegisterInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_register(**data.validated_data)
        return Response(UserSerializer(user).data, status=status.HTTP_201_CREATED)


class LockedOut(APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_detail = LOCKED_OUT
    default_code = "locked_out"

    def __init__(self):
        super().__init__()
        self.wait = settings.AXES_COOLOFF_TIME.total_seconds()  # DRF turns it into Retry-After


def login_check(request, *, username: str, password: str):
    """The user these credentials sign in, through django-axes: a locked-out account or address
    is refused (429) even with the right password, and every failure counts towards a lockout."""
    user = authenticate(request, username=username, password=password)
    if user is None:
        if getattr(request, "axes_locked_out", False):
            raise LockedOut()
        raise AuthenticationFailed("Unable to log in with the provided credentials.")
    return user


class TokenView(APIView):
    permission_classes = [permissions.AllowAny]
    authentication_classes = []

    def get_authenticate_header(self, request):
        # Wrong credentials are a 401 (with its challenge), not a 403.
        return 'Bearer realm="api"'

    @extend_schema(
        request=TokenInputSerializer,
        responses={200: TokenOutputSerializer, 401: OpenApiResponse(description="Wrong credentials.")},
        summary="Exchange username and password for a Bearer token",
        tags=["auth"],
    )
    def post(self, request):
        data = TokenInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        name = data.validated_data.pop("name", services.DEFAULT_TOKEN_NAME)
        user = login_check(request, **data.validated_data)
        token = services.token_issue(user=user, name=name)
        payload = {"token": token.key, "expires_at": token.expires, "user": user}
        return Response(TokenOutputSerializer(payload).data)


class TokenRevokeView(APIView):
    @extend_schema(
        request=None,
        responses={204: None},
        summary="Log out: revoke the token used (or end the browser session); other tokens stay",
        tags=["auth"],
    )
    def post(self, request):
        if isinstance(request.auth, ApiToken):
            services.token_revoke(token=request.auth)
        else:
            logout(request)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["auth"])
class ApiTokenListView(generics.ListCreateAPIView):
    """The caller's named tokens, one per browser or integration."""

    serializer_class = ApiTokenSerializer
    filter_backends = []
    queryset = ApiToken.objects.none()  # the model, for the schema; rows come from get_queryset

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return selectors.token_list(user=self.request.user)

    @extend_schema(summary="List your tokens (never their keys)")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=ApiTokenInputSerializer,
        responses={201: ApiTokenCreatedSerializer},
        summary="Issue a named token; its key is shown only in this answer",
    )
    def post(self, request, *args, **kwargs):
        data = ApiTokenInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        token = services.token_create(user=request.user, name=data.validated_data["name"])
        return Response(ApiTokenCreatedSerializer(token).data, status=status.HTTP_201_CREATED)


class ApiTokenDetailView(APIView):
    @extend_schema(
        request=None,
        responses={204: None},
        summary="Revoke one of your tokens (its open sockets close with 4401)",
        tags=["auth"],
    )
    def delete(self, request, token_id: int):
        token = selectors.token_get(user=request.user, token_id=token_id)
        if token is None:
            raise NotFound("No token of yours with this id.")
        services.token_revoke(token=token)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PasswordChangeView(APIView):
    @extend_schema(
        request=PasswordChangeInputSerializer,
        responses={200: TokenOutputSerializer},
        summary="Change the caller's password (revokes every token; answers a fresh one)",
        tags=["auth"],
    )
    def post(self, request):
        data = PasswordChangeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = request.user
        try:
            login_check(request, username=user.username, password=data.validated_data["current_password"])
        except AuthenticationFailed as exc:
            raise ValidationError({"current_password": ["This is not your current password."]}) from exc
        used = request.auth.name if isinstance(request.auth, ApiToken) else services.DEFAULT_TOKEN_NAME
        token = services.user_password_change(user=user, password=data.validated_data["password"], token_name=used)
        payload = {"token": token.key, "expires_at": token.expires, "user": user}
        return Response(TokenOutputSerializer(payload).data)


class MeView(APIView):
    @extend_schema(responses=MeSerializer, summary="The caller and their workspaces", tags=["auth"])
    def get(self, request):
        workspaces = selectors.workspace_list(user=request.user)
        data = MeSerializer(
            {"user": request.user, "workspaces": workspaces}, context={"roles": request_roles(request)}
        ).data
        return Response(data)


@extend_schema(tags=["workspaces"])
class WorkspaceViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Workspaces the caller belongs to. The creator becomes owner; owners rename, delete and
    manage members."""

    serializer_class = WorkspaceSerializer
    permission_classes = [permissions.IsAuthenticated, WorkspaceRolePermission]
    write_role = Role.OWNER
    search_fields = ["name"]
    ordering_fields = ["id", "name", "created_at"]
    filterset_fields = []

    queryset = Workspace.objects.none()  # the model, for the schema; rows come from get_queryset

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return selectors.workspace_list(user=self.request.user)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "roles": request_roles(self.request)}

    def perform_create(self, serializer):
        serializer.instance = services.workspace_create(name=serializer.validated_data["name"], owner=self.request.user)
        self.request._sparklio_roles = None

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.perform_create(serializer)
        data = WorkspaceSerializer(serializer.instance, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED)

    def perform_update(self, serializer):
        serializer.instance = services.workspace_update(
            workspace=serializer.instance, name=serializer.validated_data.get("name", serializer.instance.name)
        )

    def perform_destroy(self, instance):
        services.workspace_delete(workspace=instance)

    @extend_schema(responses=MembershipSerializer(many=True), summary="List members")
    @action(detail=True, methods=["get"], url_path="members", filter_backends=[])
    def members(self, request, pk=None):
        workspace = self.get_object()
        page = self.paginate_queryset(selectors.membership_list(workspace=workspace))
        return self.get_paginated_response(MembershipSerializer(page, many=True).data)

    @extend_schema(
        request=MembershipInputSerializer,
        responses={200: MembershipSerializer, 201: MembershipSerializer},
        summary="Add a member or change a member's role (owners only)",
    )
    @members.mapping.post
    def add_member(self, request, pk=None):
        workspace = self.get_object()
        require_role(request, workspace.pk, Role.OWNER)
        data = MembershipInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        membership, created = services.membership_set(workspace=workspace, **data.validated_data)
        return Response(
            MembershipSerializer(membership).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    @extend_schema(request=None, responses={204: None}, summary="Remove a member (owners only)")
    @action(detail=True, methods=["delete"], url_path=r"members/(?P<user_id>\d+)")
    def remove_member(self, request, pk=None, user_id=None):
        workspace = self.get_object()
        require_role(request, workspace.pk, Role.OWNER)
        membership = get_object_or_404(workspace.memberships, user_id=user_id)
        services.membership_remove(membership=membership)
        return Response(status=status.HTTP_204_NO_CONTENT)
