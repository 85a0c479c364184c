"""werf, once loaded, keeps the garbage collector from rescanning what lives all run."""

from __future__ import annotations

import gc

import pytest
from click.testing import CliRunner

from werf import memory


@pytest.fixture
def default_gc():  # type: ignore[no-untyped-def]
    """Python's own settings for the test, and the suite's back after it."""
    threshold = gc.get_threshold()
    gc.unfreeze()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*threshold)
    gc.freeze()


def test_the_app_starts_with_what_it_loaded_frozen_and_fewer_collections(default_gc, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from werf import app as app_module
    from werf.cli import main

    seen: list[tuple[int, int]] = []

    class FakeApp:
        return_code = 0

        def run(self) -> None:  # what the collector looks like when the first frame is drawn
            seen.append((gc.get_threshold()[0], gc.get_freeze_count()))

    monkeypatch.setattr(app_module, "build_app", lambda *a, **k: FakeApp())
    result = CliRunner().invoke(main, ["--lang", "en"])
    assert result.exit_code == 0, result.output
    assert seen and seen[0][0] == memory.YOUNGEST and seen[0][1] > 10_000


def test_a_cycle_made_after_the_start_is_still_collected(default_gc) -> None:  # type: ignore[no-untyped-def]
    import weakref

    memory.settle_after_start()

    class Node:
        pass

    first, second = Node(), Node()
    first.other, second.other = second, first  # type: ignore[attr-defined]
    gone = weakref.ref(first)
    del first, second
    gc.collect()
    assert gone() is None
