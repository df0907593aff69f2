"""``chatlens run`` on the fake assistant: the live-server tests' fallback before the real agents exist."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.server import serve  # noqa: E402
from app.settings import parse_run_args  # noqa: E402
from tests.app.fakes import fake_factory  # noqa: E402

if __name__ == "__main__":
    settings = parse_run_args(sys.argv[1:])
    serve(settings, factory=fake_factory(Path(settings.retrieval.data_dir) / "fake_gallery", settings.agents))
