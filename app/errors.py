"""Errors raised at the app boundary: settings read from flags and env vars, and request values an API client sent.

One hierarchy with ``agents.errors`` and ``retrieval.errors`` (the shared names are re-exported here, so app code
imports its errors from one place): ``UserFacingError`` messages are safe to show in the chat or an API reply;
``ChatLensError`` is what the CLI turns into a one-line message and an exit code.
"""

from __future__ import annotations

from agents.errors import ChatLensError, ModelUnavailableError, UserFacingError

__all__ = ["AppError", "BadValue", "ChatLensError", "ModelUnavailableError", "SettingsError", "UserFacingError"]


class AppError(ChatLensError):
    """Base of the errors the app raises on purpose."""


class SettingsError(AppError, ValueError):
    """A setting that cannot be served (an unknown profile, the hub profile without a photo folder).

    A ``ValueError`` too, as argparse and pydantic-settings report bad values: ``chatlens run`` prints it, exits 2.
    """


class BadValue(UserFacingError, AppError, ValueError):
    """A request value of the wrong type or out of range (``app.api``); the message is safe to show, and the
    request changed nothing."""
