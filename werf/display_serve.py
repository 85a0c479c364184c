"""`werf display --serve`: the room display in a browser on this computer, and nothing more.

textual-serve runs `werf display` behind a small web server. Its own page asks Google for a
font and shows a Textual logo; werf serves its own page instead (`werf/web/display.html`),
which loads only what this server serves (textual-serve's script and styles and the Roboto
Mono font it ships), starts the display as soon as it has loaded, and says that it is for this
computer only. The server listens on 127.0.0.1, never on a public address.

Needs the optional extra `werf[serve]` (textual-serve); `werf.cli` checks before importing.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server

from werf.i18n import _

LOCALHOST = "127.0.0.1"
PAGE_DIR = Path(__file__).resolve().parent / "web"
PAGE = "display.html"


def display_command(db: Path, lang: str) -> str:
    """The command textual-serve runs for each browser tab: this werf's `display`."""
    return shlex.join([sys.executable, "-m", "werf", "--db", str(db), "--lang", lang, "display"])


def page_text(port: int) -> dict[str, str]:
    """The page's own words, in the language werf runs in."""
    from werf.i18n import get_language

    return {
        "lang": get_language(),
        "only_here": _("this computer only"),
        "address": f"{LOCALHOST}:{port}",
        "starting": _("Starting the display…"),
        "start": _("Show the display"),
        "stopped": _("The display has stopped."),
        "fullscreen": _("double-click: full screen"),
    }


class RoomServer(Server):
    """textual-serve's server with werf's page, on 127.0.0.1 only."""

    def __init__(self, db: Path, lang: str, port: int) -> None:
        super().__init__(display_command(db, lang), host=LOCALHOST, port=port, title="werf",
                         templates_path=PAGE_DIR)

    @aiohttp_jinja2.template(PAGE)
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        context: dict[str, Any] = await Server.handle_index.__wrapped__(self, request)  # type: ignore[attr-defined]
        context["text"] = page_text(self.port)
        return context

    async def make_app(self) -> web.Application:
        """The web application, for tests that fetch the page without a browser."""
        return await self._make_app()


def serve_display(db: Path, lang: str, port: int) -> None:
    """Serve the room display at http://127.0.0.1:port until Ctrl+C."""
    import click

    click.echo(_("The display is at http://{host}:{port} (this computer only).").format(
        host=LOCALHOST, port=port))
    RoomServer(db, lang, port).serve()
