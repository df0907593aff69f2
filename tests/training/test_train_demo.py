"""The demo encoder's training code: caption bookkeeping, the multi-positive loss, and a smoke run.

The smoke run trains a tiny image tower (a config written to ``tmp_path``,
next to the real locked MiniLM text tower, which loads offline) for a few
dozen steps on a few dozen renders and checks that the loss goes down.
"""

from __future__ import annotations

import json
import random

import numpy as np
import open_clip
import pytest
import torch

from retrieval import demo_encoder
from retrieval.catalog.captions import describe
from retrieval.catalog.schema import FACETS, applicable_facets, requirements_met
from retrieval.demo_encoder import encode_texts
from retrieval.facets import demo_facets
from training.config import TrainConfig
from training.data import build_training_set, caption_pool, facet_targets, mentioned, training_attributes
from training.train_demo import facet_loss, multi_positive_loss, positives, train
from training.train_words import EXTRA_WORDS, vary

HELDOUT = {w for f in FACETS.values() for v in f.values for w in v.heldout}

RED_TEE = {"category": "t-shirt", "colour": "red", "pattern": "striped", "sleeve": "short", "neckline": "crew",
           "motif": "none", "accent": "white"}
BLUE_TEE = {**RED_TEE, "colour": "blue"}
RED_BAG = {"category": "bag", "colour": "red", "pattern": "solid", "motif": "none"}


