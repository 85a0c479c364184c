"""Text fields that keep every key in the order it was typed.

Textual inserts a printable key the moment the focused `Input` handles it, but runs a bound
key (Enter, Backspace, the arrows, and the screen's F-keys) only after that key has bubbled up
through every parent to the app. A fast typist's next characters can overtake it: "note 1⏎ne"
became the note "note 1ne". `TextField` runs its own bound keys at once, in typing order.
`NoteInput` also runs the screen's and the app's keys at once (a phase change, a dialog) and
hands a note over the moment Enter is pressed, so no key lands in the wrong note or phase.

Both never select their text on focus (a recovered draft must not be replaced by the next
key), and blink their cursor only when the app allows it (`WerfApp.cursor_blink`), so what is
drawn depends on nothing but the keys pressed. A blinking cursor stands still (visible) once
nobody has typed in the field for BLINK_SECONDS, and blinks again at the next key: a note line
waiting through a long talk does not wake the app twice a second.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from textual import events
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widget import Widget
from textual.widgets import Input

BLINK_SECONDS = 10.0  # after this long without a key, the cursor stops blinking (stays drawn)
_now = time.monotonic  # tests move it


def app_blinks() -> bool:
    from textual._context import active_app

    try:
        return bool(getattr(active_app.get(), "cursor_blink", True))
    except LookupError:
        return True


def mark_seen(event: events.Key) -> None:
    """The note line or the notes list had this key: the run screen does not pass it on."""
    vars(event)["_werf_seen"] = True


def was_seen(event: events.Key) -> bool:
    return bool(vars(event).get("_werf_seen"))


def pass_on(widget: Widget, event: events.Key) -> bool:
    """A key routed to `widget` before focus moved away from it (Tab, a click, a dialog) goes
    where the user now types, in the order it came. True when it was passed on."""
    focused = widget.app.focused
    if focused is widget or focused is None or not widget.is_attached:
        return False
    event.stop()
    event.prevent_default()
    focused._forward_event(events.Key(event.key, event.character))
    return True


# Keys of the screen and app that move on within the same screen: run in typing order too.
MOVE_ON = frozenset({"focus_next", "focus_previous"})


class TextField(Input):
    """An Input that handles its own keys, and Tab / Shift+Tab, in the order they were typed
    ("Fa⇥Bo" typed fast put "FaBo" in the facilitator field).

    Its text's width is its virtual size. Textual's Input lays the whole screen out again
    when that changes, which it does with every key: a full layout and a full redraw of the
    screen per key typed. A field's own size never depends on its text here (no field is
    `width: auto`), so a new text width only needs the field itself redrawn."""

    virtual_size = Reactive(Size(0, 0), layout=False)

    def __init__(self, *args: Any, clear_on_submit: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)
        self._blinks = app_blinks()
        self.cursor_blink = self._blinks
        self._typed_at = _now()
        self._in_place: frozenset[str] = MOVE_ON
        self._clear_on_submit = clear_on_submit

    def _restart_blink(self) -> None:
        """A key, focus or click: blink again (when the app blinks), for BLINK_SECONDS."""
        self._typed_at = _now()
        if self._blinks and not self.cursor_blink:
            self.cursor_blink = True
        super()._restart_blink()

    def _toggle_cursor(self) -> None:
        if _now() - self._typed_at >= BLINK_SECONDS:
            self.cursor_blink = False  # Textual then pauses the blink and draws the cursor
            return
        super()._toggle_cursor()

    async def action_submit(self) -> None:
        """With `clear_on_submit` (a line that adds one item after another): the text is
        handed over and the line emptied in one step, so the next item's first keys, typed
        before the screen has handled this one, are not cleared away with it."""
        if not self._clear_on_submit:
            await super().action_submit()
            return
        value = self.value
        if value.strip():
            self.value = ""
        self.post_message(self.Submitted(self, value))

    def _passed_on(self, event: events.Key) -> bool:
        return pass_on(self, event)

    async def _run_now(self, event: events.Key) -> bool:
        """Run the key's binding now, not after it bubbled to the app: this field's own
        (Enter, Backspace, the arrows), or the screen's and app's if it is one of `_in_place`."""
        chain = [(self, self._bindings, None),
                 *((node, bindings, self._in_place) for node, bindings in self.screen._modal_binding_chain)]
        for namespace, bindings, allowed in chain:
            for binding in bindings.key_to_bindings.get(event.key, ()):
                if binding.priority or (allowed is not None
                                        and binding.action.rpartition(".")[2] not in allowed):
                    continue
                event.stop()
                event.prevent_default()
                await self.app.run_action(binding.action, namespace)
                return True
        return False

    async def _on_key(self, event: events.Key) -> None:
        mark_seen(event)
        if self._passed_on(event):
            return
        if not event.is_printable and await self._run_now(event):
            return
        await super()._on_key(event)


class NoteInput(TextField):
    """The run screen's note line. Enter hands the note to `on_enter` at once and empties the
    line; every change of the text goes to `on_edit` at once (the phase's draft). The screen's
    and the app's keys that change the screen in place (`in_place`: the timer, the phases, the
    round, the kind of note, the language, Tab) run in typing order with the text around them.
    Keys that open a dialog take the usual way: a person looks at a dialog before typing in it.
    """

    def __init__(self, *args: Any, on_enter: Callable[[str], None],
                 on_edit: Callable[[str], None], in_place: frozenset[str] = frozenset(),
                 **kwargs: Any) -> None:
        self._hand_over = on_enter
        self._keep_draft = on_edit
        self._quiet = True  # the text it starts with is the draft already saved
        super().__init__(*args, **kwargs)
        self._quiet = False
        self._in_place = in_place | MOVE_ON

    def show(self, text: str) -> None:
        """Show another phase's draft without counting it as typing."""
        self._quiet = True
        try:
            with self.prevent(Input.Changed):
                self.value = text
                self.cursor_position = len(text)
        finally:
            self._quiet = False

    def watch_value(self, value: str) -> None:
        if not self._quiet:
            self._keep_draft(value)

    async def action_submit(self) -> None:
        text = self.value
        if not text.strip():
            return
        self._hand_over(text)
        self.value = ""

