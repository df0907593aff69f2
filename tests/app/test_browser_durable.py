"""Real Chromium: the user's own text stays text (nothing it names is fetched), and a chat survives reloads and restarts.

Every request the page makes is recorded (``context.on("request")`` sees a
request before DNS, so hosts that do not exist still show up); none may go to
a host the user typed. The restart test runs its own server on the e2e data
folder, kills it mid-conversation and starts it again on the same port: the
BrowserState token brings the same dialogue, results and beliefs back.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.app.conftest import e2e_backend
from tests.app.test_browser import CHROMIUM, _bot_rows, _send, _wait_reply, chromium

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"),
]

HOSTILE = {  # message -> the host it names
    "![x](http://md-image.evil.example/a.png) a red dress": "md-image.evil.example",
    "<img src=http://html-img.evil.example/b.png> a red dress": "html-img.evil.example",
    "<img src=x onerror=\"fetch('http://onerror.evil.example/c')\"> a dress": "onerror.evil.example",
    "<iframe src=http://iframe.evil.example/></iframe> a coat": "iframe.evil.example",
    "[click](http://link.evil.example/d) <video src=http://video.evil.example/v.mp4></video> a hat": "video.evil.example",
}


@pytest.fixture
def browser_context():
    with chromium() as context:
        yield context


def _chat(page) -> list[str]:
    return [t.strip() for t in page.locator("#chat .message-row").all_inner_texts()]


def test_user_text_is_shown_as_text_and_fetches_nothing(live_server, browser_context):
    page = browser_context.new_page()
    page.goto(live_server.url, wait_until="load")
    page.wait_for_selector("#chat .message-row.bot-row")
    for message in HOSTILE:
        reply = _send(page, message)
        assert reply.strip() and "Traceback" not in reply
        shown = page.locator("#chat .message-row.user-row").last
        assert shown.inner_text().strip() == message  # the literal characters, not rendered markup
        assert shown.locator("img, iframe, video, a").count() == 0
    page.wait_for_timeout(1500)  # give any lazy fetch time to start
    typed = set(HOSTILE.values()) | {"link.evil.example"}
    hosts = {urlparse(u).hostname for u in browser_context.requests}
    assert not hosts & typed, hosts & typed
    assert all(h in ("127.0.0.1", "localhost", None) for h in hosts), hosts  # nothing left this machine at all


@pytest.fixture
def own_server(live_server):
    """The shared e2e server, which this test kills and starts again (same port, same data folder): the tests
    after it use the restarted server, so a restart that loses anything shows up there too."""
    if e2e_backend() != "real":
        pytest.skip("the fake assistant does not restore sessions")
    return live_server


def test_reload_and_restart_bring_the_same_chat_back(own_server, browser_context):
    since = len(own_server.log)
    page = browser_context.new_page()
    page.goto(own_server.url, wait_until="load")
    page.wait_for_selector("#chat .message-row.bot-row")
    _send(page, "a red dress")
    _send(page, "with long sleeves")
    page.wait_for_selector("#results .thumbnail-item img")
    chat = _chat(page)
    captions = page.locator("#results .caption-label").all_inner_texts()
    why = page.locator("#why").inner_text()
    assert "red" in why.lower()

    page.reload(wait_until="load")  # a reload: the page asks for its token's chat
    page.wait_for_function("n => document.querySelectorAll('#chat .message-row').length >= n", arg=len(chat))
    assert _chat(page) == chat
    page.wait_for_selector("#results .thumbnail-item img")
    assert page.locator("#results .caption-label").all_inner_texts() == captions
    assert page.locator("#why").inner_text() == why

    own_server.restart(kill=True)  # SIGKILL: nothing is flushed on the way out
    page.reload(wait_until="load")
    page.wait_for_function("n => document.querySelectorAll('#chat .message-row').length >= n", arg=len(chat))
    assert _chat(page) == chat
    assert page.locator("#why").inner_text() == why
    before = _bot_rows(page)
    page.locator("#message textarea").fill("now in blue")
    page.locator("#message textarea").press("Enter")
    reply = _wait_reply(page, before)
    assert "expired" not in reply.lower() and "Traceback" not in reply
    after_why = page.locator("#why").inner_text().lower()
    assert "blue" in after_why and "dress" in after_why  # the new colour on top of the beliefs from before
    assert _chat(page)[: len(chat)] == chat  # the dialogue goes on below what was said before the restart
    assert "Traceback" not in own_server.text(since)


def test_upload_limit_reads_the_same_in_the_page_and_the_docs(live_server, browser_context, tmp_path):
    """The limit is 20 MiB, so Gradio's own message says 20 (it was "19.1 Mb" for 20,000,000 bytes)."""
    big = tmp_path / "big.png"
    big.write_bytes(b"\x89PNG" + b"\0" * (21 * 2**20))
    page = browser_context.new_page()
    page.goto(live_server.url, wait_until="load")
    page.wait_for_selector("#chat .message-row.bot-row")
    page.locator("#message input[type=file]").set_input_files(str(big))
    toast = page.locator(".toast-body").first
    toast.wait_for()
    assert "20.0 Mb" in toast.inner_text(), toast.inner_text()
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert "| upload size per file | 20 MB" in readme
