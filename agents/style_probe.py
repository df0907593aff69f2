"""A linear probe on MiniLM sentence vectors for sleeve and neckline words: which value a style name is nearest
to as a *direction*, where nearest-phrase similarity cannot tell ("nehru collar", "thin straps").

MiniLM-L6 places sleeve and neckline style names about equally near every value's phrases (docs/language.md,
rows 6 and 6b), so a vote of the nearest phrases guesses at chance. A multinomial logistic regression fitted
on the engine's own labelled phrases of one facet (the hand lexicon's phrases, the WordNet words under the
facet's seeds, the garments whose WordNet definition states the facet, ``gloss_traits``, and the seeds'
definitions) weighs the directions that separate the values instead ("straps", "top" towards sleeveless; a
standing collar towards turtleneck). It never sees a development or held-out word. It is read only in the
answer to that facet's question ("<words> collar" while the neckline is asked), after every other source read
nothing, and only when it is sure (``BAR``); its reading is a guess (``confidence``: 0.3). Not in a request:
"collar" itself leans to turtleneck in the probe (the labelled collars are high ones), so "an open collar" would
read as a turtleneck there (found in review).

``BAR`` and ``C`` were chosen on the sleeve and neckline words that the engine read wrong or not at all in
``tests/agents/dev_vocabulary.yaml`` .. ``_6_check.yaml``, ``dev_vocabulary_conf.yaml`` and the tune half of
``dev_vocabulary_7_sleeve.yaml`` (111 words): at 0.75 it reads 19 of them, 15 right; below 0.7 about as many
wrong as right. The figures on the untouched check half are in docs/history/round-23.md. Round 25 added rows of
where on the arm each sleeve value ends (``landmark_rows``), after which the sleeve probe is right more often at
a lower bar (``BARS``: 0.6 for sleeves, chosen on the tune halves; docs/history/round-25.md).
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

from .landmarks import _LIMB, SCALES
from .parsed import Match
from .text import normalise

FACETS = ("sleeve", "neckline")
BAR = 0.75  # the probe's probability of its best value
BARS = {"sleeve": 0.6, "neckline": BAR}  # per facet, in the answer to its question (docs/history/round-25.md)
C = 10.0  # inverse regularisation strength, as scikit-learn's LogisticRegression counts it
STEPS = 500  # L-BFGS iterations at most; it converges in far fewer
SOURCE = "probe"


def training_rows(lexicon, facet: str) -> list[tuple[str, str]]:
    """(phrase, value) the engine already reads as ``facet``: its own labelled examples."""
    k = lexicon.knowledge
    values = lexicon.facets[facet].values
    rows = [(p, v) for p, fvs in lexicon.phrases.items() for f, v in fvs if f == facet]
    rows += [(w, es[0].value) for w, es in sorted(k.words.items()) if es[0].facet == facet]
    rows += [(w, t[facet][0]) for w, t in sorted(k.gloss_traits.items()) if facet in t]
    rows += [(g, v) for v, gs in sorted(k.glosses.get(facet, {}).items()) for g in gs]
    rows += landmark_rows(facet, values)
    return [(p, v) for p, v in rows if v in values]


def landmark_rows(facet: str, values) -> list[tuple[str, str]]:
    """Where on the arm each sleeve value ends, in words, from the landmark scale (``agents.landmarks``: general
    anatomy, not a list of style names): "sleeves ending at the elbow", "elbow-length sleeves" (short), "bare
    arms" (sleeveless), "arms covered" (long). Without them the sleeve rows are mostly garment names, and the
    probe learnt that a style name is a sleeveless top ("bell sleeves", "medieval sleeves"). Sleeves only: the
    same rows for the neckline (chin, throat, collarbone; a V down to the chest) read as many development words
    right and lost "nehru collar" (docs/history/round-25.md)."""
    if facet != "sleeve":
        return []
    rows = [(f"sleeves ending at the {landmark}", value) for landmark, value in SCALES[facet]]
    rows += [(f"{landmark}-length sleeves", value) for landmark, value in SCALES[facet]]
    limbs = [limb for limb, f in _LIMB.items() if f == facet]
    rows += [(f"bare {limb}s", "sleeveless") for limb in limbs] + [(f"{limb}s covered", "long") for limb in limbs]
    return [(p, v) for p, v in rows if v in values]


def fit(x: np.ndarray, labels: list[str], c: float = C, steps: int = STEPS) -> tuple[list[str], np.ndarray]:
    """Multinomial logistic regression (torch's cross-entropy, classes weighted to equal total weight, an L2
    penalty of 1/C on the weights), fitted by L-BFGS from zero on the full batch, so the same rows always give
    the same weights. Returns (classes, weights with the bias as the last row)."""
    classes = sorted(set(labels))
    y = torch.tensor([classes.index(v) for v in labels])
    weight = len(y) / (len(classes) * torch.bincount(y, minlength=len(classes)).double())
    xt = torch.as_tensor(np.asarray(x), dtype=torch.float64)
    linear = torch.nn.Linear(xt.shape[1], len(classes), dtype=torch.float64)
    torch.nn.init.zeros_(linear.weight), torch.nn.init.zeros_(linear.bias)
    optimiser = torch.optim.LBFGS(linear.parameters(), max_iter=steps, line_search_fn="strong_wolfe")

    def loss() -> torch.Tensor:
        optimiser.zero_grad()
        value = F.cross_entropy(linear(xt), y, weight=weight) + linear.weight.square().sum() / (2 * c * len(y))
        value.backward()
        return value

    optimiser.step(loss)
    w = torch.cat([linear.weight.T, linear.bias[None, :]]).detach().numpy()
    return classes, w


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _fit_probe(lexicon, facet: str) -> tuple[list[str], np.ndarray] | None:
    rows = training_rows(lexicon, facet)
    if len({v for _, v in rows}) < 2:
        return None
    x = lexicon.embed([lexicon._TEMPLATE.format(p) for p, _ in rows])
    return fit(np.asarray(x, dtype=np.float64), [v for _, v in rows])


def warm(lexicon) -> None:
    """Fit the probes now (``Lexicon.warm``, the app's warm-up thread). They live on the lexicon, so they go
    with it, and a turn never fits one: until the warm-up is done, ``probe`` reads nothing (as
    ``Lexicon.table`` falls back to the hand table), instead of holding a turn for the fit (~2 s a facet)."""
    if "_style_probes" in lexicon.__dict__:
        return
    fitted = {facet: _fit_probe(lexicon, facet) for facet in FACETS if facet in lexicon.facets}
    lexicon.__dict__["_style_probes"] = fitted  # set once, whole: a turn sees all of them or none


def probe(phrase: str, facet: str, lexicon, bar: float | None = None) -> Match | None:
    """The value of ``facet`` the probe is sure of for ``phrase`` (words about that facet), or None."""
    if facet not in FACETS or facet not in lexicon.facets:
        return None
    fitted = lexicon.__dict__.get("_style_probes", {}).get(facet)
    if fitted is None:  # not warmed up yet, or too few labelled phrases
        return None
    classes, w = fitted
    q = np.asarray(lexicon.embed([lexicon._TEMPLATE.format(normalise(phrase).strip())])[0], dtype=np.float64)
    p = _softmax((np.append(q, 1.0) @ w)[None, :])[0]
    best = int(p.argmax())
    return Match(facet, classes[best], SOURCE, float(p[best])) if p[best] >= (BARS[facet] if bar is None else bar) else None
