"""Serving: the paths the server may serve, the queue, launch.

The server only serves files from the gallery, the thumbnail cache, ``assets/``
and Gradio's own upload/cache folders (``allowed_paths``; nothing broader).
Analytics are off; errors never show tracebacks to the browser.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gradio as gr

from app.chat_state import AssistantLike
from app.provider import AssistantProvider, ProgressFn, assistant_factory
from app.settings import Settings
from app.ui import ASSETS, CSS, build_ui

log = logging.getLogger(__name__)


def allowed_paths(settings: Settings) -> list[str]:
    """Folders the server may serve files from: assets, the gallery's images and the thumbnail cache.

    Not the whole data folder (indexes, SQLite): they follow the library's layout (``<data_dir>/catalog``
    for the demo, the ``--gallery`` folder otherwise, and ``<data_dir>/thumbnails``).
    """
    data_dir = Path(settings.retrieval.data_dir)
    images = Path(settings.retrieval.gallery) if settings.retrieval.gallery is not None else data_dir / "catalog"
    paths: list[Path] = [ASSETS, images, data_dir / "thumbnails"]
    out: list[str] = []
    for p in paths:
        s = str(p.expanduser().resolve())
        if s not in out:
            out.append(s)
    return out


def make_demo(settings: Settings, factory: Callable[[ProgressFn | None], AssistantLike] | None = None,
              provider: AssistantProvider | None = None) -> gr.Blocks:
    """The Blocks app with its queue configured; the Assistant is built on first use (or by ``serve``)."""
    provider = provider or AssistantProvider(factory or assistant_factory(settings.retrieval, settings.agents), settings.agents)
    demo = build_ui(provider, settings)
    demo.queue(default_concurrency_limit=settings.concurrency, max_size=settings.queue_size)
    return demo


def launch_kwargs(settings: Settings) -> dict[str, Any]:
    return {
        "server_name": settings.host,
        "server_port": settings.port or None,
        "share": settings.share,
        "allowed_paths": allowed_paths(settings),
        "max_file_size": settings.agents.max_upload_bytes,
        "show_error": False,
        "ssr_mode": False,
        "enable_monitoring": False,
        "css": CSS,
        "quiet": True,
        "footer_links": ["api"],
        "mcp_server": settings.mcp,
    }


def serve(settings: Settings, demo: gr.Blocks | None = None, *, block: bool = True,
          factory: Callable[[ProgressFn | None], AssistantLike] | None = None,
          provider: AssistantProvider | None = None, started: float | None = None,
          progress: ProgressFn | None = None, before_launch: Callable[[], None] | None = None
          ) -> tuple[gr.Blocks, str]:
    """Launch at once (the page is served while the assistant is built), then build; returns the app and its URL.

    The build starts right after Gradio is up, so a visitor gets the page
    immediately and their first turn waits behind the build's progress
    message. With ``prebuild`` "ready" is printed once the assistant can
    answer and a build error (bad gallery, missing weights) closes the server
    and is raised, as before; lazy (the Space) builds in the background and
    reports problems in the page. ``started`` (a
    ``time.perf_counter()`` from process start) makes both lines report the
    whole cold start. ``before_launch`` runs right before Gradio binds its port (the CLI's start-up page
    hands the port over there).
    """
    t0 = started if started is not None else time.perf_counter()
    if demo is not None and provider is None:
        raise TypeError("serve(settings, demo) needs the provider the demo was built with: serve(..., provider=...)")
    provider = provider or AssistantProvider(factory or assistant_factory(settings.retrieval, settings.agents),
                                             settings.agents)
    demo = demo or make_demo(settings, provider=provider)
    if before_launch is not None:
        before_launch()
    _, url, share_url = demo.launch(prevent_thread_lock=True, **launch_kwargs(settings))
    log.info("ChatLens serving at %s (page up in %.1f s)", url, time.perf_counter() - t0)
    print(f"ChatLens page is up at {share_url or url}  ({time.perf_counter() - t0:.1f} s)", flush=True)
    if settings.prebuild:
        try:
            provider.get(progress)  # joins a warm-up in progress; raises what the build raised
        except BaseException:
            demo.close()
            raise
    elif not provider.ready:
        provider.warm_in_background()  # lazy (the Space): "ready" means the page; visitors wait behind the build
    log.info("ChatLens serving at %s (ready in %.1f s)", url, time.perf_counter() - t0)
    print(f"ChatLens is ready at {share_url or url}  ({time.perf_counter() - t0:.1f} s)", flush=True)
    if block:
        try:
            demo.block_thread()
        finally:
            demo.close()
    return demo, url
