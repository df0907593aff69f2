"""The demo encoder's fast text path (retrieval/demo_text.py): same vectors and rankings as open_clip's, and a
text query in a new process imports neither open_clip nor torchvision, transformers or torch._dynamo."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from retrieval import demo_encoder, demo_text

ROOT = Path(__file__).resolve().parents[2]
QUERIES = ["a red dress", "Crimson  gown &amp; a\tbelt", "x", "", "a navy coat with white stripes " * 12,
           "ümlaut café naïve", "something to wear at a wedding", "TWO dots"]
CAPTIONS = ["a red dress with white dots", "a navy striped coat", "a green jumper", "a black leather jacket",
            "a yellow summer dress", "a grey wool scarf", "a pink blouse with flowers", "a white wedding gown",
            "blue jeans", "a brown checked shirt"]


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    path = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CHATLENS_HOME", str(path))
        mp.setenv("HF_HUB_OFFLINE", "1")
        yield path


@pytest.fixture(scope="module")
def cold(home):
    """The first build in a data folder: open_clip's model, and the trace written for the next start."""
    assert demo_encoder.is_trained(), "the checkpoint is committed"
    return demo_encoder.DemoEncoder("demo")


def test_first_build_writes_the_trace_and_text_equals_open_clip(cold, home):
    assert demo_text.trace_path(64).is_file() and demo_text.trace_path(64).is_relative_to(home)
    assert cold._text is not None
    fast, slow = cold.encode_texts(QUERIES), cold.full().encode_texts(QUERIES)
    assert fast.shape == slow.shape == (len(QUERIES), cold.dim)
    np.testing.assert_allclose(fast, slow, atol=1e-6)
    for q in QUERIES:  # the same token ids as open_clip's tokenizer, cut to the longest text
        ids = cold._text.tokens([q])
        assert (ids == cold.full().tokenizer([q])[:, : ids.shape[1]]).all()


def test_a_text_ranking_is_the_same_with_the_lazy_path(cold):
    gallery = cold.full().encode_texts(CAPTIONS)  # stands in for item vectors
    fresh = demo_encoder.DemoEncoder("demo")  # a cached start: text through the trace, no open_clip model yet
    assert fresh._full is None and fresh._text is not None
    lazy = np.argsort(-(fresh.encode_texts(QUERIES) @ gallery.T), axis=1, kind="stable")
    before = np.argsort(-(cold.full().encode_texts(QUERIES) @ gallery.T), axis=1, kind="stable")
    assert (lazy == before).all()
    assert lazy[0, 0] == CAPTIONS.index("a red dress with white dots")
    assert fresh._full is None  # text alone never built the image tower


def test_image_tower_loads_on_first_image(cold):
    fresh = demo_encoder.DemoEncoder("demo")
    image = Image.new("RGB", (96, 96), (200, 30, 30))
    assert fresh._full is None
    vec = fresh.encode_images([image])
    assert fresh._full is not None and vec.shape == (1, fresh.dim)
    np.testing.assert_allclose(vec, cold.encode_images([image]), atol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(vec, axis=1), 1.0, atol=1e-5)


def test_a_damaged_trace_is_written_again(cold, tmp_path, monkeypatch):
    monkeypatch.setenv("CHATLENS_HOME", str(tmp_path))
    path = demo_text.trace_path(64)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a torchscript archive")
    enc = demo_encoder.DemoEncoder("demo")  # logs the damaged file, builds open_clip's model, traces again
    assert enc._full is not None and enc._text is not None and path.stat().st_size > 1_000_000
    np.testing.assert_allclose(enc.encode_texts(QUERIES[:3]), cold.encode_texts(QUERIES[:3]), atol=1e-6)
    assert demo_encoder.DemoEncoder("demo")._full is None  # the next start is fast again


def test_a_text_query_in_a_new_process_imports_no_open_clip(cold, home):
    code = (
        "import json, sys\n"
        "from retrieval.encoders import get_encoder\n"
        "vec = get_encoder('demo').encode_texts(['a red dress'])\n"
        "heavy = ['open_clip', 'torchvision', 'transformers', 'torch._dynamo', 'timm']\n"
        "print(json.dumps({'loaded': [m for m in heavy if m in sys.modules], 'vec': vec[0].tolist()}))\n"
    )
    env = {**os.environ, "CHATLENS_HOME": str(home), "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["loaded"] == []
    np.testing.assert_allclose(np.array(got["vec"]), cold.full().encode_texts(["a red dress"])[0], atol=1e-6)


def test_a_first_text_turn_after_a_cached_start_imports_no_open_clip(cold, home):
    """The whole first turn (Assistant.build + Session.step) in a new process over a cached demo gallery.

    Only open_clip is checked: the lexicon's background warm-up may import sentence-transformers (and with it
    transformers and torchvision) while the turn runs; it never imports open_clip."""
    code = (
        "import json, os, sys\n"
        "from agents.config import AgentConfig\n"
        "from agents.session import Assistant\n"
        "from agents.turns import Turn\n"
        "from retrieval.config import RetrievalConfig\n"
        "cfg = RetrievalConfig(encoder='demo', demo_size=40, candidate_pool=40)\n"
        "reply = Assistant.build(cfg, AgentConfig()).new_session().step(Turn(text='a red dress'))\n"
        "print(json.dumps({'open_clip': 'open_clip' in sys.modules, 'ids': [r.id for r in reply.results]}), flush=True)\n"
        "os._exit(0)  # not waiting for the lexicon's warm-up thread\n"
    )
    env = {**os.environ, "CHATLENS_HOME": str(home), "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    runs = [subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True,
                           timeout=600) for _ in range(2)]  # the first renders and indexes the gallery (open_clip)
    for out in runs:
        assert out.returncode == 0, out.stderr[-2000:]
    first, cached = (json.loads(out.stdout.strip().splitlines()[-1]) for out in runs)
    assert first["open_clip"] and first["ids"]
    assert not cached["open_clip"] and cached["ids"] == first["ids"]
