"""Typing in setup does no work proportional to the form: the role lists are rebuilt when the
names they offer change (the facilitator's name once it is typed), not at every key."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Select

from .pilot import make_app, settle, type_text


async def test_facilitator_typing_rebuilds_no_role_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rebuilt: list[str] = []
    real = Select.set_options

    def counting(self: Select, options):  # type: ignore[no-untyped-def]
        rebuilt.append(self.id or "")
        return real(self, options)

    monkeypatch.setattr(Select, "set_options", counting)
    app = make_app(tmp_path / "w.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        app.screen.query_one("#facilitator").focus()
        await pilot.pause()
        rebuilt.clear()
        await type_text(pilot, "Fatima")
        assert rebuilt == []  # six keys, no role list rebuilt
        await pilot.press("tab")  # the name is typed: the role lists offer it now
        await settle(pilot)
        assert rebuilt and all(name.startswith("role-") for name in rebuilt)
        count = len(rebuilt)
        bringer = app.screen.query_one("#role-case_bringer", Select)
        assert "Fatima" in [value for _label, value in bringer._options]
        app.screen.query_one("#facilitator").focus()
        await pilot.pause()
        await pilot.press("tab")  # left again without a change: nothing to rebuild
        await settle(pilot)
        assert len(rebuilt) == count
