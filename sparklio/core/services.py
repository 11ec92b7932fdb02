from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.exceptions import PermissionDenied, ValidationError

from sparklio.core import events
from sparklio.core.models import ApiToken, Membership, Role, User, Workspace

DEFAULT_TOKEN_NAME = "default"  # the token a password sign-in answers when it names none
TOKEN_NAME_MAX_LENGTH = ApiToken._meta.get_field("name").max_length
TOKEN_LAST_USED_RESOLUTION = timedelta(minutes=1)


@transaction.atomic
def user_register(*, username: str, email: str, password: str) -> User:
    """Create a user after Django's password validators accept the password. Usernames and
    e-mail addresses are unique whatever their letter case."""
    if not settings.SPARKLIO_OPEN_SIGNUP:
        raise PermissionDenied(_("Open sign-up is turned off on this server."))
    # Sign-ups take turns (they are rare), so two at once with one name or address in different
    # letter cases cannot both pass the checks below: the second waits here, then sees the first.
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext('sparklio.signup'))")
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": [_("A user with that username already exists.")]})
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": [_("An account with that e-mail address already exists.")]})
    candidate = User(username=username, email=email)
    _password_check(password, user=candidate)
    return User.objects.create_user(username=username, email=email, password=password)


def _password_check(password: str, *, user: User) -> None:
    try:
        validate_password(password, user=user)
    except DjangoValidationError as exc:
        raise ValidationError({"password": list(exc.messages)}) from exc


@transaction.atomic
def user_password_change(*, user: User, password: str, token_name: str = DEFAULT_TOKEN_NAME) -> ApiToken:
    """Set a new password (Django's validators first). Every token of the user is revoked, so
    their other sessions and sockets close; the caller gets a fresh token named ``token_name``."""
    _password_check(password, user=user)
    user.set_password(password)
    user.save(update_fields=["password"])
    token_revoke_all(user=user)
    return ApiToken.objects.create(user=user, name=token_name, key=ApiToken.generate_key())


def _token_name_check(name: str) -> str:
    name = name.strip()
    if not name:
        raise ValidationError({"name": ["A token needs a name (the browser or integration it is for)."]})
    if len(name) > TOKEN_NAME_MAX_LENGTH:
        raise ValidationError({"name": [f"At most {TOKEN_NAME_MAX_LENGTH} characters."]})
    return name


@transaction.atomic
def token_issue(*, user: User, name: str = DEFAULT_TOKEN_NAME) -> ApiToken:
    """The user's token of that name (what signing in with a password answers), created when
    missing and replaced by a fresh one when it has expired."""
    name = _token_name_check(name)
    # the user's row serialises sign-ins of one user, so two at once cannot both create the name
    User.objects.select_for_update().filter(pk=user.pk).first()
    token = ApiToken.objects.filter(user=user, name=name).first()
    if token is not None and token.expires > timezone.now():
        return token
    if token is not None:
        token.delete()
        events.access_changed(user_id=user.pk, token=True)
    return ApiToken.objects.create(user=user, name=name, key=ApiToken.generate_key())


@transaction.atomic
def token_create(*, user: User, name: str) -> ApiToken:
    """A new named token for one more browser or integration; a name the user already gave
    another token is refused (400 naming ``name``)."""
    name = _token_name_check(name)
    User.objects.select_for_update().filter(pk=user.pk).first()
    if ApiToken.objects.filter(user=user, name=name).exists():
        raise ValidationError({"name": [f"You already have a token named {name!r}; revoke it or pick another name."]})
    return ApiToken.objects.create(user=user, name=name, key=ApiToken.generate_key())


def token_mark_used(*, token: ApiToken, now) -> bool:
    """Note when a token was last used: a hint for the token list, not an audit log, so it is
    written at most once a minute per token. True when it was written."""
    if token.last_used is None or token.last_used <= now - TOKEN_LAST_USED_RESOLUTION:
        token.last_used = now
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
        return True
    return False


@transaction.atomic
def token_revoke(*, token: ApiToken) -> None:
    """Delete one token; the sockets it opened close (4401) once this commits, the user's other
    tokens and their sockets stay."""
    token.delete()
    events.access_changed(user_id=token.user_id, token=True)


def tokens_prune(*, now=None) -> int:
    """Delete every token past its expiry (``created`` + SPARKLIO_TOKEN_TTL); the number deleted.
    An expired token already opens nothing and its sockets closed when it expired: this only
    keeps the table to the tokens that still count."""
    now = now or timezone.now()
    deleted, _by_model = ApiToken.objects.filter(created__lte=now - settings.SPARKLIO_TOKEN_TTL).delete()
    return deleted


@transaction.atomic
def token_revoke_all(*, user: User) -> None:
    """Delete every token of the user; all their token sockets close (4401) once this commits."""
    ApiToken.objects.filter(user=user).delete()
    events.access_changed(user_id=user.pk, token=True)


@transaction.atomic
def workspace_create(*, name: str, owner: User) -> Workspace:
    workspace = Workspace.objects.create(name=name, created_by=owner)
    Membership.objects.create(workspace=workspace, user=owner, role=Role.OWNER)
    return workspace


def workspace_update(*, workspace: Workspace, name: str) -> Workspace:
    workspace.name = name
    workspace.save(update_fields=["name"])
    return workspace


@transaction.atomic
def membership_set(*, workspace: Workspace, username: str, role: str) -> tuple[Membership, bool]:
    """Add a user to the workspace, or change their role. Returns (membership, created).

    The workspace row is locked so two owners demoting each other at once cannot leave
    it without an owner.
    """
    Workspace.objects.select_for_update().get(pk=workspace.pk)
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise ValidationError({"username": [_("No active user named %(username)s.") % {"username": repr(username)}]})
    membership = Membership.objects.filter(workspace=workspace, user=user).first()
    if membership is None:
        return Membership.objects.create(workspace=workspace, user=user, role=role), True
    if membership.role == Role.OWNER and role != Role.OWNER:
        _ensure_another_owner(workspace=workspace, leaving=membership)
    if membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
        # a lowered role closes the member's sockets of this workspace (4403); they reconnect
        events.access_changed(user_id=user.pk, workspace_id=workspace.pk)
    return membership, False


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    """Remove a member; their open sockets of this workspace close (4403) once this commits."""
    Workspace.objects.select_for_update().get(pk=membership.workspace_id)
    if membership.role == Role.OWNER:
        _ensure_another_owner(workspace=membership.workspace, leaving=membership)
    membership.delete()
    events.access_changed(user_id=membership.user_id, workspace_id=membership.workspace_id)


@transaction.atomic
def workspace_delete(*, workspace: Workspace) -> None:
    """Delete a workspace and everything in it; its members' sockets close once this commits."""
    member_ids = list(workspace.memberships.values_list("user_id", flat=True))
    workspace_id = workspace.pk
    workspace.delete()
    for user_id in member_ids:
        events.access_changed(user_id=user_id, workspace_id=workspace_id)


def _ensure_another_owner(*, workspace: Workspace, leaving: Membership) -> None:
    others = workspace.memberships.filter(role=Role.OWNER).exclude(pk=leaving.pk)
    if not others.exists():
        raise ValidationError({"role": [_("A workspace must keep at least one owner.")]})
