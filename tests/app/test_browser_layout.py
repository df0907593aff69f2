"""The first minute of a visitor, in a real browser at phone (390 px) and desktop (1400 px) widths.

After a first message: on the phone the first result starts within the first
screen (no scrolling), on the desktop chat and results sit side by side; the
assistant's question occurs once in the visible text; a result opens larger
with its whole caption, its facet values and the three actions, by mouse and by
keyboard; the About panel exists, says what the catalog holds and folds away.
Screenshots go to ``test-artifacts/layout_<width>.png``.
"""

from __future__ import annotations

import re

import pytest

from retrieval.catalog.schema import CATEGORY_FACETS
from tests.app.test_browser import ARTIFACTS, CHROMIUM, FLAGS, TIMEOUT_MS, _send

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"),
]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1400, "height": 1000}
FIRST_MESSAGE = "a striped hoodie"
VIEWER_OPEN = "(document.getElementById('viewer')?.getClientRects().length ?? 0) > 0"
SCORE_SUFFIX = re.compile(r"\s*\(-?\d+\.\d+\)$")  # gallery captions end with the score, "(0.87)"
POSITION = re.compile(r"^(\d+)\.\s+")  # and start with the result's number, "3. ", as the chat names it


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        yield b
        b.close()


def _open_page(browser, url: str, viewport: dict):
    context = browser.new_context(viewport=viewport)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.wait_for_selector("#chat .message-row.bot-row")  # the greeting
    return context, page


def _top_in_page(page, selector: str) -> float:
    return page.evaluate(f"() => document.querySelector('{selector}').getBoundingClientRect().top + window.scrollY")


def _viewer_open(page) -> bool:
    return page.evaluate(f"() => {VIEWER_OPEN}")


def _question_of(reply: str) -> str:
    """The question the assistant asked: the last sentence of its message ending with a question mark."""
    asked = re.findall(r"[^.!?\n]+\?", reply)
    assert asked, f"the first reply asks nothing: {reply!r}"
    return asked[-1].strip()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone-390", "desktop-1400"])
def test_first_minute_layout_viewer_and_about(live_server, browser, viewport):
    ARTIFACTS.mkdir(exist_ok=True)
    context, page = _open_page(browser, live_server.url, viewport)
    try:
        # The About panel is there and open on arrival, and says what the catalog holds (from the schema).
        about = page.locator("#about")
        assert about.is_visible()
        text = about.inner_text()
        assert f"{len(CATEGORY_FACETS)} kinds of garment and accessory" in text
        assert "chatlens index" in text and "--gallery" in text and "--llm" in text

        reply = _send(page, FIRST_MESSAGE)
        page.wait_for_selector("#results .thumbnail-item img")
        page.wait_for_function("() => !document.querySelector('#about .label-wrap.open')")  # folded away
        assert "chatlens index" not in page.locator("#about").inner_text()
        page.evaluate("() => window.scrollTo(0, 0)")

        # Where the results are.
        first = _top_in_page(page, "#results .thumbnail-item")
        screen = page.evaluate("() => window.innerHeight")
        print(f"\n{viewport['width']} px: first result top edge at {first:.0f} px, screen height {screen} px")
        if viewport is PHONE:  # within the first screen, and above the message box pinned to its bottom
            box = page.locator("#message").bounding_box()
            print(f"message box top at {box['y']:.0f} px")
            assert first <= screen, f"first result at {first:.0f} px, below the first screen ({screen} px)"
            assert first + 40 <= box["y"], f"first result at {first:.0f} px, hidden by the message box at {box['y']:.0f}"
        else:
            chat, results = page.locator("#chat").bounding_box(), page.locator("#results").bounding_box()
            assert results["x"] >= chat["x"] + chat["width"] and abs(results["y"] - chat["y"]) < 40

        # The question occurs once in what the page shows: in the latest message, not again outside the chat.
        question = _question_of(reply)
        in_page = page.locator("body").inner_text().count(question)
        in_chat = page.locator("#chat").inner_text().count(question)
        assert reply.count(question) == 1 and in_page == in_chat, (question, in_page, in_chat)
        page.screenshot(path=str(ARTIFACTS / f"layout_{viewport['width']}.png"), full_page=False)

        # Look closer: a click opens the first result with its whole caption, facet values and actions.
        label = page.locator("#results .caption-label").first.inner_text().strip()
        assert POSITION.match(label).group(1) == "1", label
        caption = POSITION.sub("", SCORE_SUFFIX.sub("", label))
        assert caption
        page.locator("#results .thumbnail-item").first.click()
        page.wait_for_function(f"() => {VIEWER_OPEN}")
        shown = page.locator("#viewer-caption .viewer-caption")
        shown.wait_for()
        assert shown.inner_text().strip() == caption
        assert page.evaluate("() => { const e = document.querySelector('#viewer-caption .viewer-caption');"
                             " return e.scrollWidth <= e.clientWidth + 1; }")  # not cut
        assert page.locator("#viewer-caption td").count() >= 2  # facet names and values
        page.wait_for_function("() => document.querySelector('#act-like')?.disabled === false")
        for action in ("like", "reject", "found"):
            assert page.locator(f"#viewer #act-{action}").is_visible()
        page.locator("#viewer img").first.wait_for()
        page.screenshot(path=str(ARTIFACTS / f"viewer_{viewport['width']}.png"), full_page=False)

        # Keyboard: focus moved into the viewer; Escape closes it; Enter on a thumbnail opens it again.
        page.wait_for_function("() => document.getElementById('viewer')?.contains(document.activeElement)")
        for key in ["Tab"] * 8 + ["Shift+Tab"] * 8:  # focus stays in the open viewer
            page.keyboard.press(key)
            assert page.evaluate("() => document.getElementById('viewer').contains(document.activeElement)"), key
        page.keyboard.press("Escape")
        page.wait_for_function(f"() => !({VIEWER_OPEN})")
        page.locator("#results .thumbnail-item").nth(1).focus()
        page.keyboard.press("Enter")
        page.wait_for_function(f"() => {VIEWER_OPEN}")
        page.wait_for_function("() => document.getElementById('viewer')?.contains(document.activeElement)")
        assert _viewer_open(page)

        # An action from the viewer runs a turn and closes it.
        before = page.locator("#chat .message-row.bot-row").count()
        page.locator("#viewer #act-reject").click()
        page.wait_for_function("n => document.querySelectorAll('#chat .message-row.bot-row').length > n", arg=before)
        assert "Not this" in page.locator("#chat .message-row.user-row").last.inner_text()
        page.wait_for_function(f"() => !({VIEWER_OPEN})")
        assert "Traceback" not in page.content()
    finally:
        context.close()
