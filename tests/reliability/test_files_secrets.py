"""Files and secrets: the server reads and serves only what it should, uploads are cleaned, keys never leak.

Path traversal is tried through the file route, through FileData references
in API calls (as a hand-made client would send them), through upload names
and through item ids. The key check captures every log record at DEBUG
level while an LLM endpoint with a fake key fails.
"""

from __future__ import annotations

import json
import logging
import urllib.parse
import uuid
from pathlib import Path

import httpx
import pytest
from gradio_client import Client

from agents.config import AgentConfig
from agents.turns import Turn
from tests.reliability.hostile import safe_text
from tests.reliability.servers import FAKE_KEY, endpoints, free_port, queue_call

pytestmark = pytest.mark.slow


def _library_files(home: Path) -> list[Path]:
    files = [p for p in home.glob("libraries/*/*/gallery.sqlite")] + [p for p in home.glob("libraries/*/*/index/*")
                                                                      if p.is_file()]
    assert files, "the shared library should exist"
    return files


def _get(live, path: str) -> httpx.Response:
    return httpx.get(live.url + "gradio_api/file=" + path, timeout=30)


def test_file_route_serves_only_gallery_thumbnails_assets_and_uploads(live, assistant):
    thumb = assistant.new_session().reset().results[0].thumbnail
    assert thumb and _get(live, thumb).status_code == 200  # positive control: an allowed file is served
    home = str(live.home)
    db = _library_files(live.home)[0]
    forbidden = ["/etc/passwd", str(db), *map(str, _library_files(live.home)),
                 f"{home}/catalog/../{db.relative_to(live.home)}", f"{home}/thumbnails/../{db.relative_to(live.home)}",
                 urllib.parse.quote(f"{home}/thumbnails/../../../../etc/passwd", safe=""),
                 f"{home}/thumbnails/%2e%2e/%2e%2e/%2e%2e/etc/passwd", f"{live.gradio_tmp}/../../etc/passwd",
                 "../../../../etc/passwd", "~/.bashrc", "/proc/self/environ"]
    for path in forbidden:
        r = _get(live, path)
        assert r.status_code in (400, 403, 404), (path, r.status_code)
        assert b"root:" not in r.content and b"SQLite format" not in r.content and FAKE_KEY.encode() not in r.content


def test_api_cannot_make_the_server_read_its_own_files(live):
    """A hand-made client names server paths as 'uploads': nothing is read, the reply carries no content."""
    fns = endpoints(live.url)
    db = _library_files(live.home)[0]
    for path in ("/etc/passwd", str(db), f"{live.home}/catalog/../{db.relative_to(live.home)}", "/proc/self/environ",
                 f"{live.gradio_tmp}/../../etc/passwd"):
        since = len(live.log)
        msg = queue_call(live.url, fns["send"], ["like this", [{"path": path, "meta": {"_type": "gradio.FileData"}}],
                                                 "", "", None], uuid.uuid4().hex[:11])
        text = json.dumps(msg)
        assert not msg.get("success"), (path, text[:500])  # refused before any handler runs
        assert "root:" not in text and "SQLite" not in text and FAKE_KEY not in text and "Traceback" not in text
        assert "is not an image" not in live.text(since)  # the handler never saw (so never read) the file
        assert "Traceback" not in live.text(since), live.text(since)[-2000:]  # refused with a message, not a crash


@pytest.mark.parametrize("name", ["../../../../pwned_{tag}.png", "..\\..\\pwned_{tag}.png", "%2e%2e%2fpwned_{tag}.png",
                                  "<img src=x onerror=alert(1)>_{tag}.png", "/etc/passwd_{tag}", "\x00evil_{tag}.png"],
                         ids=["dotdot", "backslash", "encoded", "markup", "absolute", "nul"])
