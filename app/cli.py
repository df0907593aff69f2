"""The ``chatlens`` command: ``run`` (default) serves the app; ``index`` and ``bench`` delegate.

``chatlens`` with no arguments starts the demo profile on http://127.0.0.1:7860.
``index`` and ``bench`` are imported lazily so ``run --help`` stays quick.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Sequence

STARTED = time.perf_counter()  # cold start is reported from here (before gradio/torch are imported)

USAGE = """usage: chatlens [run] [options]     serve the chat UI and API (default; see `chatlens run --help`)
       chatlens index ...              index a folder of photos (see `chatlens index --help`)
       chatlens bench ...              run the retrieval / dialogue benchmarks (see `chatlens bench --help`)
"""


def _run(argv: Sequence[str]) -> int:
    from app.settings import parse_run_args

    try:
        settings = parse_run_args(argv)
    except ValueError as e:
        print(f"chatlens run: {e}", file=sys.stderr)
        return 2
    from app.errors import ChatLensError
    from app.splash import Splash

    # The port answers at once with a "starting" page (importing gradio takes seconds); gradio takes it over.
    splash = Splash.start(settings.host, settings.port)
    if splash is not None:
        settings.port = splash.port  # a requested 0 (any free port) is now a known one
        print(f"ChatLens is starting at http://{settings.host}:{splash.port}/", flush=True)
    from app.provider import AssistantProvider, assistant_factory

    provider = AssistantProvider(assistant_factory(settings.retrieval, settings.agents), settings.agents)
    update, close = tqdm_progress("preparing gallery")
    try:
        # gradio first, the assistant's build after the page is up: building beside gradio's import (threads
        # share the GIL) delayed the page by ~4 s and did not bring the first answer sooner on 2 busy cores
        from app.server import serve

        serve(settings, provider=provider, started=STARTED, progress=update,
              before_launch=splash.close if splash is not None else None)
    except ChatLensError as e:  # missing weights, unknown encoder, bad gallery folder: say what to do
        print(f"chatlens run: {e}", file=sys.stderr)
        return 1
    finally:
        close()
        if splash is not None:
            splash.close()
    return 0


def tqdm_progress(desc: str) -> tuple[Callable[[float, str], None], Callable[[], None]]:
    """A ``(fraction, message)`` callback drawing one tqdm bar (created on first use), and a closer."""
    bar = None

    def update(frac: float, message: str) -> None:
        nonlocal bar
        if bar is None:
            from tqdm.auto import tqdm

            bar = tqdm(total=100, desc=desc, unit="%", bar_format="{desc}: {percentage:3.0f}%|{bar}| {postfix}")
        bar.n = int(max(0.0, min(1.0, float(frac))) * 100)
        bar.set_postfix_str(message[:60], refresh=False)
        bar.refresh()
        if frac >= 1.0:
            close()

    def close() -> None:
        nonlocal bar
        if bar is not None:
            bar.close()
            bar = None

    return update, close


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "urllib3", "gradio"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    command = argv[0] if argv and not argv[0].startswith("-") else "run"
    rest = argv[1:] if argv and argv[0] == command else argv
    if command == "run":
        return _run(rest)
    if command == "index":
        from retrieval.library import main as index_main

        return int(index_main(rest) or 0)
    if command == "bench":
        from agents.bench import main as bench_main

        return int(bench_main(rest) or 0)
    if command in ("help", "-h", "--help"):
        print(USAGE)
        return 0
    print(f"chatlens: unknown command {command!r}\n{USAGE}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
