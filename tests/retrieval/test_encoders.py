"""Encoder registry, the hash test encoder, a tiny random-init open_clip model, and offline errors."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image

from retrieval import encoders
from retrieval.encoders import Encoder, HashEncoder, get_encoder, list_encoders, register_encoder
from retrieval.errors import ModelUnavailableError, UnknownNameError, UserFacingError

TINY = {
    "embed_dim": 16,
    "vision_cfg": {"image_size": 32, "layers": 1, "width": 32, "patch_size": 16, "head_width": 16},
    "text_cfg": {"context_length": 16, "vocab_size": 49408, "width": 32, "heads": 2, "layers": 1},
}


@pytest.fixture(autouse=True)
def _offline(tmp_path, monkeypatch):
    monkeypatch.setenv("CHATLENS_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hf" / "hub"))
    try:
        import huggingface_hub.constants as hc

        monkeypatch.setattr(hc, "HF_HUB_OFFLINE", True)
        monkeypatch.setattr(hc, "HF_HUB_CACHE", str(tmp_path / "hf" / "hub"))
    except ImportError:
        pass
    monkeypatch.setattr(encoders, "_CACHE", {})
    monkeypatch.setattr(encoders, "_REGISTRY", encoders._REGISTRY.copy())


@pytest.fixture
def tiny_openclip(tmp_path):
    """Registers a tiny open_clip config (random init, never downloaded), the way open_clip's own tests do."""
    import open_clip

    cfg_dir = tmp_path / "cfg"
    cfg_dir.mkdir()
    (cfg_dir / "chatlens-tiny-test.json").write_text(json.dumps(TINY))
    open_clip.add_model_config(cfg_dir)
    return "chatlens-tiny-test"


def _images(n: int) -> list[Image.Image]:
    rng = np.random.default_rng(0)
    return [Image.fromarray(rng.integers(0, 255, (24, 24, 3), dtype=np.uint8)) for _ in range(n)]


def test_registry_names_and_unknown_names():
    names = list_encoders()
    assert "demo" in names and any(n.startswith("openclip:") for n in names) and any(n.startswith("hash:") for n in names)
    with pytest.raises(UnknownNameError) as info:
        get_encoder("word2vec:300")
    assert "demo" in str(info.value) and "openclip" in str(info.value)
    with pytest.raises(UnknownNameError):
        get_encoder("hash:abc")


def test_register_and_cache_per_name():
    made = []

    def factory(name: str) -> Encoder:
        made.append(name)
        return HashEncoder(8, name)

    register_encoder("mine", factory)
    a, b = get_encoder("mine:x"), get_encoder("mine:x")
    assert a is b and made == ["mine:x"]
    assert get_encoder("mine:y") is not a and "mine" in list_encoders()


def test_hash_encoder_is_deterministic_unit_and_meaningful():
    enc = get_encoder("hash:64")
    assert isinstance(enc, Encoder) and enc.dim == 64 and enc.name == "hash:64"
    t = enc.encode_texts(["red dress", "a red dress", "blue jeans", ""])
    assert t.dtype == np.float32 and t.shape == (4, 64)
    assert np.allclose(np.linalg.norm(t, axis=1), 1, atol=1e-5)
    assert t[0] @ t[1] > t[0] @ t[2]
    assert np.array_equal(t, HashEncoder(64).encode_texts(["red dress", "a red dress", "blue jeans", ""]))
    reds = [Image.new("RGB", (20, 20), (250, 10, 10)), Image.new("RGB", (30, 30), (240, 20, 5))]
    blue = Image.new("RGB", (20, 20), (10, 10, 250))
    v = enc.encode_images([*reds, blue])
    assert v.shape == (3, 64) and np.allclose(np.linalg.norm(v, axis=1), 1, atol=1e-5)
    assert v[0] @ v[1] > v[0] @ v[2]


def test_tiny_openclip_from_config_real_code_path(tiny_openclip):
    enc = get_encoder(f"openclip:{tiny_openclip}/random")
    assert enc.dim == 16 and enc.name == f"openclip:{tiny_openclip}/random"
    imgs = enc.encode_images(_images(5))
    txt = enc.encode_texts(["a red dress", "blue jeans", "x"])
    assert imgs.shape == (5, 16) and txt.shape == (3, 16)
    assert imgs.dtype == np.float32 and txt.dtype == np.float32
    assert np.allclose(np.linalg.norm(imgs, axis=1), 1, atol=1e-4)
    assert np.allclose(np.linalg.norm(txt, axis=1), 1, atol=1e-4)
    enc.batch_size = 2  # batching must not change results
    assert np.allclose(enc.encode_images(_images(5)), imgs, atol=1e-5)
    assert enc.encode_images([]).shape == (0, 16)


def test_local_checkpoint_path(tiny_openclip, tmp_path):
    import open_clip
    import torch

    model = open_clip.create_model(tiny_openclip)
    ckpt = tmp_path / "tiny.pt"
    torch.save({"state_dict": model.state_dict()}, ckpt)
    enc = get_encoder(f"openclip:{tiny_openclip}/{ckpt}")
    with torch.inference_mode():
        want = model.eval().encode_text(open_clip.get_tokenizer(tiny_openclip)(["hello"])).numpy()
    assert np.allclose(enc.encode_texts(["hello"]), want / np.linalg.norm(want), atol=1e-5)


def test_uncached_hub_model_offline_says_how_to_predownload():
    with pytest.raises(ModelUnavailableError) as info:
        get_encoder("openclip:ViT-B-32/laion2b_s34b_b79k")
    msg = str(info.value)
    assert "ViT-B-32" in msg and "laion2b_s34b_b79k" in msg and "Pre-download" in msg
    assert isinstance(info.value, UserFacingError)


def test_unknown_architecture_or_tag():
    with pytest.raises(UnknownNameError, match="ViT-B-32"):
        get_encoder("openclip:ViT-Nope/laion2b_s34b_b79k")
    with pytest.raises(UnknownNameError, match="laion2b_s34b_b79k"):
        get_encoder("openclip:ViT-B-32/not-a-tag")
    with pytest.raises(UnknownNameError):
        get_encoder("openclip:ViT-B-32")  # weights must be named (random init only on request)
