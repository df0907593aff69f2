"""ChatLens runs from an installed wheel: imports, runtime data and the benchmark resolve from the install.

Builds a wheel of a copy of the project (offline: ``pip wheel --no-deps
--no-build-isolation`` with the environment's setuptools), installs it with
``--target`` into a temporary folder, then runs one offline session in a
fresh interpreter whose working directory is elsewhere and whose ``sys.path``
is that folder plus the environment's site-packages (``-I -S``: no
``PYTHONPATH``, no ``.pth`` files, so a development install of the repo
cannot leak in).
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SOURCES = ("pyproject.toml", "README.md", "app", "agents", "retrieval", "assets", "training")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(importlib.util.find_spec("setuptools") is None or importlib.util.find_spec("pip") is None,
                       reason="building a wheel offline needs pip and setuptools in this environment "
                              "(pip wheel --no-build-isolation cannot fetch them)"),
]

SESSION = r"""
import json, sys, threading
import assets, agents, app, retrieval
from agents.session import Assistant
from agents.turns import Turn
from app.ui import examples
from retrieval.config import RetrievalConfig
from retrieval.facets import load_facets

assistant = Assistant.build(RetrievalConfig(encoder="demo", demo_size=60, candidate_pool=60))
reply = assistant.new_session().step(Turn(text="a red dress"))
for thread in threading.enumerate():  # the MiniLM warm-up: let it finish before the interpreter shuts down
    if thread.name == "lexicon-warmup":
        thread.join()
ours = sorted({m.__file__ for name, m in sys.modules.items()
               if name.split(".")[0] in ("assets", "agents", "app", "retrieval") and getattr(m, "__file__", None)})
print(json.dumps({
    "modules": ours,
    "offline_only": sorted(n for n in sys.modules if n.split(".")[0] == "training" or n.startswith("agents.bench")),
    "error": reply.error,
    "results": [r.id for r in reply.results],
    "photo_facets": [f.name for f in load_facets().facets],
    "example_files": [f for e in examples() for f in e["files"]],
}))
"""


BENCH = """
import runpy, sys
sys.argv = ["agents.bench.retrieval", "--sections", "flat", "--queries", "5"]
runpy.run_module("agents.bench.retrieval", run_name="__main__")
"""


def test_a_session_and_the_benchmark_run_from_an_installed_wheel(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name in SOURCES:  # a copy, so the build's egg-info and build/ folders stay out of the checkout
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(REPO / name, src / name)
    dist, target, home, elsewhere = (tmp_path / d for d in ("dist", "site", "home", "elsewhere"))
    elsewhere.mkdir()
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q", "-w", str(dist), "."],
                   cwd=src, check=True, capture_output=True, timeout=300)
    wheel = next(dist.glob("chatlens-*.whl"))
    subprocess.run([*pip, "install", "--no-deps", "--no-index", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=300)

    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(CHATLENS_HOME=str(home), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", GRADIO_ANALYTICS_ENABLED="False")
    site = sysconfig.get_paths()["purelib"]
    boot = f"import sys; sys.path.insert(0, {str(target)!r}); sys.path.append({site!r})\n"  # stdlib stays
    proc = subprocess.run([sys.executable, "-I", "-S", "-c", boot + SESSION], cwd=elsewhere, env=env,
                          capture_output=True, text=True, timeout=540)
    assert proc.returncode == 0, proc.stderr[-4000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    bench = subprocess.run([sys.executable, "-I", "-S", "-c", boot + BENCH], cwd=elsewhere, env=env,
                           capture_output=True, text=True, timeout=300)

    assert out["modules"] and all(f.startswith(str(target)) for f in out["modules"]), out["modules"]
    assert out["offline_only"] == []  # a session loads no training or benchmark code
    assert out["error"] is None
    assert out["results"]  # the demo gallery was rendered, encoded with the wheel's checkpoint and searched
    assert out["photo_facets"]  # assets/facets/photos.yaml came from the wheel
    assert out["example_files"] and all(f.startswith(str(target)) and Path(f).is_file() for f in out["example_files"])
    # the retrieval benchmark is a module of the package (chatlens bench runs it with -m), not a script by path
    assert bench.returncode == 0, bench.stderr[-4000:]
    assert "faiss flat @5k, one query, k=10" in bench.stdout