def test_upload_names_cannot_escape_the_upload_folder(live, uploads, name):
    tag = uuid.uuid4().hex[:8]
    name = name.format(tag=tag)
    data = (uploads / "plain0.png").read_bytes()
    r = httpx.post(live.url + "gradio_api/upload", files={"files": (name, data, "image/png")}, timeout=30)
    if r.status_code != 200:  # refusing the name outright is fine too
        assert "Traceback" not in r.text
        return
    stored = Path(r.json()[0]).resolve()
    assert stored.is_relative_to(Path(live.gradio_tmp).resolve()), stored
    for root in (Path("/"), Path("/tmp"), live.home, live.home.parent, Path(live.gradio_tmp).parent):
        assert not list(root.glob(f"*pwned_{tag}*")), root
    client = Client(live.url, verbose=False)
    reply = client.predict("like this", [{"path": str(stored), "meta": {"_type": "gradio.FileData"}}], "",
                           api_name="/send")
    assert reply["error"] is None and reply["results"], reply["message"]  # a real image under any name works
    assert not safe_text(reply["message"]) and str(live.gradio_tmp) not in reply["message"]


def test_bad_upload_with_a_markup_name_is_not_echoed_as_markup(live):
    """The refusal names the file; a name made of markup must not come back as markup (API clients render it)."""
    r = httpx.post(live.url + "gradio_api/upload", timeout=30,
                   files={"files": ("<img src=x onerror=alert(1)>.png", b"not an image", "image/png")})
    assert r.status_code == 200
    client = Client(live.url, verbose=False)
    reply = client.predict("like this", [{"path": r.json()[0], "meta": {"_type": "gradio.FileData"}}], "",
                           api_name="/send")
    assert reply["error"], reply
    assert "<" not in reply["message"] and ">" not in reply["message"], reply["message"]


def test_item_ids_are_numbers_only(live):
    client = Client(live.url, verbose=False)
    client.predict("a red dress", [], "", api_name="/send")
    for bad in ("../../etc/passwd", "1; DROP TABLE items", "/etc/passwd"):
        try:
            reply = client.predict("like", bad, api_name="/act")
        except Exception as e:  # Gradio's own input validation: a generic error, never a trace or file content
            text = str(e)
        else:
            text = json.dumps(reply)
        assert "root:" not in text and "Traceback" not in text and 'File "' not in text, text[:500]
    ok = client.predict("a blue shirt", [], "", api_name="/send")
    assert ok["error"] is None and ok["results"]


def test_uploads_are_deleted_when_no_longer_needed():
    """Gradio keeps every upload forever unless the Blocks is built with ``delete_cache``."""
    from app.server import make_demo
    from app.settings import Settings

    settings = Settings()
    demo = make_demo(settings, factory=lambda progress: None)  # the factory is only called on first use
    assert demo.delete_cache is not None, "uploads are never deleted"
    frequency, age = demo.delete_cache
    assert 0 < frequency <= age <= settings.session_ttl_s


def test_api_key_never_reaches_logs_or_replies(assistant, monkeypatch, caplog):
    from agents.session import Assistant

    monkeypatch.setenv("OPENAI_API_KEY", FAKE_KEY)
    closed = free_port()
    cfg = AgentConfig(results=8, reformulator="llm", llm=f"openai:gpt-test@http://127.0.0.1:{closed}/v1",
                      llm_timeout_s=5)
    caplog.set_level(logging.DEBUG)
    for name in ("openai", "httpx", "httpcore", "langchain", "chatlens", "agents", "app"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    a = Assistant.build(agents=cfg, library=assistant.library)
    s = a.new_session()
    s.reset()
    replies = [s.step(Turn(text="a red dress")), s.step(Turn(text="not striped"))]
    assert all(r.error is None and "language model unavailable" in r.explanation[0] for r in replies)
    assert caplog.records, "nothing was logged: the capture is not working"
    seen = caplog.text + "".join(json.dumps(r.to_dict(), default=str) for r in replies)
    seen += repr(a.reformulator) + repr(getattr(a.reformulator, "model", "")) + json.dumps(s.to_dict(), default=str)
    assert FAKE_KEY not in seen and FAKE_KEY[-12:] not in seen


def test_live_server_never_shows_the_key(live):
    page = httpx.get(live.url, timeout=30).text + httpx.get(live.url + "config", timeout=30).text
    info = httpx.get(live.url + "gradio_api/info", timeout=30).text
    assert FAKE_KEY not in page + info + live.text()
