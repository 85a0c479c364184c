"""The key footer, recomposed only when what it shows changes.

Textual's footer builds all its keys anew whenever the screen's bindings may have changed:
on every focus change and every `refresh_bindings()`, so on every note saved and every Tab.
Each rebuild mounts a widget per key and restyles them all, and on the run screen that was the
largest cost of a keystroke that moves focus. This footer first compares what it would show
(keys, descriptions, enabled, tooltips, groups) with what it shows, and rebuilds only when it
differs: the same footer, drawn as often as it changes.

Each key is also built with its compact look already set: Textual's keys take it on after they
are mounted, and each one then restyles itself, a second styling of every key."""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey


class Footer(TextualFooter):
    _shown: tuple[Hashable, ...] | None = None

    def _what_it_shows(self) -> tuple[Hashable, ...]:
        """Everything of the screen's bindings that Textual's footer draws."""
        palette = self.app.COMMAND_PALETTE_BINDING
        return tuple(
            (key, binding.key, self.app.get_key_display(binding), binding.description,
             binding.action, enabled, tooltip, binding.tooltip,
             None if binding.group is None else (binding.group.description, binding.group.compact))
            for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == palette
        ) + (self.show_command_palette, self.app.ENABLE_COMMAND_PALETTE)

    def bindings_changed(self, screen: Screen) -> None:  # type: ignore[type-arg]
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

    async def _recompose_if_changed(self) -> None:
        if not self.is_attached:
            return
        shown = self._what_it_shows()
        if shown != self._shown:
            self._shown = shown
            await self.recompose()
