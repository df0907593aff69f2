"""Captioners: a reference photo in, a caption and its facet values out (CIReVL's first step).

``facets`` works offline: the encoder scores every facet prompt against the
image and the most likely values are described in words. ``hf:<model id>``
runs a transformers image-to-text model and reads facet values out of its
caption with the lexicon; it needs the weights cached (or a network).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

import numpy as np
from PIL import Image

from retrieval.encoders import Encoder
from retrieval.facets import FacetSet, applicable, score_facets
from retrieval.registry import Registry

from .errors import ModelUnavailableError
from .lexicon import Lexicon
from .reformulator import caption_for
from .state import Reference
from .understand import parse


@dataclass
class Caption:
    text: str
    facets: dict[str, str]  # facet -> most likely value
    vector: np.ndarray  # unit image embedding
    alternatives: dict[str, dict[str, float]] = field(default_factory=dict)  # unsure facets: value -> probability

    def as_reference(self, turn: int) -> Reference:
        """The photo as the dialogue keeps it: caption, likely values (and the unsure ones), embedding."""
        return Reference(self.text, dict(self.facets), self.vector.tolist(), turn, alternatives=dict(self.alternatives))


class Captioner(Protocol):
    name: str

    def caption(self, image: Image.Image) -> Caption: ...


class FacetCaptioner:
    name = "facets"

    def __init__(self, encoder: Encoder, facets: FacetSet, min_prob: float = 0.3, sure: float = 0.9,
                 max_values: int = 3):
        self.encoder, self.facets, self.min_prob = encoder, facets, min_prob
        self.sure, self.max_values = sure, max_values  # a facet below ``sure`` keeps its likely values

    @cached_property
    def _prompt_vecs(self) -> np.ndarray:
        """Embedded on the first photo, not at start-up."""
        return self.encoder.encode_texts([p for _, _, p in self.facets.all_prompts()])

    def read(self, vector: np.ndarray) -> tuple[dict[str, str], dict[str, dict[str, float]]]:
        """(most likely value per facet, the likely values of the facets it is unsure of).

        The second part is LDRE's point: a single best guess carries every misread into the edited
        caption; keeping the runner-up values lets the reformulator describe each reading in turn.
        """
        probs = score_facets(vector[None, :], self._prompt_vecs, self.facets)
        known: dict[str, str] = {}
        unsure: dict[str, dict[str, float]] = {}
        for f in self.facets:  # facet order puts category first, so applicability can use it
            p = probs[f.name][0]
            j = int(np.argmax(p))
            if p[j] >= self.min_prob and applicable(f, known):
                known[f.name] = f.values[j]
                if p[j] < self.sure:
                    top = [int(k) for k in np.argsort(-p)[: self.max_values] if p[k] >= 0.05]
                    unsure[f.name] = {f.values[k]: round(float(p[k]), 4) for k in top}
        return known, unsure

    def caption(self, image: Image.Image) -> Caption:
        vec = self.encoder.encode_images([image])[0]
        values, unsure = self.read(vec)
        return Caption(caption_for(values, self.facets), values, vec, unsure)


class HFCaptioner:
    """A transformers image-to-text model (e.g. ``Salesforce/blip-image-captioning-base``) by hub id or path."""

    name = "hf"

    def __init__(self, encoder: Encoder, facets: FacetSet, model: str | None = None, processor=None,
                 generator=None, lexicon: Lexicon | None = None, max_new_tokens: int = 30):
        self.encoder, self.facets = encoder, facets
        self.lexicon = lexicon or Lexicon(facets)
        self.max_new_tokens = max_new_tokens
        if generator is None or processor is None:
            processor, generator = self._load(model)
        self.processor, self.generator = processor, generator

    @staticmethod
    def _load(model: str | None):
        import transformers
        from transformers import AutoProcessor

        # transformers 5 names the auto class for captioners ImageTextToText; 4.x called it Vision2Seq
        auto = getattr(transformers, "AutoModelForImageTextToText", None) or transformers.AutoModelForVision2Seq
        try:
            processor = AutoProcessor.from_pretrained(model)
            generator = auto.from_pretrained(model, device_map="auto")
        except OSError as e:
            raise ModelUnavailableError(
                f"the captioning model {model!r} is not in the local Hugging Face cache and cannot be downloaded "
                f"here. Pre-download it on a machine with a network: `huggingface-cli download {model}`, "
                "then copy the cache (HF_HOME) over, or use --captioner facets."
            ) from e
        return processor, generator.eval()

    def caption(self, image: Image.Image) -> Caption:
        import torch

        inputs = self.processor(images=image, return_tensors="pt").to(self.generator.device)
        with torch.inference_mode():
            out = self.generator.generate(**inputs, max_new_tokens=self.max_new_tokens)
        text = self.processor.batch_decode(out, skip_special_tokens=True)[0].strip()
        values = {m.facet: m.value for m in parse(text, self.lexicon).mentions if m.positive and m.facet in self.facets}
        vec = self.encoder.encode_images([image])[0]
        return Caption(text or caption_for(values, self.facets), values, vec)


# Spec name -> ``factory(encoder, facets, **kwargs)``; ``hf:<model>`` passes the model as ``model=``.
# A captioner needs only the library's encoder (the photo's vector and its facet prompts), not the retriever.
_CAPTIONERS: Registry[Callable[..., Captioner]] = Registry(
    "captioner", {"facets": FacetCaptioner, "hf": HFCaptioner}, usage={"hf": "hf:<model id>"})


def register_captioner(name: str, factory: Callable[..., Captioner] | str) -> None:
    _CAPTIONERS.register(name, factory)


def create_captioner(spec: str, encoder: Encoder, facets: FacetSet, **kwargs) -> Captioner:
    """``"facets"`` or ``"hf:<model id or path>"``."""
    name, _, arg = spec.partition(":")
    factory = _CAPTIONERS.get(name, asked=spec)
    if arg:
        kwargs.setdefault("model", arg)
    return factory(encoder, facets, **kwargs)
