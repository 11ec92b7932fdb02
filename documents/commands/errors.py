"""The errors of editor commands."""

from __future__ import annotations

from rest_framework import status
from rest_framework.exceptions import APIException


class CommandNotUnderstood(APIException):
    """Neither the rules nor the model turned the command into a change; nothing is written."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "not_understood"

    def __init__(self, reason: str):
        super().__init__(reason)
        self.extra = {"understood": False}


class OperationError(ValueError):
    """An operation does not fit the document (an unknown id, a text change on a shape...)."""
