"""The demo encoder's training settings: one dataclass, one comment per field (the CLI flags of
``python -m training.train_demo`` are made from it)."""

from __future__ import annotations

from dataclasses import dataclass

from retrieval import demo_encoder


@dataclass
class TrainConfig:
    seed: int = 0  # torch / sampling seed (the items come from TRAIN_SEED regardless)
    n_items: int = 16000  # training renders
    full_captions: int = 2  # full descriptions (every facet) per item
    partial_captions: int = 2  # descriptions of a random subset of the facets per item
    epochs: float = 20.0  # passes over the items (one caption drawn per item per pass)
    batch_size: int = 256  # contrastive batch (images and captions)
    lr: float = 2e-3  # AdamW peak learning rate (cosine decay after warm-up)
    weight_decay: float = 0.05
    warmup_steps: int = 100
    init_temperature: float = 0.02  # starting 1/logit_scale; MiniLM captions sit close together, so start sharp
    flip: bool = True  # random horizontal flips (garments are symmetric)
    extra_words: float = 0.0  # chance of swapping each stated word for an extra synonym (train_words.py)
    group: int = 1  # >1: items come in groups differing in one attribute each (hard negatives share a batch)
    facet_weight: float = 1.0  # weight of the per-facet prompt-classification loss (0: contrastive loss only)
    threads: int = 2  # torch CPU threads
    init: str = ""  # continue from these weights instead of a random image tower
    workers: int = 2  # rendering processes
    out: str = str(demo_encoder.WEIGHTS_FILE)  # where the trained weights go
