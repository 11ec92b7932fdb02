"""What a chat message is, for feedback, without importing ``chat``.

``chat`` sits above ``learning`` (STYLE.md: imports flow chat → agents → generators → learning →
documents → brands). Feedback on a chat answer still goes through the one endpoint
``POST /api/v1/feedback/``, so the chat app registers a resolver here when it is ready
(``chat/apps.py``): given a message id and the workspaces the caller may see, it answers the
message's workspace, its session's brand and its text, or None when there is no such message
there. Learning then stores the text with the feedback and never needs chat's models. With no
resolver registered (chat not installed) feedback on messages is refused with a 400 naming
``chat_message``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass


@dataclass(frozen=True)
class MessageTarget:
    id: int
    workspace_id: int
    brand_id: int | None
    text: str
    # written by the assistant: only answers are rated (a user's own question is no brand copy)
    answer: bool = True


MessageResolver = Callable[[int, Collection[int]], MessageTarget | None]

_resolver: MessageResolver | None = None


def register_message_resolver(resolver: MessageResolver) -> None:
    global _resolver
    _resolver = resolver


def message_resolver() -> MessageResolver | None:
    return _resolver
