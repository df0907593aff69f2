"""Errors raised at the agents boundary: the dialogue and the language models behind it.

One hierarchy with ``retrieval.errors`` (re-exported here, so agents code and its callers import
from one place): ``UserFacingError`` messages are safe to show in the chat. ``LLMError`` is how a chat
model fails for one turn; the session goes on with the offline engine and says why in words that
never carry the model's own text.
"""

from __future__ import annotations

from retrieval.errors import BadImageError, ChatLensError, ModelUnavailableError, UnknownNameError, UserFacingError

__all__ = ["AgentError", "BadImageError", "ChatLensError", "LLMAnswerError", "LLMError", "LLMTimeout",
           "ModelUnavailableError", "UnknownNameError", "UserFacingError"]


class AgentError(ChatLensError):
    """Base of the errors the agents raise on purpose."""


class LLMError(AgentError):
    """A chat model gave no usable answer this turn; ``str()`` is a fixed phrase, safe to show."""


class LLMTimeout(LLMError):
    """No answer within the configured time."""


class LLMAnswerError(LLMError):
    """The model answered, but the answer cannot be used (too long, or it named nothing in the vocabulary)."""
