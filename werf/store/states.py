"""An action point's state in SQL over `actions a`: the rule of `werf.models.Action.state`
(open / done / dropped), in one place for every query. `done` says closed; a point a later
session's review dropped (schema 13 on) is closed but not done. tests/test_action_state.py
checks that the queries and the model agree."""

from __future__ import annotations

ACTION_OPEN = "a.done = 0"
ACTION_DROPPED = "(a.done != 0 AND a.follow_up IS 'dropped')"
ACTION_DONE = f"(a.done != 0 AND NOT {ACTION_DROPPED})"
ACTION_DONE_BEFORE_13 = "a.done != 0"  # no follow-up column yet: nothing was dropped
