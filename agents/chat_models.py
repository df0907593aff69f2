"""Chat models by spec string, as langchain-core ``BaseChatModel``s.

``openai:<model>@<base url>`` talks to any OpenAI-compatible endpoint (OpenAI,
Ollama, vLLM) through langchain-openai, with the key read from an env var
and never logged. ``hf:<model id or path>`` runs a local transformers causal
LM, placed on devices by accelerate (``device_map="auto"``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import ConfigDict

from retrieval.registry import Registry

from .config import AgentConfig
from .errors import ModelUnavailableError, UnknownNameError, UserFacingError


class TransformersChatModel(BaseChatModel):
    """A local transformers causal LM as a chat model (chat template when the tokenizer has one)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    model_id: str = ""
    model: Any = None  # a transformers PreTrainedModel (loaded lazily from model_id when None)
    tokenizer: Any = None
    max_new_tokens: int = 200

    @property
    def _llm_type(self) -> str:
        return "transformers"

    def _ensure_loaded(self) -> None:
        if self.model is not None:
            return
        from transformers import AutoModelForCausalLM, AutoTokenizer

        try:
            self.tokenizer = AutoTokenizer.from_pretrained(self.model_id)
            self.model = AutoModelForCausalLM.from_pretrained(self.model_id, device_map="auto", torch_dtype="auto")
        except OSError as e:
            raise ModelUnavailableError(
                f"the chat model {self.model_id!r} is not in the local Hugging Face cache and cannot be "
                f"downloaded here. Pre-download it where there is a network (`huggingface-cli download "
                f"{self.model_id}`) and copy the cache (HF_HOME), or run without --llm."
            ) from e

    def _prompt_text(self, messages: list[BaseMessage]) -> str:
        roles = {"human": "user", "ai": "assistant", "system": "system"}
        chat = [{"role": roles.get(m.type, "user"), "content": str(m.content)} for m in messages]
        if getattr(self.tokenizer, "chat_template", None):
            return self.tokenizer.apply_chat_template(chat, tokenize=False, add_generation_prompt=True)
        return "\n".join(f"{c['role']}: {c['content']}" for c in chat) + "\nassistant:"

    def _generate(self, messages: list[BaseMessage], stop=None, run_manager=None, **kwargs) -> ChatResult:
        import torch

        self._ensure_loaded()
        inputs = self.tokenizer(self._prompt_text(messages), return_tensors="pt", truncation=True, max_length=2048)
        inputs = {k: v.to(self.model.device) for k, v in inputs.items() if k in ("input_ids", "attention_mask")}
        with torch.inference_mode():
            out = self.model.generate(**inputs, max_new_tokens=self.max_new_tokens, do_sample=False,
                                      pad_token_id=getattr(self.tokenizer, "pad_token_id", None) or 0)
        text = self.tokenizer.decode(out[0, inputs["input_ids"].shape[1]:], skip_special_tokens=True)
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])


def _openai(arg: str, config: AgentConfig) -> BaseChatModel:
    try:
        from langchain_openai import ChatOpenAI
    except ImportError:
        raise UserFacingError("the OpenAI-compatible backend needs the extra: pip install 'chatlens[openai]'") from None
    model, _, base_url = arg.partition("@")
    key = os.environ.get(config.llm_api_key_env) or "not-needed"  # Ollama and vLLM accept any key
    return ChatOpenAI(model=model, base_url=base_url or None, api_key=key, timeout=config.llm_timeout_s,
                      max_retries=0, temperature=0)


def _hf(arg: str, config: AgentConfig) -> BaseChatModel:
    return TransformersChatModel(model_id=arg)


ChatModelFactory = Callable[[str, AgentConfig], BaseChatModel]
# Spec scheme -> ``factory(model argument, config)``.
_BACKENDS: Registry[ChatModelFactory] = Registry(
    "chat model backend", {"openai": _openai, "hf": _hf}, usage={"openai": "openai:<model>", "hf": "hf:<model>"})


def register_chat_backend(scheme: str, factory: ChatModelFactory | str) -> None:
    _BACKENDS.register(scheme, factory)


def create_chat_model(spec: str, config: AgentConfig | None = None) -> BaseChatModel:
    """``"openai:llama3.1@http://localhost:11434/v1"`` or ``"hf:Qwen/Qwen2.5-0.5B-Instruct"``."""
    scheme, _, arg = spec.partition(":")
    factory = _BACKENDS.get(scheme, asked=spec)
    if not arg:
        raise UnknownNameError("chat model", spec, _BACKENDS.list())
    return factory(arg, config or AgentConfig())
