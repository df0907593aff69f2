"""One conversation: ``Session.step(turn) -> Reply``. The app and the benchmark both drive this.

An ``Assistant`` holds what every conversation shares (library, retriever,
lexicon, reformulator, questioner, captioner) and is built once per server;
a ``Session`` holds one user's dialogue state and is cheap. A turn flows one
way: understand the message, update beliefs, compose the query, retrieve,
choose the next question.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from retrieval.config import RetrievalConfig
from retrieval.facets import FacetSet
from retrieval.imageio import load_image
from retrieval.library import Library, open_library
from retrieval.query import ComposedQuery, Result
from retrieval.retriever import Retriever  # built here only; everything after sees it as an ``agents.ports.Search``

from .captioner import Captioner, create_captioner
from .config import AgentConfig
from .cues import _AFFIRM
from .doubt import suspect, unconfirmed
from .errors import BadImageError, UserFacingError
from .fold import fold, not_applicable, screen
from .lexicon import Lexicon
from .ports import Search
from .questioner import DONT_CARE, PAIR, Questioner, create_questioner
from .reformulator import PhrasesQuestions, Reformulator, caption_for, create_reformulator
from .replies import closest_kinds, understood_notes
from .state import DialogueState, Reference, TurnRecord
from .turns import ACTIONS, Question, Reply, Turn, Upload
from .understand import Parsed, parse
from .understanding import answer_score

log = logging.getLogger("chatlens.session")

GREETING = ("Hi! Describe what you're looking for (for example \"a red striped t-shirt\"), or add a photo and "
            "tell me what to change. I'll show matches and ask about what would narrow them down.")


@dataclass
class Assistant:
    """What every conversation shares. ``retriever`` is any ``agents.ports.Search`` (``build`` wires the library's
    ``retrieval.retriever.Retriever``); ``library`` is kept for its facets and for the operator (close, counts)."""

    library: Library
    retriever: Search
    lexicon: Lexicon
    reformulator: Reformulator
    questioner: Questioner
    captioner: Captioner
    config: AgentConfig

    @classmethod
    def build(cls, retrieval: RetrievalConfig | None = None, agents: AgentConfig | None = None,
              progress: Callable[[float, str], None] | None = None, library: Library | None = None,
              chat_model=None) -> Assistant:
        retrieval, agents = retrieval or RetrievalConfig(), agents or AgentConfig()
        library = library or open_library(retrieval, progress)
        retriever = Retriever(library, candidate_pool=retrieval.candidate_pool)
        retriever.follow(retrieval.refresh_s)  # items `chatlens index` adds while we serve appear within seconds
        facets = library.facets
        lexicon = Lexicon(facets)
        reformulator = create_reformulator(agents.reformulator_name(), facets, agents, lexicon, chat_model)
        questioner = create_questioner(agents.questioner, retriever, facets, pool=agents.question_pool)
        captioner = create_captioner(agents.captioner, library.encoder, facets)
        # Warm MiniLM for words nobody listed in the background, so no user waits for it on a turn. Not a daemon:
        # a daemon thread still inside torch when the interpreter finalises crashes it (exit 139); exit waits instead.
        threading.Thread(target=lexicon.warm, name="lexicon-warmup").start()
        return cls(library, retriever, lexicon, reformulator, questioner, captioner, agents)

    @property
    def facets(self) -> FacetSet:
        return self.library.facets

    def new_session(self) -> Session:
        return Session(self)

    def restore_session(self, data: dict) -> Session:
        """A session continued from ``Session.to_dict()`` (e.g. after a server restart)."""
        return Session.from_dict(self, data)


def _sentence(text: str) -> str:
    """``text`` ending in a full stop (an error message is joined to the next sentence)."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


