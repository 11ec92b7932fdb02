"""Bearer tokens and workspace roles, cached briefly across requests (AUTH_CACHE_SECONDS).

Every API request needs the caller's token (with its user) and their workspace roles: two
queries before any work. They are kept in the cache (Redis when REDIS_URL is set, shared by
every process; local memory in the single embedded process) and dropped the moment they change:
a token deleted (revoke, logout, password change), a user saved (deactivated, password set), a
membership added, changed or removed, a workspace deleted. The time limit only bounds what a
change made behind the ORM's back (a raw UPDATE) can leave stale. Keys hold a hash of the token;
the entries hold neither the token nor the password hash. AUTH_CACHE_SECONDS=0 turns the cache off.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save

from sparklio.core.models import ApiToken, Membership, User
from sparklio.core.selectors import workspace_roles


def database_tag() -> str:
    """Which database the rows come from: one Redis may serve several databases (two deployments,
    or parallel test workers whose databases hand out the same user ids), and a user id means a
    different person in each."""
    db = connection.settings_dict
    return hashlib.sha256(f"{db.get('HOST')}:{db.get('PORT')}/{db.get('NAME')}".encode()).hexdigest()[:12]


def _token_key(key: str) -> str:
    return f"auth:{database_tag()}:token:" + hashlib.sha256(key.encode()).hexdigest()[:40]


def _roles_key(user_id: int) -> str:
    return f"auth:{database_tag()}:roles:{user_id}"


# What is cached of each: never the token's key (the caller holds it) nor the password hash, which
# stays deferred (read from the database if anything asks for it; a save then leaves it alone).
_TOKEN_FIELDS = [f.attname for f in ApiToken._meta.concrete_fields if f.attname != "key"]
_USER_FIELDS = [f.attname for f in User._meta.concrete_fields if f.attname != "password"]


def _entry(token: ApiToken) -> tuple:
    return (
        tuple(getattr(token, name) for name in _TOKEN_FIELDS),
        tuple(getattr(token.user, name) for name in _USER_FIELDS),
    )


def _rebuild(key: str, entry: tuple) -> ApiToken:
    token_values, user_values = entry
    token = ApiToken.from_db("default", _TOKEN_FIELDS, token_values)
    token.key = key
    token.user = User.from_db("default", _USER_FIELDS, user_values)
    return token


def token_lookup(key: str) -> ApiToken | None:
    """The token with its user, from the cache or the database (None when there is no such token)."""
    seconds = settings.AUTH_CACHE_SECONDS
    if seconds:
        entry = cache.get(_token_key(key))
        if entry is not None:
            return _rebuild(key, entry)
    token = ApiToken.objects.select_related("user").filter(key=key).first()
    if token is not None and seconds:
        cache.set(_token_key(key), _entry(token), seconds)
    return token


def token_remember(token: ApiToken) -> None:
    """Store the token as it is now (after its last_used moved)."""
    if settings.AUTH_CACHE_SECONDS:
        cache.set(_token_key(token.key), _entry(token), settings.AUTH_CACHE_SECONDS)


def _drop(keys: list[str]) -> None:
    """Drop now, and again when the transaction commits: a request that read the old rows in
    between must not leave them cached."""
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def token_forget(key: str) -> None:
    _drop([_token_key(key)])


def roles_of(user) -> dict[int, str]:
    """Workspace id → role of the user, from the cache or the database."""
    seconds = settings.AUTH_CACHE_SECONDS
    if not seconds or not user.is_authenticated:
        return workspace_roles(user=user)
    roles = cache.get(_roles_key(user.pk))
    if roles is None:
        roles = workspace_roles(user=user)
        cache.set(_roles_key(user.pk), roles, seconds)
    return roles


def roles_forget(user_id: int) -> None:
    _drop([_roles_key(user_id)])


def _token_changed(sender, instance: ApiToken, **kwargs) -> None:
    token_forget(instance.key)


def _user_changed(sender, instance: User, created=False, **kwargs) -> None:
    if created:
        return
    # Deactivated, a new password, any change: the cached copies of the user go.
    keys = [_token_key(key) for key in ApiToken.objects.filter(user_id=instance.pk).values_list("key", flat=True)]
    _drop([*keys, _roles_key(instance.pk)])


def _membership_changed(sender, instance: Membership, **kwargs) -> None:
    roles_forget(instance.user_id)


def connect() -> None:
    post_save.connect(_token_changed, sender=ApiToken, dispatch_uid="authcache-token-save")
    post_delete.connect(_token_changed, sender=ApiToken, dispatch_uid="authcache-token-delete")
    post_save.connect(_user_changed, sender=User, dispatch_uid="authcache-user-save")
    post_delete.connect(_user_changed, sender=User, dispatch_uid="authcache-user-delete")
    post_save.connect(_membership_changed, sender=Membership, dispatch_uid="authcache-membership-save")
    post_delete.connect(_membership_changed, sender=Membership, dispatch_uid="authcache-membership-delete")
