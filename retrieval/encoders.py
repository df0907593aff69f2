"""Encoders turn images and texts into unit vectors in one shared space.

One protocol, a plain dict registry keyed by name prefix (the way open_clip
resolves model configs), and three built-in families:

- ``demo``: the checkpoint bundled in ``assets/`` (``retrieval.demo_encoder``);
- ``openclip:<arch>/<pretrained tag or local checkpoint>``: any open_clip model,
  loaded through open_clip's own factory and cache (``<arch>/random`` builds
  random-init weights from the config: for tests only);
- ``hash:<dim>``: a deterministic fake for tests (like llm's ``EmbedDemo``),
  whose rankings are predictable and which needs no torch at all.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np
from PIL import Image

from .errors import ChatLensError, ModelUnavailableError, UnknownNameError
from .registry import Registry


@runtime_checkable
class Encoder(Protocol):
    name: str  # registry name that built it; recorded by every index it fills
    dim: int  # embedding dimension
    fingerprint: str  # identity of the weights ("" when the name says it all); library folders are keyed by it

    def encode_images(self, images: Sequence[Image.Image]) -> np.ndarray:
        """Unit-normalised float32 array (len(images), dim)."""
        ...

    def encode_texts(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-normalised float32 array (len(texts), dim)."""
        ...


@runtime_checkable
class PreparesImages(Protocol):
    """An encoder whose CPU preprocessing can run apart from its forward pass (ingestion overlaps the two)."""

    def prepare_images(self, images: Sequence[Image.Image]) -> Any:
        """Preprocessed batch (thread-safe)."""
        ...

    def encode_prepared(self, batch: Any) -> np.ndarray:
        """Unit vectors for the output of ``prepare_images`` (or any row subset of it)."""
        ...


EncoderFactory = Callable[[str], Encoder]
# Name prefix -> ``factory(name)``; the built-ins are entered like any other, imported on first use.
_REGISTRY: Registry[EncoderFactory] = Registry(
    "encoder",
    {"demo": "retrieval.demo_encoder:demo_factory", "openclip": "retrieval.encoders:openclip_factory",
     "hash": "retrieval.encoders:hash_factory"},
    usage={"openclip": "openclip:<arch>/<pretrained>", "hash": "hash:<dim>"},
)
_CACHE: dict[str, Encoder] = {}
_LOCK = threading.Lock()


def register_encoder(prefix: str, factory: EncoderFactory | str) -> None:
    """``factory(name)`` builds the encoder for ``prefix`` or ``prefix:<args>`` (or a ``"module:attr"`` naming it)."""
    _REGISTRY.register(prefix, factory)


def list_encoders() -> list[str]:
    """Registered prefixes, each with an example argument where one is needed."""
    return _REGISTRY.list()


def get_encoder(name: str) -> Encoder:
    """The encoder registered under ``name``'s prefix, built once per name and cached."""
    with _LOCK:
        if name in _CACHE:
            return _CACHE[name]
        enc = _REGISTRY.get(name.split(":", 1)[0], asked=name)(name)
        _CACHE[name] = enc
        return enc


