"""The list of phases with where the session is, and planned against actual minutes."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import ProgressBar, Static

from werf.engine import SessionEngine
from werf.i18n import _, get_language
from werf.labels import minutes_text


class PhaseList(Widget):
    """Phases of the protocol; the current one marked, visited ones ticked."""

    def __init__(self, engine: SessionEngine, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kwargs)
        self.engine = engine

    def compose(self) -> ComposeResult:
        yield Static(self.render_phases(), id="phase-lines")
        yield ProgressBar(total=len(self.engine.phases), show_eta=False, show_percentage=False,
                          id="phase-progress")

    def on_mount(self) -> None:
        self.border_title = _("Phases")
        self.update_view()

    def render_phases(self) -> Table:
        lang = get_language()
        table = Table.grid(expand=True, padding=(0, 1))
        table.add_column(width=1)
        table.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        table.add_column(justify="right", no_wrap=True)
        for index, state in enumerate(self.engine.phases):
            current = index == self.engine.index
            marker = "▶" if current else ("✓" if state.visited else " ")
            style = "bold reverse" if current else ("" if state.visited else "dim")
            planned = minutes_text(state.planned_seconds)
            if state.visited and state.elapsed() > 0:
                minutes = f"{minutes_text(state.elapsed())}/{planned}"
            else:
                minutes = planned
            table.add_row(
                marker,
                Text(f"{index + 1}. {state.phase.name.get(lang)}", style=style),
                Text(f"{minutes} min", style=style or "dim"),
            )
        return table

    def update_view(self) -> None:
        self.query_one("#phase-lines", Static).update(self.render_phases())
        self.query_one("#phase-progress", ProgressBar).update(progress=self.engine.index + 1)
