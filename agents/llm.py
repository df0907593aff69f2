"""The LLM reformulator: a chat model reads the dialogue and returns facet beliefs as JSON.

The model only proposes beliefs; they are validated against the facet
vocabulary (values canonicalised by the lexicon, anything else dropped) and
composed by the offline engine, so a model can never inject a query the
encoder does not understand, name an item, or touch a file. Any failure
(timeout, exception, invalid or empty JSON) falls back to the offline engine
for that turn, and the explanation says so.
"""

from __future__ import annotations

import copy
import json
import logging
import re
import threading
from collections.abc import Callable

from langchain_core.exceptions import OutputParserException
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.output_parsers import PydanticOutputParser
from pydantic import BaseModel, Field, ValidationError

from retrieval.facets import FacetSet
from retrieval.query import ComposedQuery

from .chat_models import create_chat_model
from .config import AgentConfig
from .errors import LLMAnswerError, LLMTimeout
from .lexicon import Lexicon
from .prompts import load_prompt
from .reformulator import OfflineReformulator
from .state import DialogueState
from .turns import Question

log = logging.getLogger("chatlens.llm")

MAX_ANSWER_CHARS = 4000  # longer model output is refused unparsed (JSON repair is slow on huge text)


def call_with_timeout(fn: Callable, arg, timeout: float):
    """Run ``fn(arg)`` in a daemon thread: a model that never answers can neither block the turn nor exit."""
    box: dict = {}

    def run():
        try:
            box["value"] = fn(arg)
        except BaseException as e:  # handed to the caller below
            box["error"] = e

    worker = threading.Thread(target=run, name="llm-call", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise LLMTimeout
    if "error" in box:
        raise box["error"]
    return box["value"]


def _bounded(message):
    text = str(getattr(message, "content", message))
    if len(text) > MAX_ANSWER_CHARS:
        raise LLMAnswerError("its answer was too long")  # longer than any real answer: not parsed
    return message


# A phrased question is shown as the assistant's words: plain text only, no links, markup or instructions.
_UNSAFE_QUESTION = re.compile(
    r"[<>\[\]{}`]|https?:|www\.|://|ignore (all|previous|the above)|instruction|api key|password|system prompt",
    re.IGNORECASE,
)


class LLMBeliefs(BaseModel):
    """What the model is asked to return."""

    wanted: dict[str, str] = Field(default_factory=dict, description="facet -> the one wanted value")
    not_wanted: dict[str, list[str]] = Field(default_factory=dict, description="facet -> values ruled out")
    any: list[str] = Field(default_factory=list, description="facets the shopper says do not matter")
    free_text: str = Field(default="", description="other wishes in a few words, or empty")


class LLMReformulator:
    name = "llm"

    def __init__(self, facets: FacetSet, config: AgentConfig | None = None, chat_model: BaseChatModel | None = None,
                 lexicon: Lexicon | None = None, **offline_kwargs):
        self.facets = facets
        self.config = config or AgentConfig()
        if chat_model is None:
            if not self.config.llm:
                raise ValueError("the llm reformulator needs a chat model (--llm SPEC)")
            chat_model = create_chat_model(self.config.llm, self.config)
        self.model = chat_model
        self.lexicon = lexicon or Lexicon(facets)
        self.offline = OfflineReformulator(facets, **offline_kwargs)
        self.parser = PydanticOutputParser(pydantic_object=LLMBeliefs)
        self.chain = load_prompt("reformulate") | self.model | _bounded | self.parser

    def vocabulary(self) -> str:
        return "\n".join(f"- {f.name} ({f.label}): {', '.join(f.values)}" for f in self.facets)

    def _ask(self, state: DialogueState) -> LLMBeliefs:
        inputs = {"vocabulary": self.vocabulary(), "format_instructions": self.parser.get_format_instructions(),
                  "dialogue": _transcript(state)[-6000:]}
        return call_with_timeout(self.chain.invoke, inputs, self.config.llm_timeout_s)

    def apply(self, beliefs: LLMBeliefs, state: DialogueState) -> tuple[DialogueState, int]:
        """A copy of the state with the model's (validated) beliefs on top; returns how many were used."""
        out = copy.deepcopy(state)
        turn, used = state.user_turns, 0
        for facet, value in beliefs.wanted.items():
            m = self._canonical(facet, value)
            if m:
                out.want(facet, m, turn)
                used += 1
        for facet, values in beliefs.not_wanted.items():
            for value in values[:10]:
                m = self._canonical(facet, value)
                if m:
                    out.rule_out(facet, m, turn)
                    used += 1
        for facet in beliefs.any:
            if facet in self.facets:
                out.retract(facet, turn)
                used += 1
        # Free text is searched and shown, so it may only repeat the shopper's own words.
        said = {w for r, t in state.to_messages() if r == "human" for w in re.findall(r"\w+", t.lower())}
        free = " ".join(w for w in beliefs.free_text.split()[:12] if w.lower().strip(".,;:!?") in said)
        if free and free not in out.wishes:
            out.wishes.append(free)
        return out, used

    def _canonical(self, facet: str, value: str) -> str | None:
        if facet not in self.facets or not isinstance(value, str) or len(value) > 60:
            return None
        if value in self.facets[facet].values:
            return value
        m = self.lexicon.resolve(value, facet)
        return m.value if m else None

    def compose(self, state: DialogueState) -> ComposedQuery:
        try:
            beliefs = self._ask(state)
            merged, used = self.apply(beliefs, state)
            if used == 0 and not beliefs.free_text.strip():
                raise LLMAnswerError("its answer named no facet value")
        except LLMTimeout:
            return self._fallback(state, f"no answer within {self.config.llm_timeout_s:g} s")
        except Exception as e:  # any model or parsing failure: this turn uses the offline engine
            log.warning("LLM reformulation failed: %s", type(e).__name__)
            return self._fallback(state, _reason(e))
        query = self.offline.compose(merged)
        query.explanation.insert(0, "rewritten by the language model")
        return query

    def phrase(self, question: Question, state: DialogueState) -> Question:
        """Let the model word the question; the facet and options stay the questioner's (grounded)."""
        if question.facet not in self.facets:  # a visual question ("which is closer?") keeps its wording
            return question
        inputs = {"label": self.facets[question.facet].label, "options": ", ".join(question.options[:-1]),
                  "dialogue": _transcript(state)[-3000:]}
        try:
            reply = call_with_timeout((load_prompt("question") | self.model).invoke, inputs, self.config.llm_timeout_s)
            text = str(reply.content).strip()
        except Exception as e:  # keep the template wording
            log.warning("LLM question phrasing failed: %s", type(e).__name__)
            return question
        if not text or "\n" in text or len(text) > 200 or not text.endswith("?") or _UNSAFE_QUESTION.search(text):
            return question
        label = self.facets[question.facet].label.lower()
        if not any(o.lower() in text.lower() for o in question.options[:-1]) and label not in text.lower():
            return question  # off topic: keep the grounded wording
        return Question(question.facet, text, question.options)

    def _fallback(self, state: DialogueState, reason: str) -> ComposedQuery:
        query = self.offline.compose(state)
        query.explanation.insert(0, f"language model unavailable ({reason}); used the offline engine")
        return query


def llm_from_config(facets: FacetSet, config: AgentConfig, lexicon: Lexicon | None = None,
                    chat_model: BaseChatModel | None = None) -> LLMReformulator:
    """The ``llm`` entry of the reformulator registry: the assistant's chat model (or ``config.llm``'s)."""
    return LLMReformulator(facets, config, chat_model=chat_model, lexicon=lexicon,
                           reference_weight=config.reference_weight, constraint_weight=config.constraint_weight)


def _transcript(state: DialogueState) -> str:
    return "\n".join(f"{'shopper' if r == 'human' else 'assistant'}: {t}" for r, t in state.to_messages())


def _reason(e: Exception) -> str:
    """A fixed phrase per failure kind: exception text (which may carry markup or secrets) is never shown."""
    if isinstance(e, LLMAnswerError):
        return str(e)
    if isinstance(e, (OutputParserException, ValidationError, json.JSONDecodeError)):
        return "its answer was not valid JSON"
    return f"error: {type(e).__name__}"

