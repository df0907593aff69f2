"""Hostile inputs through ``Session.step``: refused with a clear message or accepted, and the dialogue goes on."""

from __future__ import annotations

import pytest

from agents.config import AgentConfig
from agents.turns import Reply, Turn
from tests.reliability.hostile import CASES, CONTRADICTION, NORMAL, Case, safe_text


def _check(reply: Reply, case: Case, forbidden: tuple[str, ...] = ()) -> None:
    texts = [reply.message, reply.error or "", reply.query, *reply.explanation]
    for t in texts:
        assert not safe_text(t), (case.name, t[:300], safe_text(t))
        assert not any(f in t for f in forbidden), (case.name, t[:300])
    if case.refused:
        assert reply.error, (case.name, reply.message[:300])
        assert case.expect in reply.error.lower(), (case.name, reply.error)
        assert len(reply.error) < 400
    else:
        assert reply.error is None, (case.name, reply.error)
        assert reply.results, case.name


def _next_turn_works(session) -> None:
    after = session.step(Turn(text=NORMAL))
    assert after.error is None and after.results, after.message
    assert "blue" in after.query


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_hostile_case(assistant, uploads, case):
    s = assistant.new_session()
    s.reset()
    s.step(Turn(text="a long dress"))
    turns, known = s.state.user_turns, dict(s.state.known())
    reply = s.step(Turn(text=case.text, images=[str(uploads / f) for f in case.files]))
    _check(reply, case, forbidden=(str(uploads),))
    if case.refused:  # a refused turn leaves the dialogue as it was
        assert s.state.user_turns == turns and s.state.known() == known
        assert [r.id for r in reply.results] == s.state.last_results
    _next_turn_works(s)


def test_uploads_as_bytes_are_handled_like_files(assistant, uploads):
    s = assistant.new_session()
    s.reset()
    bad = s.step(Turn(text="like this", images=[(uploads / "corrupt.jpg").read_bytes()]))
    # random bytes after a JPEG header: refused as not an image, or as a damaged one, depending on the bytes
    assert bad.error and bad.error.startswith("the upload") and ("not an image" in bad.error or "cannot be decoded" in bad.error)
    ok = s.step(Turn(text="like this", images=[(uploads / "cmyk.jpg").read_bytes()]))
    assert ok.error is None and ok.results
    odd = s.step(Turn(text="like this", images=[12345]))  # type: ignore[list-item]
    assert odd.error and "image" in odd.error


def test_contradiction_keeps_one_consistent_belief(assistant):
    s = assistant.new_session()
    s.reset()
    reply = s.step(Turn(text=CONTRADICTION))
    assert reply.error is None and reply.results
    belief = s.state.beliefs.get("colour")
    assert belief is not None, "the contradiction was dropped: red is neither wanted nor ruled out"
    assert (belief.positive == "red") != ("red" in belief.negatives), belief  # one of the two, never both


def test_configured_limits_are_enforced(assistant, uploads):
    from agents.session import Assistant

    limits = AgentConfig(results=8, max_message_chars=50, max_images_per_turn=1, max_image_pixels=40 * 30,
                         max_upload_bytes=2_000)
    small = Assistant.build(agents=limits, library=assistant.library).new_session()
    small.reset()
    cases = [
        (Turn(text="x" * 51), "50"),
        (Turn(text="like these", images=[str(uploads / "plain0.png"), str(uploads / "plain1.png")]), "at most 1"),
        (Turn(text="like this", images=[str(uploads / "palette.png")]), "too large"),  # 48x32 > 1,200 pixels
    ]
    for turn, expect in cases:
        reply = small.step(turn)
        assert reply.error and expect in reply.error, (expect, reply.error)
    assert small.step(Turn(text="x" * 50)).error is None
    assert small.step(Turn(text="like this", images=[str(uploads / "cmyk.jpg")])).error is None  # 40x30 fits


def test_upload_byte_limit_is_enforced_by_the_session(assistant, uploads):
    """``AgentConfig.max_upload_bytes`` is a per-file limit; the Session is the boundary every client goes through."""
    from agents.session import Assistant

    small = Assistant.build(agents=AgentConfig(results=8, max_upload_bytes=2_000), library=assistant.library)
    s = small.new_session()
    s.reset()
    big = uploads / "large_ok.jpg"
    assert big.stat().st_size > 2_000
    reply = s.step(Turn(text="like this", images=[str(big)]))
    assert reply.error and "large" in reply.error.lower(), reply.message
    reply = s.step(Turn(text="like this", images=[big.read_bytes()]))
    assert reply.error and "large" in reply.error.lower(), reply.message


def test_result_actions_that_make_no_sense(assistant):
    s = assistant.new_session()
    shown = [r.id for r in s.reset().results]
    first = s.step(Turn(text="a red dress"))
    old = [r.id for r in first.results]
    for item in (99_999_999, -1, 10**30):
        reply = s.step(Turn(action="like", item_id=item))
        assert reply.error and "isn't among" in reply.error
    assert s.step(Turn(action="delete", item_id=old[0])).error  # type: ignore[arg-type]
    assert s.step(Turn(action="like", item_id=None)).error
    fresh = s.reset()  # acting on a reset session: the ids shown before the reset are gone
    stale = next((i for i in old if i not in {r.id for r in fresh.results}), None)
    if stale is not None:
        reply = s.step(Turn(action="found", item_id=stale))
        assert reply.error and not reply.done
    assert shown  # the greeting showed something to act on
    reply = s.step(Turn(action="reject", item_id=fresh.results[0].id))
    assert reply.error is None and fresh.results[0].id not in [r.id for r in reply.results]
    _next_turn_works(s)


def test_answers_to_questions_never_asked(assistant):
    s = assistant.new_session()
    s.reset()
    for answer_to, text in (("colour", "red"), ("no-such-facet", "red"), ("../../etc/passwd", "blue"),
                            ("colour", "doesn't matter"), ("pattern", "plaid-ish"), ("colour", "")):
        reply = s.step(Turn(text=text, answer_to=answer_to))
        assert not safe_text(reply.message)
        assert reply.results, (answer_to, text, reply.message)
        if text:
            assert reply.error is None, (answer_to, text, reply.error)
        else:
            assert reply.error
    _next_turn_works(s)


def test_found_then_more_turns(assistant):
    s = assistant.new_session()
    s.reset()
    r = s.step(Turn(text="a red dress"))
    done = s.step(Turn(action="found", item_id=r.results[0].id))
    assert done.done and done.error is None
    again = s.step(Turn(action="found", item_id=r.results[0].id))  # a double click
    assert again.error is None or "isn't among" in again.error
    _next_turn_works(s)