@pytest.fixture(autouse=True)
def _offline(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("CHATLENS_HOME", str(tmp_path / "home"))
    torch.set_num_threads(2)


def test_accent_is_stated_only_with_its_pattern():
    assert mentioned(RED_TEE, ["colour", "accent"], "a red item") == {"colour": "red"}
    assert mentioned(RED_TEE, ["pattern", "accent"], "with white stripes") == {"pattern": "striped", "accent": "white"}


def test_unsaid_no_print_is_not_stated():
    assert "motif" not in mentioned(RED_TEE, ["motif", "colour"], "a red item")
    assert mentioned(RED_TEE, ["motif"], "an item with no print") == {"motif": "none"}


def _has_heldout(text: str) -> bool:
    padded = f" {text.replace(',', ' ')} "
    return any(f" {w} " in padded for w in HELDOUT)


def test_caption_pool_uses_training_words_only():
    rng = random.Random(0)
    for _ in range(50):
        for attrs in (RED_TEE, RED_BAG):
            for text, said in caption_pool(attrs, rng, 2, 2, extra=0.5):
                assert said and all(attrs[f] == v for f, v in said.items())
                assert not _has_heldout(text), text
    assert "crimson" in describe(RED_TEE, ["colour"], random.Random(0), heldout=True)  # the held-out path exists


def test_extra_words_are_never_heldout_words():
    for facet, values in EXTRA_WORDS.items():
        assert set(values) == set(FACETS[facet].value_names)
        for words in values.values():
            for w in words:
                assert not _has_heldout(w) and w not in HELDOUT, w


def test_vary_swaps_only_stated_words():
    text = vary("a red t-shirt with white stripes", {"colour": "red", "category": "t-shirt"}, random.Random(0), p=1.0)
    assert "red t-shirt" not in text and "white stripes" in text


def test_hard_negative_groups_differ_in_one_attribute():
    attrs = training_attributes(80, group=4)
    assert attrs[::4] == training_attributes(80, group=1)[::4]  # bases are the plain TRAIN_SEED items
    for i in range(0, 80, 4):
        for variant in attrs[i + 1 : i + 4]:
            # the accent and the pattern's scale come and go with the pattern they belong to
            changed = {k for k in set(attrs[i]) | set(variant) if attrs[i].get(k) != variant.get(k)} - {"accent"}
            changed -= {"scale"} if "pattern" in changed else set()
            assert len(changed) <= 1
            assert set(variant) - {"accent"} == {"category", "colour", *(
                f for f in applicable_facets(variant["category"]) if requirements_met(f, variant))}
            assert ("accent" in variant) == (variant.get("pattern") != "solid" or variant.get("motif", "none") != "none")


def test_positives_follow_stated_attributes():
    pos = positives([RED_TEE, BLUE_TEE, RED_BAG], [{"colour": "red"}, {"category": "t-shirt"}, RED_BAG])
    assert pos.tolist() == [[True, True, False], [False, True, False], [True, False, True]]


def test_loss_prefers_aligned_pairs():
    torch.manual_seed(0)
    text = torch.nn.functional.normalize(torch.randn(8, 16), dim=-1)
    pos = torch.eye(8, dtype=torch.bool)
    aligned = multi_positive_loss(text, text, pos, torch.tensor(20.0))
    shuffled = multi_positive_loss(text.roll(1, 0), text, pos, torch.tensor(20.0))
    assert aligned < 0.5 < shuffled
    # a second positive shares the target mass instead of being pushed away: an image between its two
    # positive texts costs less than one on the first alone, where with one positive it costs more
    pos2 = pos.clone()
    pos2[0, 1] = pos2[1, 0] = True
    between = text.clone()
    between[0] = torch.nn.functional.normalize(text[0] + text[1], dim=-1)
    scale = torch.tensor(20.0)
    assert multi_positive_loss(between, text, pos2, scale) < multi_positive_loss(text, text, pos2, scale)
    assert multi_positive_loss(between, text, pos, scale) > aligned


def test_facet_targets_skip_facets_that_do_not_apply():
    facets = demo_facets()
    t = facet_targets([RED_TEE, RED_BAG], facets)
    col = {f.name: j for j, f in enumerate(facets)}
    assert t[0, col["neckline"]] == facets["neckline"].values.index("crew")
    assert t[1, col["neckline"]] == -1 and t[1, col["sleeve"]] == -1
    assert t[1, col["colour"]] == facets["colour"].values.index("red")


def test_facet_loss_prefers_the_true_value_over_the_second_colour():
    """A red item with white stripes: images at the "red" prompt score lower loss than at "white"."""
    facets = demo_facets()
    prompts = facets.all_prompts()
    torch.manual_seed(0)
    vecs = torch.nn.functional.normalize(torch.randn(len(prompts), 32), dim=-1)
    at = {(f, v): i for i, (f, v, _) in enumerate(prompts)}
    targets = torch.from_numpy(facet_targets([RED_TEE], facets))
    scale = torch.tensor(20.0)
    red = facet_loss(vecs[at["colour", "red"]][None], vecs, targets, facets, scale)
    white = facet_loss(vecs[at["colour", "white"]][None], vecs, targets, facets, scale)
    assert red < white
    assert facet_loss(vecs[:1], vecs, torch.full_like(targets, -1), facets, scale) == 0


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    """The demo architecture with an 8-wide, 32 px image tower, registered from a config in tmp_path."""
    folder = tmp_path_factory.mktemp("tiny_config")
    cfg = demo_encoder.model_config()
    cfg["vision_cfg"].update(image_size=32, width=8)
    (folder / "chatlens-demo-tiny.json").write_text(json.dumps(cfg))
    open_clip.add_model_config(folder)
    model, _, _ = open_clip.create_model_and_transforms("chatlens-demo-tiny", pretrained=None)
    return model, open_clip.get_tokenizer("chatlens-demo-tiny")


def test_encode_texts_matches_open_clip_path(tiny_model):
    model, tokenizer = tiny_model
    texts = ["a red dress", "I want long-sleeve teal trousers with white polka dots", "hat"]
    fast = encode_texts(model, tokenizer, texts, batch_size=2)
    with torch.no_grad():
        slow = model.encode_text(tokenizer(texts), normalize=True).numpy()
    np.testing.assert_allclose(fast, slow, atol=1e-5)


def test_smoke_training_reduces_loss(tiny_model):
    model, tokenizer = tiny_model
    cfg = TrainConfig(n_items=48, batch_size=16, lr=3e-3, warmup_steps=5, workers=1, flip=False)
    data = build_training_set(model, tokenizer, cfg, cache=None)
    assert data.images.shape == (48, 32, 32, 3) and len(data.text_vecs) == len(data.texts)
    assert data.facet_vecs.shape[0] == len(demo_facets().all_prompts()) and data.facet_targets.shape[0] == 48
    before = {k: v.clone() for k, v in model.text.state_dict().items()}
    losses = train(model, data, cfg, max_steps=36)
    assert len(losses) == 36 and all(np.isfinite(losses))
    assert np.mean(losses[-6:]) < np.mean(losses[:6]) - 0.1
    after = model.text.state_dict()
    assert all(torch.equal(before[k], after[k]) for k in before), "the MiniLM text tower must stay locked"
    assert not model.training