class Session:
    def __init__(self, assistant: Assistant):
        self.assistant = assistant
        self.id = uuid.uuid4().hex
        self.state = DialogueState()
        self.last_query: ComposedQuery | None = None
        self.last_question: Question | None = None  # still open after a refused turn
        self.last_ranking = np.zeros(0, np.int64)  # every candidate's id, best first (benchmark, API)

    # -- public API ------------------------------------------------------------------

    def reset(self) -> Reply:
        self.state = DialogueState()
        self.last_query, self.last_question = None, None
        results = self.assistant.retriever.browse(self.assistant.config.results)
        self.state.last_results = [r.id for r in results]
        return Reply(GREETING, results)

    def to_dict(self) -> dict:
        q, question = self.last_query, self.last_question
        return {"id": self.id, "state": self.state.to_dict(),
                "last_query": {"caption": q.caption, "explanation": list(q.explanation)} if q else None,
                "last_question": asdict(question) if question else None}

    @classmethod
    def from_dict(cls, assistant: Assistant, data: dict) -> Session:
        """The inverse of ``to_dict``: beliefs, references, shown results and the open question come back.

        The last query keeps only what replies show (caption, explanation); the next turn composes a new one.
        """
        s = cls(assistant)
        s.id = str(data.get("id") or s.id)
        s.state = DialogueState.from_dict(data.get("state") or {})
        if q := data.get("last_query"):
            s.last_query = ComposedQuery(caption=q.get("caption", ""), explanation=list(q.get("explanation", [])))
        s.last_question = Question.from_dict(data.get("last_question"))
        return s

    def step(self, turn: Turn) -> Reply:
        """Never raises for anything a user can send; problems come back in ``Reply.error``."""
        try:
            problem = self._validate(turn)
            if problem:
                return self._refuse(problem)
            return self._step(turn)
        except BadImageError as e:
            return self._refuse(f"{_sentence(str(e))} Your search is unchanged.")
        except UserFacingError as e:
            return self._refuse(str(e))
        except Exception:
            log.exception("turn failed in session %s", self.id)
            return self._refuse("Something went wrong on our side with that turn. Please try again or rephrase.")

    # -- a turn ----------------------------------------------------------------------------

    def _validate(self, turn: Turn) -> str | None:
        cfg = self.assistant.config
        text = turn.text or ""
        if len(text) > cfg.max_message_chars:
            return f"That message is {len(text):,} characters long; please keep it under {cfg.max_message_chars:,}."
        if len(turn.images) > cfg.max_images_per_turn:
            return f"Please add at most {cfg.max_images_per_turn} photos at a time (you sent {len(turn.images)})."
        if not text.strip() and not turn.images and not turn.action:
            return "Type what you're looking for, or add a photo."
        if turn.action and turn.action not in ACTIONS:
            return f"Unknown action {turn.action!r}; use one of: {', '.join(ACTIONS)}."
        if turn.action and turn.item_id not in self.state.last_results:
            return "That result isn't among the ones shown any more; pick one from the current results."
        return None

    def _refuse(self, message: str) -> Reply:
        """A declined turn changes nothing: the last good turn's results, query, explanation and question stay."""
        last = self.state.last_results
        results = self.assistant.retriever.results(last, np.zeros(len(last)), np.zeros(len(last)))
        q = self.last_query
        return Reply(message, results, self.last_question, q.caption if q else "", list(q.explanation) if q else [],
                     error=message)

    def _step(self, turn: Turn) -> Reply:
        state, a = self.state, self.assistant
        idx = state.user_turns
        images = [self._decode(img) for img in turn.images]
        state.turns.append(TurnRecord("user", (turn.text or "").strip(), len(images), turn.action, turn.item_id))
        notes: list[str] = []
        confirm, state.confirm = state.confirm, None  # the question asking to confirm a reading: this turn only

        if turn.action:
            done = self._act(turn.action, int(turn.item_id), idx)
            if done:
                return done
        for image in images:
            cap = a.captioner.caption(image)
            self._add_reference(cap.as_reference(idx))
        text = (turn.text or "").strip()
        if turn.answer_to in a.facets and text in a.facets[turn.answer_to].values:
            state.want(turn.answer_to, text, idx, "answer")  # a quick-answer button: the value itself
            state.answers.append((turn.answer_to, 1.0))
        elif turn.answer_to and text == DONT_CARE:
            state.retract(turn.answer_to, idx)
        elif text:
            parsed = parse(text, a.lexicon, expect=turn.answer_to or state.pending_question)
            if parsed.found and idx > 0 and state.last_results and not turn.action:
                return self._act("found", self._found_item(parsed), idx)  # "that's it" typed
            notes += self._understand(parsed, turn.answer_to, idx, bool(images), text, confirm)

        query = a.reformulator.compose(state)
        self.last_query = query
        ids, scores, sims = a.retriever.rank(query)
        if doubt := suspect(state, a.retriever, ids, a.facets, a.config.results):
            state.confirm = doubt  # one of the user's readings is probably wrong: the questioner asks about it
        self.last_ranking = ids
        k = a.config.results
        results = a.retriever.results(ids[:k], scores[:k], sims[:k])
        state.last_results = [r.id for r in results]
        question = a.questioner.ask(state, ids, scores)
        if question and isinstance(a.reformulator, PhrasesQuestions):
            question = a.reformulator.phrase(question, state)
        # a question about a facet the beliefs already know asks to confirm its reading (agents.doubt)
        state.confirm = question.facet if question and question.facet in state.known() else None
        if state.confirm and state.confirm not in state.doubted:
            state.doubted.append(state.confirm)
        state.pending_question = question.facet if question else None
        state.pair = list(question.items) if question and question.facet == PAIR else []
        self.last_question = question
        if question:
            state.asked.append(question.facet)
        message = self._message(query, results, question, notes)
        state.turns.append(TurnRecord("assistant", message, question_facet=question.facet if question else None))
        return Reply(message, results, question, query.caption, query.explanation)

    def _decode(self, image: Upload) -> Image.Image:
        """An upload as an RGB image, or a ``BadImageError`` that names the file (never another error's text)."""
        if isinstance(image, Image.Image):
            return image.convert("RGB") if image.mode != "RGB" else image
        if not isinstance(image, (str, Path, bytes)):
            raise BadImageError("That upload is not an image I can read.")
        cfg = self.assistant.config
        name = Path(image).name if isinstance(image, (str, Path)) else "the upload"
        try:
            return load_image(image, max_pixels=cfg.max_image_pixels, max_bytes=cfg.max_upload_bytes)
        except BadImageError as e:
            if name in str(e):
                raise
            raise BadImageError(f"{name!r}: {e}") from e
        except Exception as e:  # the loader promises BadImageError only; never show another error's details
            log.warning("upload %s failed to decode: %s", name, type(e).__name__)
            raise BadImageError(f"{name!r} is not an image I can read (try a JPEG or PNG).") from e

    def _act(self, action: str, item_id: int, idx: int) -> Reply | None:
        state, r = self.state, self.assistant.retriever
        if action == "found":
            state.found = item_id
            res = r.results([item_id], np.ones(1), np.ones(1))
            msg = "Great, glad we found it! Start a new search whenever you like."
            state.turns.append(TurnRecord("assistant", msg))
            return Reply(msg, res, None, self.last_query.caption if self.last_query else "", done=True)
        if action == "reject":
            if item_id not in state.rejected:
                state.rejected.append(item_id)
        elif action == "like":
            self._reference_from_result(item_id, idx)
        return None

    def _found_item(self, parsed: Parsed) -> int:
        """The result "that's it" points at: "the second one, that's it", else the best shown."""
        shown = self.state.last_results
        for pos, liked in parsed.result_refs:
            if liked and 0 < abs(pos) <= len(shown):
                return shown[pos - 1] if pos > 0 else shown[-1]
        return shown[0]

    def _reference_from_result(self, item_id: int, idx: int) -> None:
        r = self.assistant.retriever
        vec = r.vectors_by_id([item_id]).get(item_id)
        if vec is None:
            raise UserFacingError("That result no longer exists in the gallery.")
        facets = r.likely_facets(item_id)
        self._add_reference(Reference(caption_for(facets, self.assistant.facets), facets,
                                      vec.tolist(), idx, item_id, label=f"result #{item_id}"))
        if item_id not in self.state.liked:
            self.state.liked.append(item_id)

    def _add_reference(self, ref: Reference) -> None:
        """A new reference is the new base: earlier wishes for the facets it shows give way to it.

        Words in the same turn ("like this but in navy") are applied after it, so they still edit it.
        """
        for facet in ref.facets:
            b = self.state.beliefs.get(facet)
            if b and b.positive and b.turn < ref.turn:
                b.positive = None
        self.state.references.append(ref)

    def _answer_pair(self, refs: list[tuple[int, bool]]) -> bool:
        """Record which of the asked pair the user picked (closer minus other, as image vectors). "The first
        one" / "the second one" / "the last one" name the pair's own results when the shown result at that
        position is not one of them ("result 5 or result 12?" "the first one": result 5)."""
        state, shown = self.state, self.state.last_results

        def item(pos: int) -> int:
            at = shown[pos - 1] if pos > 0 else shown[-1]
            return at if at in state.pair or pos not in (1, 2, -1) else state.pair[0 if pos == 1 else 1]

        picked = [item(pos) for pos, liked in refs if liked and 0 < abs(pos) <= len(shown)]
        if len(picked) != 1 or picked[0] not in state.pair:
            return False
        other = next(i for i in state.pair if i != picked[0])
        at = self.assistant.retriever.vectors_by_id([picked[0], other])
        if picked[0] in at and other in at:
            state.nudges.append((at[picked[0]] - at[other]).tolist())
        state.pair = []
        return True

    def _understand(self, parsed: Parsed, answer_to: str | None, idx: int, new_image: bool, text: str,
                    confirm: str | None = None) -> list[str]:
        """Fold one message into the beliefs; returns notes for the reply. ``confirm``: the facet whose reading
        the last question asked the user to confirm (``agents.doubt``)."""
        state, facets = self.state, self.assistant.facets
        notes = []
        asked = answer_to or state.pending_question
        confirming = asked if asked and asked == confirm else None
        if confirming and _AFFIRM.match(text):  # "yes" to "I read “gold” as yellow: which colour was it?"
            return ["Thanks, I'll keep that."]
        if parsed.dont_care and confirming:
            unconfirmed(state, confirming)  # "I don't remember": the reading stays, as a guess; nothing is lost
        elif parsed.dont_care and asked:
            state.retract(asked, idx)
        refs = parsed.result_refs
        if asked == PAIR and state.pair and self._answer_pair(refs):
            refs = []  # "result 2" answered "which is closer?": a nudge, not a new reference
            notes.append("Thanks, I'll lean towards that one.")
        for pos, liked in refs:
            shown = state.last_results
            if not shown or abs(pos) > len(shown) or pos == 0:
                notes.append(f"I only showed {len(shown)} results, so I couldn't find result {pos}.")
                continue
            item = shown[pos - 1] if pos > 0 else shown[-1]
            if liked:
                self._reference_from_result(item, idx)
            elif item not in state.rejected:
                state.rejected.append(item)
        if parsed.this_ref and not new_image and not state.references:
            notes.append("Add a photo (or pick a result) for me to use as the reference.")
        for facet, direction in parsed.comparatives:
            base = state.known().get(facet) or (state.references[-1].facets.get(facet) if state.references else None)
            if facet in facets and base in facets[facet].values:
                values = facets[facet].values
                j = min(max(values.index(base) + direction, 0), len(values) - 1)
                state.want(facet, values[j], idx)
        mentions = [*parsed.mentions, *closest_kinds(parsed, state)]
        mentions, off_topic = screen(parsed, mentions, asked, facets)
        refused = fold(state, mentions, asked, idx, text, confirming)
        for m in off_topic:  # a guess about another facet than the one asked: its words only
            state.add_wish(m.text, m.facet)
        answered = any(m.facet == asked for m in mentions)
        if confirming and not mentions and not parsed.dont_care:
            unconfirmed(state, confirming)  # asked to confirm a doubted reading, the user's words read as nothing
        if asked in facets and not answered and not_applicable(text, asked, facets):
            parsed.retracted.append(asked)  # "it's a hat, no scale": not asked again
        if asked in facets and not parsed.dont_care:  # how well this user's answers read (agents.understanding)
            state.answers.append((asked, answer_score(mentions, asked, asked in parsed.retracted)))
        if asked in facets and not parsed.dont_care and asked not in parsed.retracted \
                and not answered and asked not in state.unread:
            state.unread.append(asked)  # the answer read as nothing: asked once more, its values offered
        for facet, words in parsed.unread_facets:  # "batwing sleeves": about the sleeves, no value read
            if facet in facets and facet not in state.known():
                notes.append(f"I couldn't tell which {facets[facet].label} “{words}” is, so I kept your words "
                             "in the search.")
                if facet not in state.unread:
                    state.unread.append(facet)  # asked about, its values are offered as the choice
        for facet in parsed.retracted:
            state.retract(facet, idx)
            state.drop_wishes(facet=facet)
        for facet, value in parsed.forgotten_values:
            state.forget(facet, value, idx)
            state.drop_wishes(facet=facet)
        for words in [*parsed.forgotten, *parsed.unwanted]:
            state.drop_wishes(words)
        for wish in parsed.wishes:
            state.add_wish(wish)
        notes += understood_notes(parsed, [m for m in mentions if m not in refused], facets)
        understood = parsed.mentions or parsed.retracted or parsed.result_refs or parsed.comparatives \
            or parsed.this_ref or parsed.dont_care or parsed.elsewhere or parsed.forgotten \
            or parsed.forgotten_values or parsed.unwanted
        if not understood and not new_image:
            notes.append("I didn't recognise a colour, type or pattern there, so I searched for your words as they are.")
        return notes

    def _message(self, query: ComposedQuery, results: list[Result], question: Question | None,
                 notes: list[str]) -> str:
        parts = [*notes]
        if not results:
            parts.append("Nothing matches all of that. Try loosening something, e.g. \"any colour is fine\".")
        else:
            what = f" for “{query.caption}”" if query.caption else ""
            parts.append(f"Here are the {len(results)} best matches{what}.")
        if question:
            parts.append(question.text)
        elif results and self.state.user_turns > 0:
            parts.append("Tell me more to narrow it down, or click a result: more like it, not this, or this is it.")
        return " ".join(parts)
