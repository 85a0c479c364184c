"""One rule for an action point's state (open / done / dropped): `Action.state`, which the
store's queries, the figures, the open list, the minutes, the summary and the book of
takeaways all follow. A point a later session dropped is closed (stored done = 1, so every
"open" query stays `done = 0`) but not done."""

from __future__ import annotations

import itertools
from datetime import date

from werf.i18n import set_language
from werf.minutes import build_content, render_markdown
from werf.models import Action, ActionState, FollowUp, Note, RecordKind, SessionStatus
from werf.recorder import Recorder, direct_sink
from werf.stats import compute_stats
from werf.store import Store
from werf.summary import session_text
from werf.takeaways import book_entry

from .helpers import make_session, protocol

TODAY = date(2026, 12, 1)
OUTCOMES = [None, *FollowUp]


def every_combination() -> list[Action]:
    return [Action(phase_index=0, text=f"punt {done} {outcome}", owner="Bram", done=done,
                   done_on=TODAY if done else None, follow_up=outcome, due=date(2026, 11, 1))
            for done, outcome in itertools.product((False, True), OUTCOMES)]


def test_the_state_is_one_rule_for_python_and_the_store() -> None:
    session = make_session()
    session.status = SessionStatus.FINISHED
    session.actions = every_combination()
    store = Store.memory()
    store.save_session(session)
    states = [action.state for action in session.actions]
    assert states == [ActionState.OPEN] * 4 + [ActionState.DONE, ActionState.DONE, ActionState.DONE,
                                               ActionState.DROPPED]
    figures = compute_stats(store, team=session.team, today=TODAY)
    assert (figures.actions_open, figures.actions_done, figures.actions_dropped) == (
        states.count(ActionState.OPEN), states.count(ActionState.DONE), states.count(ActionState.DROPPED))
    assert figures.actions_overdue == states.count(ActionState.OPEN)  # all were due 1 November
    assert {item.action.id for item in store.open_actions(session.team)} == {
        action.id for action in session.actions if action.state is ActionState.OPEN}
    assert [a.id for a in session.open_actions] == [a.id for a in session.actions if a.state is ActionState.OPEN]


def test_a_dropped_action_point_reads_as_dropped_everywhere() -> None:
    set_language("nl")
    try:
        session = make_session()
        session.status = SessionStatus.FINISHED
        session.notes.append(Note(phase_index=0, kind=RecordKind.TAKEAWAY, text="Vraag eerst door"))
        session.actions = [Action(phase_index=0, text="Huisarts inlichten", owner="Bram", done=True,
                                  done_on=TODAY, follow_up=FollowUp.DROPPED, followed_up_on=TODAY)]
        entry = book_entry(session, "nl")
        assert entry is not None and [a.state for a in entry.actions] == [ActionState.DROPPED]
        assert "(vervallen)" in session_text(session, protocol())
    finally:
        set_language("en")


def test_marking_a_reopened_dropped_point_done_makes_it_done() -> None:
    """The review dropped it; a colleague opens it again, then marks it done after all: it is
    done (not dropped), and the minutes no longer say "dropped"."""
    session = make_session()
    session.status = SessionStatus.FINISHED
    session.actions = [Action(phase_index=0, text="Huisarts inlichten", owner="Bram", done=True,
                              done_on=TODAY, follow_up=FollowUp.DROPPED, followed_up_on=TODAY)]
    store = Store.memory()
    store.save_session(session)
    record = Recorder(session, direct_sink(store))
    action_id = session.actions[0].id
    reopened = record.set_action_done(action_id, None)
    assert reopened is not None and reopened.state is ActionState.OPEN
    minutes = render_markdown(build_content(record.session, protocol(), "en"))
    assert "dropped" not in minutes and "| open |" in minutes.replace("  ", " ")
    done = record.set_action_done(action_id, TODAY)
    assert done is not None and done.state is ActionState.DONE
    assert compute_stats(store, team=session.team, today=TODAY).actions_done == 1
