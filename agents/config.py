"""Settings of the conversational side: reformulation, questions, LLMs and input limits."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class AgentConfig:
    reformulator: str = "auto"  # "auto" (llm when `llm` is set, else offline), "offline", "llm" or "concat"
    questioner: str = "entropy"  # "entropy" (candidate-aware), "random" (benchmark baseline) or "none"
    captioner: str = "facets"  # "facets" (zero-shot from the encoder) or "hf:<model id>" (transformers image-to-text)
    llm: str | None = None  # chat model spec: "hf:<model id>", "openai:<model>@<base url>", None for no LLM
    llm_api_key_env: str = "OPENAI_API_KEY"  # env var holding the endpoint's key (never logged)
    llm_timeout_s: float = 20.0  # per LLM call; on timeout the offline engine answers that turn
    results: int = 12  # results shown per turn
    question_pool: int = 50  # top-K candidates the questioner looks at
    reference_weight: float = 0.35  # weight of reference image embeddings against the edited caption
    constraint_weight: float = 1.0  # strength of facet constraints in re-ranking
    max_message_chars: int = 2000  # longer messages are refused with a clear message
    max_images_per_turn: int = 4  # more reference images in one turn are refused
    max_upload_bytes: int = 20 * 2**20  # per uploaded file: 20 MB as Gradio counts them (MiB), so its message agrees
    max_image_pixels: int = 40_000_000  # decoded size limit (decompression bombs)

    def reformulator_name(self) -> str:
        if self.reformulator == "auto":
            return "llm" if self.llm else "offline"
        return self.reformulator
