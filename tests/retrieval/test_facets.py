"""Zero-shot facet scoring: each value's score is the mean of its prompts' similarities."""

from __future__ import annotations

import numpy as np

from retrieval.facets import FacetDef, FacetSet, demo_facets, load_facets, score_facets


def _two_facets() -> FacetSet:
    colour = FacetDef("colour", "colour", ("red", "blue"), {"red": ("a red thing", "a crimson thing"), "blue": ("a blue thing",)})
    size = FacetDef("size", "size", ("small", "big"), {"small": ("a small thing",), "big": ("a big thing", "a huge thing")})
    return FacetSet("test", (colour, size))


def test_value_columns_follow_all_prompts_order():
    facets = _two_facets()
    prompts = facets.all_prompts()
    for f, spans in zip(facets, facets.value_columns(), strict=True):
        for value, cols in zip(f.values, spans, strict=True):
            assert {(p[0], p[1]) for p in prompts[cols]} == {(f.name, value)}
            assert cols.stop - cols.start == len(f.prompts[value])
    assert facets.value_columns()[-1][-1].stop == len(prompts)


def test_score_is_the_mean_over_a_values_prompts():
    facets = _two_facets()
    prompt_vecs = np.eye(5, dtype=np.float32)  # one axis per prompt
    image = np.array([[0.0, 0.9, 0.5, 0.0, 0.0]], np.float32)  # crimson only: red mean 0.45 < blue 0.5
    probs = score_facets(image, prompt_vecs, facets)
    assert probs["colour"].shape == (1, 2) and np.isclose(probs["colour"].sum(), 1.0)
    assert probs["colour"][0].argmax() == 1
    image[0, 0] = 0.3  # red's two prompts now average 0.6
    assert score_facets(image, prompt_vecs, facets)["colour"][0].argmax() == 0


def test_shipped_vocabularies_have_a_prompt_for_every_value():
    for facets in (demo_facets(), load_facets()):
        spans = facets.value_columns()
        assert sum(len(s) for s in spans) == sum(len(f.values) for f in facets)
        assert all(c.stop > c.start for s in spans for c in s)
