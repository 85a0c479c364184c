"""The screen's title bar, safe for a screen that closes while it is still being drawn.

Textual's `Header` fills in its title in a callback after mounting; when the screen is closed
before that callback runs (Ctrl+R then Escape, typed fast), the title is gone and the callback
raises `NoMatches`, which ends the app. This header does the same and lets a title that is no
longer there be.
"""

from __future__ import annotations

from contextlib import suppress

from textual.app import ComposeResult
from textual.css.query import NoMatches
from textual.events import Mount
from textual.widgets import Header
from textual.widgets._header import HeaderClock, HeaderClockSpace, HeaderIcon, HeaderTitle

from werf.i18n import _


class WerfHeaderIcon(HeaderIcon):
    """The header's icon, with its tooltip in the user's language."""

    def _on_mount(self, event: Mount) -> None:
        event.prevent_default()  # instead of HeaderIcon.on_mount, whose tooltip is English
        if self.app.ENABLE_COMMAND_PALETTE:
            self.tooltip = _("Open the command palette")
        else:
            self.disabled = True


class WerfHeader(Header):
    def compose(self) -> ComposeResult:
        yield WerfHeaderIcon().data_bind(Header.icon)
        yield HeaderTitle()
        yield HeaderClock().data_bind(Header.time_format) if self._show_clock else HeaderClockSpace()

    def _on_mount(self, event: Mount) -> None:
        event.prevent_default()  # instead of Header._on_mount, which does not catch NoMatches

        async def set_title() -> None:
            with suppress(NoMatches):  # the screen closed before its title was drawn
                self.query_one(HeaderTitle).update(self.format_title())

        self.watch(self.app, "title", set_title)
        self.watch(self.app, "sub_title", set_title)
        self.watch(self.screen, "title", set_title)
        self.watch(self.screen, "sub_title", set_title)
