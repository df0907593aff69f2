"""A real browser (Debian's /usr/bin/chromium, headless, via Playwright) against the real server.

Types a request, sees thumbnails, uploads a reference photo, clicks a quick
answer, opens a result and uses it as a reference; saves a screenshot to
``test-artifacts/``. ``test_browser_layout.py`` covers the layout at phone and
desktop widths and the result viewer.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
EXAMPLE = ROOT / "assets" / "examples" / "example_1.png"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 30_000

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"),
]


@contextmanager
def chromium(width: int = 1400, height: int = 1000) -> Iterator:
    """A headless Debian Chromium context with the suite's flags and timeout; ``context.requests`` lists every
    URL the pages asked for (recorded before DNS, so hosts that do not exist show up too)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        context = browser.new_context(viewport={"width": width, "height": height})
        context.set_default_timeout(TIMEOUT_MS)
        requests: list[str] = []
        context.on("request", lambda r: requests.append(r.url))
        context.requests = requests  # type: ignore[attr-defined]
        yield context
        browser.close()


@pytest.fixture
def page():
    with chromium() as context:
        yield context.new_page()


def _bot_rows(page) -> int:
    return page.locator("#chat .message-row.bot-row").count()


def _wait_reply(page, before: int) -> str:
    """Wait for a new assistant message and return its text."""
    page.wait_for_function(
        "n => document.querySelectorAll('#chat .message-row.bot-row').length > n", arg=before, timeout=TIMEOUT_MS)
    return page.locator("#chat .message-row.bot-row").last.inner_text()


def _send(page, text: str) -> str:
    before = _bot_rows(page)
    box = page.locator("#message textarea")
    box.fill(text)
    box.press("Enter")
    return _wait_reply(page, before)


def test_chat_upload_quick_answer_and_result_actions(live_server, page):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(live_server.url)
    page.wait_for_selector("#chat .message-row.bot-row")  # the greeting

    # 1. type a request: thumbnails appear with captions, the "why" panel shows the query
    reply = _send(page, "a red dress")
    assert "Traceback" not in reply and reply.strip()
    page.wait_for_selector("#results .thumbnail-item img")
    assert page.locator("#results .thumbnail-item").count() >= 4
    captions = page.locator("#results .caption-label").all_inner_texts()
    assert captions and all(c.strip() for c in captions)
    assert "red" in page.locator("#why").inner_text().lower()
    assert "a red dress" in page.locator("#chat").inner_text()

    # 2. upload a reference photo mid-conversation
    page.locator("#message input[type=file]").set_input_files(str(EXAMPLE))
    page.wait_for_selector("#message img")  # the upload preview
    reply = _send(page, "like this, but in navy")
    assert "Traceback" not in reply
    page.wait_for_selector("#chat .user-row img")  # the photo shows in the dialogue

    # 3. click a quick answer for the current question
    quick = page.locator("#quick-answers button.quick-answer:visible")
    quick.first.wait_for()
    label = quick.first.inner_text().strip()
    question = page.locator("#chat .message-row.bot-row").last.inner_text().strip()  # asked in the chat, once
    assert label and "?" in question
    before = _bot_rows(page)
    quick.first.click()
    _wait_reply(page, before)
    assert label in page.locator("#chat .message-row.user-row").last.inner_text()

    # 4. select a result and use it as a reference
    like = page.locator("#act-like")
    assert not like.is_visible()  # the actions come with an opened result
    page.locator("#results .thumbnail-item").first.click()
    page.wait_for_function("() => document.querySelector('#act-like')?.disabled === false")
    selected = page.locator("#selection").inner_text()
    assert "Selected:" in selected
    before = _bot_rows(page)
    like.click()
    _wait_reply(page, before)
    assert "More like this" in page.locator("#chat .message-row.user-row").last.inner_text()
    page.wait_for_selector("#results .thumbnail-item img")
    page.wait_for_selector("#viewer", state="detached")  # the new results clear the selection and close the viewer
    assert not like.is_visible()

    # 5. talk to the assistant: what it understood, then take the click back
    assert "So far I'm searching for" in _send(page, "what did you understand?")
    reply = _send(page, "undo")
    assert "took back" in reply and "More like this" in reply

    page.screenshot(path=str(ARTIFACTS / "browser_e2e.png"), full_page=True)
    assert (ARTIFACTS / "browser_e2e.png").stat().st_size > 10_000
    assert "Traceback" not in page.content()
