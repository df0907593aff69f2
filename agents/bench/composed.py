"""Composed retrieval: (reference item, modification text) -> target, for each way to compose.

Pairs differ in one or two attributes; the reference is excluded from the
results. Methods: CIReVL's caption editing alone (one caption), LDRE's
ensemble of edited captions (one per likely reading of the reference),
ChatLens's composition (edited caption(s) fused with the reference image,
facet constraints) with one caption and with the ensemble, the image+text
embedding sum, text only and image only.
"""

from __future__ import annotations

import random

import numpy as np
from PIL import Image

from ..reformulator import OfflineReformulator
from ..session import Assistant
from ..state import DialogueState, TurnRecord
from ..understand import parse
from .user import _SALIENCE, SimulatedUser

METHODS = {  # name -> reformulator settings
    "caption-edit (CIReVL)": {"mode": "caption-edit", "reference_weight": 0.0, "use_constraints": False, "captions": 1},
    "caption ensemble (LDRE)": {"mode": "caption-edit", "reference_weight": 0.0, "use_constraints": False},
    "chatlens, one caption (+ image + facets)": {"mode": "caption-edit", "captions": 1},
    "chatlens (caption ensemble + image + facets)": {"mode": "caption-edit"},
    "image+text sum": {"mode": "sum"},
    "text only": {"mode": "text-only"},
    "image only": {"mode": "image-only"},
}


def _diff(a: dict, b: dict) -> int:
    keys = [f for f in _SALIENCE if f in a or f in b]
    return sum(a.get(f) != b.get(f) for f in keys)


def reference_for(target: int, attrs: dict[int, dict], rng: random.Random) -> tuple[int, dict] | None:
    """A gallery item of the same category differing from the target in one attribute (else two)."""
    t = attrs[target]
    for d in (1, 2):
        near = [i for i, a in attrs.items() if i != target and a.get("category") == t.get("category") and _diff(a, t) == d]
        if near:
            ref = rng.choice(sorted(near))
            return ref, attrs[ref]
    return None


def composed_table(assistant: Assistant, attrs: dict[int, dict], n_pairs: int, seed: int) -> dict:
    rng = random.Random(seed + 17)
    ids = sorted(attrs)
    pairs = []
    for target in rng.sample(ids, k=min(len(ids), n_pairs * 2)):
        ref = reference_for(target, attrs, rng)
        if ref:
            pairs.append((ref[0], target))
        if len(pairs) == n_pairs:
            break
    r = assistant.retriever
    ranks: dict[str, list[int]] = {m: [] for m in METHODS}
    composers = {m: OfflineReformulator(assistant.library.facets, **kw) for m, kw in METHODS.items()}
    for n, (ref_id, target) in enumerate(pairs):
        item = assistant.library.gallery.get([ref_id])[0]
        cap = assistant.captioner.caption(Image.open(item.path).convert("RGB"))
        text = SimulatedUser(attrs[target], random.Random(seed * 31 + n)).modification(attrs[ref_id])
        state = DialogueState(turns=[TurnRecord("user", text, images=1)])
        state.references.append(cap.as_reference(0))
        for m in parse(text, assistant.lexicon).mentions:
            (state.want if m.positive else state.rule_out)(m.facet, m.value, 0)
        for method, composer in composers.items():
            query = composer.compose(state)
            query.exclude_ids.append(ref_id)
            got, _, _ = r.rank(query)
            hit = np.flatnonzero(got == target)
            ranks[method].append(int(hit[0]) + 1 if len(hit) else len(r))
    out = {"pairs": len(pairs)}
    for method, rs in ranks.items():
        a = np.array(rs)
        out[method] = {f"R@{k}": round(float((a <= k).mean()), 4) for k in (1, 5, 10)}
    return out
