"""Errors raised at the retrieval boundary.

``UserFacingError`` messages are safe to show in the chat as they are; every
other error is logged and replaced by a generic message.
"""

from __future__ import annotations

from collections.abc import Iterable


class ChatLensError(Exception):
    """Base of every error ChatLens raises on purpose."""


class UserFacingError(ChatLensError):
    """Something the user can fix; the message is shown in the chat verbatim."""


class UnknownNameError(ChatLensError, KeyError):
    """A registry was asked for a name it does not have."""

    def __init__(self, kind: str, name: str, valid: Iterable[str]):
        self.kind, self.name, self.valid = kind, name, sorted(valid)
        super().__init__(f"unknown {kind} {name!r}; valid: {', '.join(self.valid) or '(none registered)'}")

    def __str__(self) -> str:  # KeyError would repr() the message
        return self.args[0]


class IndexMismatchError(ChatLensError):
    """An index on disk was built by another encoder (or is damaged); the fix is to re-index."""


class ModelUnavailableError(UserFacingError):
    """Weights are not cached and cannot be downloaded; the message says how to pre-download them."""


class BadImageError(UserFacingError):
    """An upload or file that is not a usable image."""
