"""Composed queries from a reference: CIReVL's single edited caption and LDRE's weighted caption ensemble."""

import numpy as np
import pytest

from agents.reformulator import OfflineReformulator
from agents.state import DialogueState, Reference, TurnRecord
from retrieval.facets import demo_facets
from retrieval.query import ComposedQuery


def _state(alternatives):
    state = DialogueState(turns=[TurnRecord("user", "like this but a dress", images=1)])
    facets = {"category": "skirt", "colour": "red", "pattern": "striped", "background": "pink"}
    state.references.append(Reference("a red striped skirt", facets, [0.0] * 8, 0, alternatives=alternatives))
    state.want("category", "dress", 0)  # what the user said is not in doubt
    return state


def test_readings_vary_only_unsure_inherited_facets_weighted_by_probability():
    alternatives = {"colour": {"red": 0.6, "orange": 0.3}, "category": {"skirt": 0.5, "shorts": 0.4},
                    "background": {"pink": 0.8, "white": 0.2}}
    ref = OfflineReformulator(demo_facets(), captions=8)
    state = _state(alternatives)
    attrs, inherited = ref.edited_attributes(state)
    readings = ref.readings(state, attrs, inherited)
    assert all(r["category"] == "dress" for r, _ in readings)  # the user's edit wins in every reading
    assert {r["colour"] for r, _ in readings} == {"red", "orange"}
    assert {r["background"] for r, _ in readings} == {"pink", "white"}
    assert len(readings) == 4 and sum(w for _, w in readings) == pytest.approx(1.0)
    best, w = readings[0]
    assert (best["colour"], best["background"]) == ("red", "pink")
    assert w == pytest.approx(0.6 * 0.8 / ((0.6 + 0.3) * (0.8 + 0.2)))


def test_one_caption_is_cirevl_and_an_unsure_reference_gives_an_ensemble():
    state = _state({"colour": {"red": 0.55, "orange": 0.45}})
    single = OfflineReformulator(demo_facets(), captions=1).compose(state)
    assert single.captions == [] and "red" in single.caption and "dress" in single.caption
    ensemble = OfflineReformulator(demo_facets(), captions=8).compose(state)
    texts = dict(ensemble.captions)
    assert len(texts) == 2 and any("orange" in t for t in texts) and ensemble.caption in texts
    # an inherited value the captioner was unsure of constrains less than a sure one
    weight = {c.facet: c.weight for c in ensemble.constraints}
    assert weight["colour"] == pytest.approx(0.5 * 0.55) and weight["pattern"] == pytest.approx(0.5)


def test_a_sure_reference_gives_one_caption():
    state = _state({})
    assert OfflineReformulator(demo_facets(), captions=8).compose(state).captions == []


def test_retriever_embeds_the_ensemble_as_the_weighted_mean(hash_assistant):
    r = hash_assistant.retriever
    a, b = "a red dress", "an orange dress"
    q = r.query_vector(ComposedQuery(caption=a, captions=[(a, 0.75), (b, 0.25)]))
    mean = 0.75 * r.text_vector(a) + 0.25 * r.text_vector(b)
    assert np.allclose(q, mean / np.linalg.norm(mean), atol=1e-5)
    assert not np.allclose(q, r.query_vector(ComposedQuery(caption=a)), atol=1e-3)
