"""Who speaks now in a round, for how long, and who is next."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from werf.dates import duration_text
from werf.engine import SessionEngine, TurnStatus
from werf.i18n import _


class SpeakerQueue(Static):
    """The speaker queue of the current round phase (hidden in other phases)."""

    def __init__(self, engine: SessionEngine, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kwargs)
        self.engine = engine

    def on_mount(self) -> None:
        self.set_interval(0.5, self.update_view)
        self.update_view()

    def render_queue(self) -> Text:
        speaking_round = self.engine.current.round
        text = Text()
        if speaking_round is None:
            return text
        session = self.engine.session
        marks = {
            TurnStatus.SPEAKING: ("▶", "bold reverse"),
            TurnStatus.DONE: ("✓", ""),
            TurnStatus.PASSED: ("–", "dim"),
            TurnStatus.WAITING: (" ", ""),
        }
        for turn in speaking_round.turns:
            mark, style = marks.get(turn.status, (" ", ""))
            seconds = turn.stopwatch.elapsed()
            shown = duration_text(seconds) if seconds > 0 else ""
            suffix = f" ({_('passed')})" if turn.status == TurnStatus.PASSED else ""
            text.append(f"{mark} {session.participant_name(turn.participant_id)}{suffix}", style)
            text.append(f"  {shown}\n", style="dim")
        if not speaking_round.turns:
            text.append(_("Nobody takes part in this round."), style="italic")
        return text

    def update_view(self) -> None:
        speaking_round = self.engine.current.round
        self.display = speaking_round is not None
        if speaking_round is not None:
            self.border_title = _("Round {number}").format(number=speaking_round.round_number)
            self.update(self.render_queue())
