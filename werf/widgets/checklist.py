"""A list of check boxes that works by keyboard: focused, it always shows a highlighted row.

Textual's SelectionList starts without a highlighted row, so Space did nothing until an arrow
was pressed, and after the form was refilled for another person the highlight stayed where the
previous person left it, so Space toggled an item the user could not see."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import SelectionList


class CheckList(SelectionList[Any]):
    def _on_focus(self, event: events.Focus) -> None:
        if self.highlighted is None and self.option_count:
            self.highlighted = 0

    def reset_highlight(self) -> None:
        """Back to the first row (the form shows another person)."""
        self.highlighted = 0 if self.option_count else None
