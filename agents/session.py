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

import numpy as np

from retrieval.config import RetrievalConfig
from retrieval.facets import FacetSet
from retrieval.library import Library, open_library
from retrieval.query import ComposedQuery
from retrieval.retriever import Retriever  # built here only; everything after sees it as an ``agents.ports.Search``

from .captioner import Captioner, create_captioner
from .config import AgentConfig
from .doubt import suspect
from .errors import BadImageError, UserFacingError
from .intents import TALK, intent_of
from .lexicon import Lexicon
from .message import add_reference, read_message, reference_from_result, shown_at
from .options import facet_named, options_text
from .ports import Search
from .questioner import DONT_CARE, PAIR, Questioner, create_questioner
from .reformulator import PhrasesQuestions, Reformulator, create_reformulator
from .replies import GREETING, HELP, NOTHING_TO_REDO, NOTHING_TO_UNDO, THANKS, recap, reply_text
from .state import DialogueState, TurnRecord
from .turns import ACTIONS, Question, Reply, Turn
from .understand import Parsed, parse
from .uploads import decode

log = logging.getLogger("chatlens.session")

_CLICKS = {"like": "your click on “More like this”", "reject": "your click on “Not this”", "found": "“This is it”"}
UNDO_STEPS = 5  # how many turns "undo" can take back in a row (and "redo" put back)


def _kept(steps: list[dict], snapshot: dict) -> list[dict]:
    """``steps`` with ``snapshot`` added, the oldest dropped past ``UNDO_STEPS``."""
    return [*steps[-(UNDO_STEPS - 1):], snapshot]


