"""`chatlens run --mcp`: send/act/reset are MCP tools, described for an AI agent, and a real MCP client can search.

The schema comes from Gradio's ``/gradio_api/mcp/schema``; the client is the
official ``mcp`` SDK over streamable HTTP on localhost. Conversations carry
on by token (an MCP call has no browser session).
"""

from __future__ import annotations

import asyncio
import base64
import io
import json

import httpx
import pytest

pytestmark = pytest.mark.slow
pytest.importorskip("mcp", reason="`chatlens run --mcp` needs the mcp package (pip install 'chatlens[mcp]')")


@pytest.fixture
def mcp_server(live):
    """The suite's shared server, which serves MCP too (``--mcp``, tests/reliability/conftest.py)."""
    return live


def test_mcp_schema_lists_the_tools_and_their_parameters(mcp_server):
    schema = httpx.get(mcp_server.url + "gradio_api/mcp/schema", timeout=30).json()
    tools = {t["name"]: t for t in schema if t["meta"]["mcp_type"] == "tool"}  # the page's stateful API is not a tool
    assert set(tools) == {"send", "act", "reset"}
    assert {t["meta"]["endpoint_name"] for t in tools.values()} == {"mcp_send", "mcp_act", "mcp_reset"}
    props = {name: t["inputSchema"]["properties"] for name, t in tools.items()}
    assert set(props["send"]) == {"message", "images", "answer_to", "token", "looking_at"}
    assert set(props["act"]) == {"action", "item_id", "token"}
    assert set(props["reset"]) == {"token"}
    assert tools["send"]["inputSchema"]["required"] == ["message"]
    assert props["act"]["item_id"]["type"] == "integer"
    for t in tools.values():
        assert len(t["description"]) > 40
        assert all(p.get("description") for p in t["inputSchema"]["properties"].values()), t["name"]
    assert "token" in props["send"]["token"]["description"] and "like" in props["act"]["action"]["description"]


def _photo_uri() -> str:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buf, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


PHOTO = _photo_uri()


def _reply(result) -> dict:
    assert not result.isError, result
    texts = [c.text for c in result.content if getattr(c, "type", "") == "text"]
    return json.loads(texts[0])


def test_a_real_mcp_client_holds_a_conversation(mcp_server):
    since = len(mcp_server.log)
    from mcp import ClientSession
    from mcp.client.streamable_http import streamablehttp_client

    async def conversation() -> tuple[set, dict, dict, dict]:
        async with streamablehttp_client(mcp_server.url + "gradio_api/mcp/") as (read, write, _):
            async with ClientSession(read, write) as session:
                await session.initialize()
                names = {t.name for t in (await session.list_tools()).tools}
                first = _reply(await session.call_tool("send", {"message": "a red dress"}))
                more = _reply(await session.call_tool("send", {"message": "with long sleeves",
                                                                "token": first["token"]}))
                liked = _reply(await session.call_tool("act", {"action": "like", "item_id": more["results"][0]["id"],
                                                              "token": first["token"]}))
                photo = _reply(await session.call_tool("send", {"message": "like this but in black",
                                                                 "images": [PHOTO], "token": first["token"]}))
                url = _reply(await session.call_tool("send", {"message": "like this",
                                                               "images": ["http://127.0.0.1:9/x.png"]}))
                this = photo["results"][1]["id"]
                rejected = _reply(await session.call_tool("send", {"message": "not this one", "looking_at": this,
                                                                    "token": first["token"]}))
                stale = _reply(await session.call_tool("send", {"message": "like this but in red", "looking_at": this,
                                                                 "token": first["token"]}))
                return names, first, more, liked, photo, url, (this, rejected, stale)

    names, first, more, liked, photo, url, (this, rejected, stale) = asyncio.run(conversation())
    assert rejected["error"] is None and this not in [r["id"] for r in rejected["results"]]  # "this": the named result
    assert stale["error"] and "isn't among the ones shown" in stale["message"]  # no longer shown: refused, by name
    assert photo["error"] is None and any("your photo" in e for e in photo["explanation"]), photo
    assert url["error"] == "invalid" and "not fetched" in url["message"]
    assert names == {"send", "act", "reset"}
    assert first["error"] is None and first["results"] and first["token"]
    assert more["session"] == first["session"] and "colour: red" in more["explanation"]  # the same conversation
    assert liked["error"] is None and liked["session"] == first["session"]
    assert any("starting from result" in e for e in liked["explanation"]), liked["explanation"]
    assert "Traceback" not in mcp_server.text(since)
