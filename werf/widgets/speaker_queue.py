"""Who speaks now in a round, for how long, and who is next.

Like the phase clock, it wakes only when what it shows changes: while someone speaks and the
timer runs, once a second as the speaker's time passes the next rounded second; otherwise
not at all. It is laid out again only when its number of lines changes.
"""

from __future__ import annotations

from rich.text import Text
from textual.timer import Timer
from textual.widgets import Static

from werf.dates import duration_changes_in, duration_text
from werf.engine import SessionEngine, TurnStatus
from werf.i18n import _

WAKE_AFTER_CHANGE = 0.01  # seconds: wake just after the shown second has passed, not before


class SpeakerQueue(Static):
    """The speaker queue of the current round phase (hidden in other phases)."""

    def __init__(self, engine: SessionEngine, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kwargs)
        self.engine = engine
        self._shown: Text | None = None
        self._tick: Timer | None = None

    def on_mount(self) -> None:
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
            title = _("Round {number}").format(number=speaking_round.round_number)
            if self.border_title != title:
                self.border_title = title
            text = self.render_queue()
            shown = self._shown
            if shown is None or text.plain != shown.plain or text.spans != shown.spans:
                # lines of the same lengths wrap the same way: no need to lay out again
                same_size = shown is not None and _line_lengths(text) == _line_lengths(shown)
                self._shown = text
                self.update(text, layout=not same_size)
        self._wake_later()

    def _wake_later(self) -> None:
        if self._tick is not None:
            self._tick.stop()
            self._tick = None
        speaking_round = self.engine.current.round
        speaker = speaking_round.current if speaking_round is not None else None
        if speaker is not None and speaker.stopwatch.running:
            delay = duration_changes_in(speaker.stopwatch.elapsed()) + WAKE_AFTER_CHANGE
            self._tick = self.set_timer(delay, self.update_view, name="speaker-queue")


def _line_lengths(text: Text) -> list[int]:
    return [len(line) for line in text.plain.split("\n")]