def _warm(lexicon: Lexicon) -> None:
    """``Lexicon.warm`` in the background. A process that ends while it loads MiniLM (a script, a short test run)
    finds the loader's thread pool already shut down; the warm-up is no longer needed then, so it stops quietly
    instead of printing a traceback on the way out."""
    try:
        lexicon.warm()
    except RuntimeError as e:
        if "interpreter shutdown" not in str(e):
            raise


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
        threading.Thread(target=_warm, args=(lexicon,), name="lexicon-warmup").start()
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
        self.undo: list[dict] = []  # the session before each of its last UNDO_STEPS turns (``to_dict``), for "undo"
        self.redo: list[dict] = []  # the session before each "undo" since the search last changed, for "redo"

    # -- public API ------------------------------------------------------------------

    def reset(self) -> Reply:
        self.state = DialogueState()
        self.last_query, self.last_question, self.undo, self.redo = None, None, [], []
        results = self.assistant.retriever.browse(self.assistant.config.results)
        self.state.last_results = [r.id for r in results]
        return Reply(GREETING, results)

    def to_dict(self, undo: bool = True, turns: bool = True) -> dict:
        """Everything a later turn needs, as JSON-ready data; ``undo``: with the last turn's "before" and the last
        "undo"'s (one step of undo and of redo survives a restart; a snapshot carries neither, nor the dialogue:
        ``turns=False``)."""
        q, question = self.last_query, self.last_question
        return {"id": self.id, "state": self.state.to_dict(turns),
                "last_query": {"caption": q.caption, "explanation": list(q.explanation)} if q else None,
                "last_question": asdict(question) if question else None,
                "undo": self.undo[-1:] if undo else [], "redo": self.redo[-1:] if undo else []}

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
        s.undo = [u for u in data.get("undo") or [] if isinstance(u, dict)][-UNDO_STEPS:]
        s.redo = [u for u in data.get("redo") or [] if isinstance(u, dict)][-UNDO_STEPS:]
        return s

    def step(self, turn: Turn) -> Reply:
        """Never raises for anything a user can send; problems come back in ``Reply.error``."""
        try:
            problem = self._validate(turn)
            if problem:
                return self._refuse(problem)
            return self._turn(turn)
        except BadImageError as e:
            return self._refuse(f"{_sentence(str(e))} Your search is unchanged.")
        except UserFacingError as e:
            return self._refuse(str(e))
        except Exception:
            log.exception("turn failed in session %s", self.id)
            return self._refuse("Something went wrong on our side with that turn. Please try again or rephrase.")

    # -- a turn ----------------------------------------------------------------------------

    def _turn(self, turn: Turn) -> Reply:
        """A valid turn: a message to the assistant (``agents.intents``) or something to search for. A turn that
        fails leaves the session as it was, and only a turn that changed the search can be undone."""
        intent = None if turn.action or turn.images else intent_of(turn.text or "")
        name, rest = (intent.name, intent.rest) if intent else ("", None)
        if name == "neither" and self.state.pending_question not in (None, PAIR):
            name, rest = "", None  # "neither" to "long or short?": no preference, as the parser reads it
        if name == "options":  # "what colours do you have?"; about something that is no facet: a request
            facet = facet_named(intent.about, self.assistant.facets)
            if facet:
                return self._options(facet, turn)
            name, rest = "", None
        if name in TALK:
            return self._talk(name, turn)
        before = self._snapshot(f"“{turn.text.strip()}”" if (turn.text or "").strip()
                                else _CLICKS.get(turn.action or "", "your photo"))
        stacks = list(self.undo), list(self.redo)
        try:
            if name in ("undo", "redo"):
                return self._travel(turn, rest, back=name == "undo")
            reply = self._search(turn, name, rest)
        except Exception:
            self._restore(before)  # as it was before the message: the steps to undo and redo too
            self.undo, self.redo = stacks
            raise
        self.undo, self.redo = _kept(self.undo, before), []
        return reply

    def _snapshot(self, said: str) -> dict:
        """The search as it is now, for "undo" and "redo" (``said``: the step it comes before, as the reply names
        it); the dialogue is never taken back, only the search, so the snapshot keeps which turns it counted."""
        return {**self.to_dict(undo=False, turns=False), "said": said,
                "live": [i for i, t in enumerate(self.state.turns) if not t.dropped]}

    def _search(self, turn: Turn, name: str, rest: str | None) -> Reply:
        """A turn that changes the search: "start over", "none of these", "neither", "show me more", or words,
        photos and clicks to read (``rest``: the words after an intent's)."""
        state = self.state
        if name != "more":
            state.paged = []
        if name == "restart":
            for t in state.turns:
                t.dropped = True
            self.state = state = DialogueState(turns=state.turns)
            self.last_query, self.last_question = None, None
            if not rest:
                return self._restart(turn)
        shown = [i for i in state.last_results if i not in state.rejected]
        if name == "neither" and state.pending_question == PAIR and state.pair:
            state.rejected += [i for i in state.pair if i not in state.rejected]  # both of the pair are wrong
            return self._step(turn, rest, ["OK, neither: I've left both out."])
        if name in ("none", "neither"):  # "none of these": every shown result rejected, as by "Not this" on each
            state.rejected += shown
            return self._step(turn, rest, ["OK, none of those: I've left them out."])
        if name == "more":  # "show me more": the next results; every page shown since the request changed is skipped
            state.paged += [i for i in shown if i not in state.paged]
            return self._step(turn, rest, ["Leaving out the ones I showed:"])
        return self._step(turn, rest)

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
        if turn.looking_at is not None and turn.looking_at not in self.state.last_results \
                and intent_of(text) is None:  # "undo", "help": no "this" to find
            return "The result you mean by “this” isn't among the ones shown any more; pick one from the current results."
        return None

    def _refuse(self, message: str) -> Reply:
        """A declined turn changes nothing: the last good turn's results, query, explanation and question stay."""
        return self._shown(message, self.last_question, error=message)

    def _shown(self, message: str, question: Question | None, error: str | None = None) -> Reply:
        """The results shown last, the last query's caption and explanation, with ``message``."""
        last = self.state.last_results
        results = self.assistant.retriever.results(last, np.zeros(len(last)), np.zeros(len(last)))
        q = self.last_query
        return Reply(message, results, question, q.caption if q else "", list(q.explanation) if q else [],
                     error=error)

    def _stay(self, message: str, turn: Turn) -> Reply:
        """A turn that talks to the assistant (``agents.intents``): recorded in the dialogue and answered; the
        results, query and open question stay (the question is asked again)."""
        question = self.last_question
        if question:
            message = f"{message} {question.text}"
        self.state.turns.append(TurnRecord("user", (turn.text or "").strip(), dropped=True))
        self.state.turns.append(TurnRecord("assistant", message, question_facet=question.facet if question else None,
                                           dropped=True))
        return self._shown(message, question)

    def _talk(self, name: str, turn: Turn) -> Reply:
        """A greeting, "help", "what did you understand?" or thanks: answered, nothing searched or remembered."""
        q = self.last_query
        said = {"help": HELP, "greet": "Hi! " + HELP, "thanks": THANKS,
                "recap": recap(list(q.explanation) if q else [])}
        return self._stay(said[name], turn)

    def _options(self, facet: str, turn: Turn) -> Reply:
        """"What colours do you have?": the facet's values, those among the results shown, what the search holds."""
        search = self.assistant.retriever
        shown = [search.facet_distribution([i], np.ones(1)) for i in self.state.last_results
                 if i not in self.state.rejected]
        return self._stay(options_text(self.assistant.facets, facet, self.state, shown,
                                       asking=self.last_question is not None), turn)

    def _restart(self, turn: Turn) -> Reply:
        """"start over" alone (``_turn`` cleared the search): a fresh sample, as after the "New search" button, but
        the dialogue keeps every message and "undo" brings the search back."""
        self.state.last_results = [r.id for r in self.assistant.retriever.browse(self.assistant.config.results)]
        return self._stay("OK, starting over. " + GREETING.removeprefix("Hi! "), turn)

    def _travel(self, turn: Turn, rest: str | None, back: bool) -> Reply:
        """"undo" (``back``): the search as it was before the last turn that changed it; "redo": as the last
        "undo" found it, until the search changes again. Each keeps the search it leaves for the other; the
        dialogue keeps every message (the undone ones no longer count for the search). "Undo that, I meant
        blue": then the new words."""
        steps, other = (self.undo, self.redo) if back else (self.redo, self.undo)
        if not steps:
            return self._then(turn, rest, NOTHING_TO_UNDO if back else NOTHING_TO_REDO)
        snapshot = steps.pop()
        other[:] = _kept(other, self._snapshot(snapshot.get("said") or ""))
        self._restore(snapshot)
        done = "took back" if back else "put back"
        return self._then(turn, rest, f"OK, I {done} {snapshot.get('said') or 'your last step'}.")

    def _then(self, turn: Turn, rest: str | None, said: str) -> Reply:
        """``said`` after an undo or a redo, then the words that came with it ("undo that, I meant blue"): a step
        of its own, which a later "undo" takes back, and after which nothing is left to redo."""
        if not rest:
            return self._stay(said, turn)
        before = self._snapshot(f"“{rest.strip()}”")
        reply = self._step(turn, rest, [said])
        self.undo, self.redo = _kept(self.undo, before), []
        return reply

    def _restore(self, before: dict) -> None:
        """The search of a snapshot (``_turn``), with the dialogue as it is now: the turns the search was made of
        then count again, every later one is dropped."""
        turns, live = self.state.turns, set(before.get("live", range(len(self.state.turns))))
        for i, t in enumerate(turns):
            t.dropped = i not in live
        then = Session.from_dict(self.assistant, before)
        self.state, self.last_query, self.last_question = then.state, then.last_query, then.last_question
        self.state.turns = turns

    def _step(self, turn: Turn, read: str | None = None, notes: list[str] | None = None) -> Reply:
        """Reads the turn (``read``: only these words of its text, after an intent's), updates the beliefs,
        searches and asks; ``notes`` open the reply."""
        state, a = self.state, self.assistant
        idx = state.user_turns
        cfg = a.config
        images = [decode(img, cfg.max_image_pixels, cfg.max_upload_bytes) for img in turn.images]
        state.turns.append(TurnRecord("user", (turn.text or "").strip(), len(images), turn.action, turn.item_id))
        notes = list(notes or [])
        confirm, state.confirm = state.confirm, None  # the question asking to confirm a reading: this turn only

        if turn.action:
            done = self._act(turn.action, int(turn.item_id), idx)
            if done:
                return done
        for image in images:
            cap = a.captioner.caption(image)
            add_reference(state, cap.as_reference(idx))
        text = (turn.text if read is None else read).strip()
        if turn.answer_to in a.facets and text in a.facets[turn.answer_to].values:
            state.want(turn.answer_to, text, idx, "answer")  # a quick-answer button: the value itself
            state.answers.append((turn.answer_to, 1.0))
        elif turn.answer_to and text == DONT_CARE:
            state.retract(turn.answer_to, idx)
        elif text:
            parsed = parse(text, a.lexicon, expect=turn.answer_to or state.pending_question)
            if parsed.found and self.last_query is not None and state.last_results and not turn.action:
                return self._act("found", self._found_item(parsed, turn.looking_at), idx)  # "that's it" typed
            notes += read_message(state, a.retriever, a.facets, parsed, turn.answer_to, idx, bool(images), text,
                                  confirm, turn.looking_at)

        query = a.reformulator.compose(state)
        query.exclude_ids += [i for i in state.paged if i not in query.exclude_ids]  # "show me more"
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
        message = reply_text(notes, query.caption, len(results), question, state.user_turns)
        state.turns.append(TurnRecord("assistant", message, question_facet=question.facet if question else None))
        return Reply(message, results, question, query.caption, query.explanation)

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
            reference_from_result(state, self.assistant.retriever, self.assistant.facets, item_id, idx)
        return None

    def _found_item(self, parsed: Parsed, looking_at: int | None = None) -> int:
        """The result "that's it" points at: "the second one, that's it", else the one open, else the best shown."""
        shown = self.state.last_results
        for pos, liked in parsed.result_refs:
            if liked and (at := shown_at(shown, pos)) is not None:
                return at
        return looking_at if looking_at in shown else shown[0]
