"""The API adapter: every value a client sends is checked here, before any handler sees it.

Gradio passes JSON values through (``gr.JSON``) or coerces them (``gr.Textbox``
makes anything a string), so the types, ranges and special floats (NaN, inf,
1e400) a client could send are validated with pydantic and refused with a
message naming the field. What a value means (is the item shown, is the
message too long) is still decided by ``Session.step``.
"""

from __future__ import annotations

import math
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from agents.session_store import is_token
from app.errors import BadValue

__all__ = ["BadValue", "act_args", "image_bytes", "send_args", "token_arg"]

MAX_ITEM_ID = 2**63 - 1  # gallery ids are SQLite integers


class _Args(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @field_validator("token", mode="before", check_fields=False)
    @classmethod
    def _token(cls, v: Any) -> str | None:
        if v is None or v == "":
            return None
        if not is_token(v):
            raise ValueError("must be a token returned by an earlier reply (32 letters, digits, '-' or '_')")
        return v


def _result_id(v: Any) -> int | None:
    """A result's id as JSON may carry it: a whole number (``3.0`` too); None when absent."""
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise ValueError(f"must be a whole number (a result's id), not {type(v).__name__}")
    if isinstance(v, float) and not (math.isfinite(v) and v.is_integer()):
        raise ValueError("must be a whole number (a result's id), not NaN, infinity or a fraction")
    return int(v)


class SendArgs(_Args):
    message: str = Field(default="", description="what the user says")
    answer_to: str = Field(default="", max_length=64, description="facet of the question a quick answer answers")
    token: str | None = None
    looking_at: int | None = Field(default=None, ge=0, le=MAX_ITEM_ID,
                                   description='the id of a shown result the message calls "this"')

    _looking_at = field_validator("looking_at", mode="before")(_result_id)


class ActArgs(_Args):
    action: str = Field(max_length=64, description='"like", "reject" or "found"')
    item_id: int | None = Field(default=None, ge=0, le=MAX_ITEM_ID, description="a result's id")
    token: str | None = None

    _whole_number = field_validator("item_id", mode="before")(_result_id)


class TokenArgs(_Args):
    token: str | None = None


def _checked(model: type[BaseModel], **values: Any) -> Any:
    try:
        return model.model_validate(values)
    except ValidationError as e:
        err = e.errors()[0]
        field = ".".join(str(p) for p in err.get("loc", ())) or "request"
        msg = err.get("msg", "is not valid").removeprefix("Value error, ")
        raise BadValue(f"Invalid {field}: {msg}. Nothing was changed.") from None


def send_args(message: Any, answer_to: Any, token: Any, looking_at: Any = None) -> SendArgs:
    return _checked(SendArgs, message="" if message is None else message,
                    answer_to="" if answer_to is None else answer_to, token=token, looking_at=looking_at)


def act_args(action: Any, item_id: Any, token: Any) -> ActArgs:
    return _checked(ActArgs, action="" if action is None else action, item_id=item_id, token=token)


def token_arg(token: Any) -> str | None:
    return _checked(TokenArgs, token=token).token


MAX_IMAGE_TEXT = 30 * 2**20  # base64 of the 20 MB upload limit, with room; longer strings are refused unread


def image_bytes(images: Any) -> list[bytes]:
    """MCP images: base64 strings or ``data:image/...;base64,`` URIs, decoded. URLs are refused (never fetched:
    the server would become a proxy into its own network)."""
    import base64
    import binascii

    if images is None or images == "":
        return []
    if not isinstance(images, list) or not all(isinstance(i, str) for i in images):
        raise BadValue("Invalid images: must be a list of base64 strings or data: URIs. Nothing was changed.")
    out = []
    for i, text in enumerate(images, 1):
        if text.startswith(("http://", "https://", "file:", "/")):
            raise BadValue(f"Invalid images: image {i} is a URL or path; send the image itself as base64 "
                           "(URLs are not fetched). Nothing was changed.")
        if len(text) > MAX_IMAGE_TEXT:
            raise BadValue(f"Invalid images: image {i} is over the upload limit. Nothing was changed.")
        payload = text.split(",", 1)[1] if text.startswith("data:") and "," in text else text
        try:
            out.append(base64.b64decode(payload, validate=True))
        except (binascii.Error, ValueError):
            raise BadValue(f"Invalid images: image {i} is not valid base64. Nothing was changed.") from None
    return out