def _normalise(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.maximum(norms, 1e-12)


def set_cpu_threads() -> int:
    """Torch threads: all cores but one (left to the decode/preprocess pipeline and the UI), unless the user set
    OMP_NUM_THREADS. On 2 busy cores, 2 torch threads next to the decode thread ingested 41 images/s, 1 thread 124
    (scripts/bench_retrieval.py --sections ingest)."""
    import torch

    if not os.environ.get("OMP_NUM_THREADS"):
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        torch.set_num_threads(max(1, cores - 1))
    return torch.get_num_threads()


# --- hash: deterministic fake ---------------------------------------------------------------------

_WORD = re.compile(r"[a-z0-9]+")


class HashEncoder:
    """Test encoder: texts are hashed bags of words, images a fixed projection of colour histograms.

    Deterministic across processes and machines; two texts sharing words, or two
    images with similar colours, are close. Text and image spaces are unrelated,
    so use it for plumbing tests, never for quality.
    """

    fingerprint = ""

    def __init__(self, dim: int, name: str | None = None):
        if dim < 2:
            raise ValueError("hash encoder needs dim >= 2")
        self.dim = dim
        self.name = name or f"hash:{dim}"
        rng = np.random.default_rng(dim)
        self._proj = rng.standard_normal((64 + 48, dim)).astype(np.float32)  # histogram + 4x4 thumbnail

    def _word_vector(self, word: str) -> np.ndarray:
        h = hashlib.blake2b(word.encode(), digest_size=8).digest()
        v = np.zeros(self.dim, np.float32)
        v[int.from_bytes(h[:4], "little") % self.dim] = 1.0 if h[4] & 1 else -1.0
        return v

    def encode_texts(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), np.float32)
        for i, t in enumerate(texts):
            for w in _WORD.findall(t.lower()):
                out[i] += self._word_vector(w)
            if not out[i].any():
                out[i] = self._word_vector("<empty>")
        return _normalise(out)

    def encode_images(self, images: Sequence[Image.Image]) -> np.ndarray:
        feats = np.zeros((len(images), 64 + 48), np.float32)
        for i, im in enumerate(images):
            small = np.asarray(im.convert("RGB").resize((16, 16), Image.BILINEAR), dtype=np.int64)
            bins = (small // 64).reshape(-1, 3)
            hist = np.bincount(bins[:, 0] * 16 + bins[:, 1] * 4 + bins[:, 2], minlength=64)
            feats[i, :64] = hist / hist.sum()
            feats[i, 64:] = small.reshape(4, 4, 4, 4, 3).mean(axis=(1, 3)).reshape(-1) / 255.0 - 0.5
        return _normalise(feats @ self._proj)


def hash_factory(name: str) -> Encoder:
    arg = name.split(":", 1)[1] if ":" in name else "64"
    if not arg.isdigit():
        raise UnknownNameError("encoder", name, list_encoders())
    return HashEncoder(int(arg), name)


# --- open_clip models (demo checkpoint and hub models) --------------------------------------------


class OpenClipEncoder:
    """Wraps an open_clip model with its preprocess and tokenizer: batched, no grad, unit vectors."""

    def __init__(self, name: str, model: Any, preprocess: Callable, tokenizer: Callable, batch_size: int = 64):
        import torch

        set_cpu_threads()
        self.name = name
        self.model = model.eval()
        self.preprocess = preprocess
        self.tokenizer = tokenizer
        self.batch_size = batch_size
        self.fingerprint = ""  # weights identity, when known (library caches are keyed by it)
        self.device = next(model.parameters()).device
        self._channels_last = self.device.type == "cpu"
        if self._channels_last:  # oneDNN convolutions run ~2x faster on CPU in NHWC (demo tower: 3.7 -> 1.9 ms/img)
            self.model = self.model.to(memory_format=torch.channels_last)
        with torch.inference_mode():
            self.dim = int(model.encode_text(tokenizer(["probe"]).to(self.device)).shape[-1])

    def _run(self, fn: Callable, batches: list) -> np.ndarray:
        import torch

        outs = []
        with torch.inference_mode():
            for b in batches:
                outs.append(fn(b.to(self.device)).float().cpu().numpy())
        return _normalise(np.concatenate(outs) if outs else np.zeros((0, self.dim), np.float32))

    def prepare_images(self, images: Sequence[Image.Image]) -> Any:
        """CPU preprocessing alone (thread-safe), so ingestion can overlap it with the forward pass."""
        import torch

        if not images:
            return torch.zeros((0, 3, 1, 1))
        return torch.stack([self.preprocess(im.convert("RGB")) for im in images])

    def encode_prepared(self, batch: Any) -> np.ndarray:
        """Unit vectors for the output of ``prepare_images`` (or any row subset of it)."""
        import torch

        bs = self.batch_size
        fmt = torch.channels_last if self._channels_last else torch.contiguous_format
        chunks = [batch[i : i + bs].contiguous(memory_format=fmt) for i in range(0, len(batch), bs)]
        return self._run(self.model.encode_image, chunks)

    def encode_images(self, images: Sequence[Image.Image]) -> np.ndarray:
        return self.encode_prepared(self.prepare_images(images))

    def encode_texts(self, texts: Sequence[str]) -> np.ndarray:
        bs = self.batch_size
        batches = [trim_padding(self.model, self.tokenizer(list(texts[i : i + bs]))) for i in range(0, len(texts), bs)]
        return self._run(self.model.encode_text, batches)


def trim_padding(model: Any, tokens: Any) -> Any:
    """Cut a token batch to its longest text for Hugging Face text towers (their pooling masks padding out).

    open_clip pads every text to the context length; for a query of eight words that is most of
    the cost (the demo tower: ~4x faster). Native CLIP towers are left as they are.
    """
    config = getattr(getattr(model, "text", None), "config", None)
    pad = getattr(config, "pad_token_id", None)
    if pad is None or tokens.ndim != 2:
        return tokens
    width = max(int((tokens != pad).sum(1).max()), 1)
    return tokens[:, :width]


def _predownload_hint(arch: str, tag: str) -> str:
    return (
        f"open_clip model {arch!r} with weights {tag!r} is not in the local cache and cannot be downloaded "
        f"(offline). Pre-download it on a machine with network: "
        f"python -c \"import open_clip; open_clip.create_model_and_transforms('{arch}', pretrained='{tag}')\" "
        f"then copy the Hugging Face cache (~/.cache/huggingface, or $HF_HOME) here; "
        f"or pass a local checkpoint: --encoder openclip:{arch}/path/to/weights.bin"
    )


def load_openclip(arch: str, pretrained: str | None, device: str = "cpu") -> tuple[Any, Callable, Callable]:
    """(model, preprocess, tokenizer) through open_clip's factory; clear errors for unknown or uncached models."""
    import open_clip

    if arch not in open_clip.list_models():
        raise UnknownNameError("open_clip architecture", arch, open_clip.list_models())
    if pretrained and not Path(pretrained).is_file():
        tags = open_clip.list_pretrained_tags_by_model(arch)
        if pretrained not in tags:
            raise UnknownNameError(f"pretrained tag for {arch}", pretrained, [*tags, "random", "<checkpoint path>"])
        try:  # download (or find in cache) first, so that failures are about the weights, not the model
            from open_clip.pretrained import download_pretrained, get_pretrained_cfg

            if not download_pretrained(get_pretrained_cfg(arch, pretrained)):
                raise RuntimeError("no download location")
        except ChatLensError:
            raise
        except Exception as exc:
            raise ModelUnavailableError(_predownload_hint(arch, pretrained)) from exc
    model, _, preprocess = open_clip.create_model_and_transforms(arch, pretrained=pretrained, device=device)
    return model, preprocess, open_clip.get_tokenizer(arch)


def openclip_factory(name: str) -> Encoder:
    spec = name.split(":", 1)[1] if ":" in name else ""
    arch, _, pretrained = spec.partition("/")
    if not arch or not pretrained:
        raise UnknownNameError("encoder", name, list_encoders())
    model, preprocess, tokenizer = load_openclip(arch, None if pretrained == "random" else pretrained)
    return OpenClipEncoder(name, model, preprocess, tokenizer)
