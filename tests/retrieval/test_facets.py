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


def test_shipped_vocabularies_give_each_value_its_own_prompts():
    """A prompt shared by two values of one facet scores both the same, so the facet cannot tell them apart."""
    for facets in (demo_facets(), load_facets()):
        for f in facets:
            owner: dict[str, str] = {}
            for v in f.values:
                assert f.prompts[v], f"{facets.name}.{f.name}.{v} has no prompt"
                for p in f.prompts[v]:
                    first = owner.setdefault(p.strip().lower(), v)
                    assert first == v, f"{facets.name}.{f.name}: {p!r} is a prompt of both {first!r} and {v!r}"


def test_a_value_listed_without_prompts_is_scored_by_its_name(tmp_path):
    path = tmp_path / "v.yaml"
    path.write_text("facets:\n  - name: season\n    values:\n      winter:\n      summer: [a sunny beach]\n", encoding="utf-8")
    facets = load_facets(path)
    assert facets["season"].prompts == {"winter": ("a photo of winter",), "summer": ("a sunny beach",)}
    assert facets["season"].synonyms["winter"] == ("winter",)


def test_offers_says_whether_the_set_has_that_value_of_that_facet():
    fs = demo_facets()
    assert fs.offers("colour", "red") and fs.offers("category", "dress")
    assert not fs.offers("colour", "dress") and not fs.offers("planet", "mars")
