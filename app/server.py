"""Serving: the real Assistant factory, the paths the server may serve, the queue, launch.

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

from app.handlers import AssistantLike, AssistantProvider, ProgressFn
from app.settings import Settings
from app.ui import ASSETS, CSS, build_ui

log = logging.getLogger(__name__)


def assistant_factory(settings: Settings) -> Callable[[ProgressFn | None], AssistantLike]:
    """``progress -> Assistant`` for the configured profile; agents is imported only when building."""

    def build(progress: ProgressFn | None = None) -> AssistantLike:
        from agents.session import Assistant

        return Assistant.build(settings.retrieval, settings.agents, progress=progress)

    return build


def allowed_paths(settings: Settings, assistant: Any | None = None) -> list[str]:
    """Folders the server may serve files from: assets, the gallery's images and the thumbnail cache.

    Not the whole data folder (indexes, SQLite): an Assistant that knows its
    folders says so with ``served_paths()``; otherwise they follow the
    library's layout (``<data_dir>/catalog`` for the demo, ``<data_dir>/thumbnails``).
    """
    data_dir = Path(settings.retrieval.data_dir)
    paths: list[Path] = [ASSETS]
    served = getattr(assistant, "served_paths", None)
    images = getattr(getattr(assistant, "library", None), "images", None)
    if callable(served):
        paths += [Path(p) for p in served()]
    else:
        if images is not None:
            paths.append(Path(images))
        elif settings.retrieval.gallery is not None:
            paths.append(Path(settings.retrieval.gallery))
        else:
            paths.append(data_dir / "catalog")
        paths.append(data_dir / "thumbnails")
    out: list[str] = []
    for p in paths:
        s = str(p.expanduser().resolve())
        if s not in out:
            out.append(s)
    return out


def tqdm_progress(desc: str = "ChatLens") -> tuple[ProgressFn, Callable[[], None]]:
    """A ``(fraction, message)`` callback drawing one tqdm bar, and a function closing it."""
    from tqdm.auto import tqdm

    bar = tqdm(total=100, desc=desc, unit="%", bar_format="{desc}: {percentage:3.0f}%|{bar}| {postfix}")

    def update(frac: float, message: str) -> None:
        bar.n = int(max(0.0, min(1.0, float(frac))) * 100)
        bar.set_postfix_str(message[:60], refresh=False)
        bar.refresh()

    return update, bar.close


def make_demo(settings: Settings, factory: Callable[[ProgressFn | None], AssistantLike] | None = None) -> gr.Blocks:
    """The Blocks app with its queue configured; the Assistant is built on first use (or by ``serve``)."""
    provider = AssistantProvider(factory or assistant_factory(settings), settings.agents)
    demo = build_ui(provider, settings)
    demo.queue(default_concurrency_limit=settings.concurrency, max_size=settings.queue_size)
    return demo


def launch_kwargs(settings: Settings, assistant: Any | None = None) -> dict[str, Any]:
    return {
        "server_name": settings.host,
        "server_port": settings.port or None,
        "share": settings.share,
        "allowed_paths": allowed_paths(settings, assistant),
        "max_file_size": settings.agents.max_upload_bytes,
        "show_error": False,
        "ssr_mode": False,
        "enable_monitoring": False,
        "css": CSS,
        "quiet": True,
        "footer_links": ["api"],
    }


def serve(settings: Settings, demo: gr.Blocks | None = None, *, block: bool = True,
          factory: Callable[[ProgressFn | None], AssistantLike] | None = None) -> tuple[gr.Blocks, str]:
    """Build (unless lazy), then launch; returns the app and its local URL (when ``block`` is False)."""
    t0 = time.perf_counter()
    demo = demo or make_demo(settings, factory)
    provider: AssistantProvider = demo.chatlens_provider  # type: ignore[attr-defined]
    assistant = None
    if settings.prebuild:
        update, close = tqdm_progress("preparing gallery")
        try:
            assistant = provider.get(update)
        finally:
            close()
    else:
        provider.warm_in_background()
    _, url, share_url = demo.launch(prevent_thread_lock=True, **launch_kwargs(settings, assistant))
    log.info("ChatLens serving at %s (ready in %.1f s)", url, time.perf_counter() - t0)
    print(f"ChatLens is ready at {share_url or url}  ({time.perf_counter() - t0:.1f} s)", flush=True)
    if block:
        try:
            demo.block_thread()
        finally:
            demo.close()
    return demo, url
