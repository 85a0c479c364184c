"""The `werf` command line: starts the app, and the commands scripts and coordinators use.

Heavy modules (Textual, sqlite-utils, pydantic models) are imported inside the commands that
need them, so `werf --version` and the first screen stay quick.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from werf import __version__
from werf.i18n import _, choose_language, ngettext, set_language


def _fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(1)


def _open_store(db: str | None):  # type: ignore[no-untyped-def]
    from werf.paths import database_path
    from werf.store import Store, StoreError

    try:
        return Store.open(database_path(db))
    except StoreError as error:
        _fail(error.user_message())


def _catalog():  # type: ignore[no-untyped-def]
    from werf.paths import default_paths
    from werf.protocols import load_catalog

    return load_catalog([default_paths().protocols_dir])


GLOBAL_OPTIONS = ("--db", "--lang")


class WerfGroup(click.Group):
    """`--db` and `--lang` belong to werf itself, but people write them where they think of
    them: `werf display --lang nl` works like `werf --lang nl display`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, hoist_global_options(args))


def hoist_global_options(args: list[str]) -> list[str]:
    """Move `--db X`, `--db=X`, `--lang X`, `--lang=X` given after the subcommand to the front
    (up to a `--`, after which everything is an argument)."""
    front: list[str] = []
    rest: list[str] = []
    seen_command = False
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest += args[index:]
            break
        name = arg.split("=", 1)[0]
        if seen_command and name in GLOBAL_OPTIONS:
            if "=" in arg or index + 1 >= len(args):
                front.append(arg)
                index += 1
            else:
                front += [arg, args[index + 1]]
                index += 2
            continue
        if not arg.startswith("-") and not seen_command:
            seen_command = not (rest and rest[-1] in GLOBAL_OPTIONS)
        rest.append(arg)
        index += 1
    return front + rest


@click.group(cls=WerfGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db", envvar="WERF_DB", type=click.Path(dir_okay=False),
              help="Database file (default: werf.db in the user data folder).")
@click.option("--lang", type=click.Choice(["nl", "en"]), default=None,
              help="Language of the app (default: language in the config file, else the system's: "
                   "LANGUAGE, LC_ALL, LC_MESSAGES, LANG, the locale).")
@click.version_option(__version__, prog_name="werf")
@click.pass_context
def main(ctx: click.Context, db: str | None, lang: str | None) -> None:
    """werf: structured intervision sessions for social-care teams."""
    configured = None
    if lang is None:  # --lang wins over the config file, which wins over the system locale
        from werf.config import load_config

        configured = load_config()[0].language
    set_language(choose_language(lang, configured))
    ctx.ensure_object(dict)
    ctx.obj["db"] = db
    if ctx.invoked_subcommand is None:
        from werf.app import build_app
        from werf.memory import settle_after_start
        from werf.paths import database_path

        app = build_app(database_path(db))
        settle_after_start()
        app.run()
        if app.return_code:
            sys.exit(app.return_code)


@main.command()
@click.pass_context
def paths(ctx: click.Context) -> None:
    """Show where werf keeps its files."""
    from werf.paths import database_path, default_paths

    where = default_paths()
    rows = [
        (_("Database"), database_path(ctx.obj["db"])),
        (_("Config file"), where.config_file),
        (_("Your protocols"), where.protocols_dir),
        (_("Exports"), where.exports_dir),
    ]
    width = max(len(label) for label, _path in rows)
    for label, path in rows:
        click.echo(f"{label:<{width}}  {path}")


@main.command()
@click.option("--serve", is_flag=True,
              help="Serve the display to a browser on this machine only (needs werf[serve]).")
@click.option("--port", default=8765, show_default=True, help="Port for --serve (localhost).")
@click.pass_context
def display(ctx: click.Context, serve: bool, port: int) -> None:
    """Show the running session for the room (projector), read-only."""
    from werf.i18n import get_language
    from werf.paths import database_path

    db = database_path(ctx.obj["db"])
    if serve:
        serve_display(db, get_language(), port)
        return
    from werf.display_app import DisplayApp
    from werf.memory import settle_after_start

    display_app = DisplayApp(db)
    settle_after_start()
    display_app.run()


def serve_display(db: Path, lang: str, port: int) -> None:
    """The room display in a browser, served on 127.0.0.1 only (werf.display_serve)."""
    import importlib.util

    if importlib.util.find_spec("textual_serve") is None:
        _fail(_("Serving to a browser needs the optional extra: pip install 'werf[serve]'"))
    from werf.display_serve import serve_display as serve

    serve(db, lang, port)


@main.command("config")
def config_command() -> None:
    """Print the effective settings (the config file plus defaults)."""
    from werf.config import config_path, load_config

    config, problems = load_config()
    for problem in problems:
        click.echo(problem, err=True)
    click.echo(f"# {config_path()}")
    for name, value in config.as_dict().items():
        if value is None:
            click.echo(f"# {name} = ({_('not set')})")
        elif isinstance(value, dict):
            click.echo(f"[{name}]")
            for key, keys in value.items():
                click.echo(f"{key} = {json.dumps(keys, ensure_ascii=False)}")
        else:
            click.echo(f"{name} = {json.dumps(value, ensure_ascii=False)}")


@main.group()
def protocols() -> None:
    """List and check intervision protocols."""


@protocols.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def protocols_list(as_json: bool) -> None:
    """List the protocols werf can run."""
    from werf.dates import format_decimal
    from werf.i18n import get_language

    catalog = _catalog()
    lang = get_language()
    if as_json:
        click.echo(json.dumps([p.model_dump(mode="json") for p in catalog], indent=2,
                              ensure_ascii=False))
    else:
        for protocol in catalog:
            click.echo(
                f"{protocol.id:<22} {protocol.name.get(lang)} "
                "(" + ngettext("{count} phase", "{count} phases", len(protocol.phases)).format(
                    count=len(protocol.phases))
                + f", {format_decimal(protocol.total_minutes, None)} min)"
            )
    for error in catalog.errors:
        click.echo(error.describe(), err=True)


@protocols.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def protocols_validate(files: tuple[Path, ...]) -> None:
    """Check protocol files; exit 1 with file, field and reason for each error."""
    from werf.protocols.loader import ProtocolLoadFailed, load_protocol_file

    failed = False
    seen: dict[str, Path] = {}
    for path in files:
        try:
            protocol = load_protocol_file(path)
        except ProtocolLoadFailed as problem:
            failed = True
            for error in problem.errors:
                click.echo(error.describe(), err=True)
            continue
        if protocol.id in seen:
            failed = True
            click.echo(_("{file}: id: duplicate protocol id '{id}', already defined in {other}")
                       .format(file=path, id=protocol.id, other=seen[protocol.id]), err=True)
            continue
        seen[protocol.id] = path
        count = len(protocol.phases)
        click.echo(ngettext("{file}: valid ({id}, {count} phase)", "{file}: valid ({id}, {count} phases)",
                            count).format(file=path, id=protocol.id, count=count))
    if failed:
        sys.exit(1)


@main.group()
def sessions() -> None:
    """List and show sessions."""


class DateParam(click.ParamType):
    """A date option read by werf's one parser (DD-MM-YYYY or YYYY-MM-DD): a bad date ends
    with click's one usage line and werf's message, in the user's language."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        from werf.dates import DateError, parse_date

        try:
            return parse_date(str(value))
        except DateError as error:
            self.fail(error.user_message(), param, ctx)


DATE = DateParam()


@sessions.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--search", default=None, help="Words in the case: title, question, notes, action points, network.")
@click.option("--team", default=None, help="Only this team.")
@click.option("--since", type=DATE, default=None, help="From this date (DD-MM-YYYY or YYYY-MM-DD).")
@click.option("--until", type=DATE, default=None, help="Up to this date (DD-MM-YYYY or YYYY-MM-DD).")
@click.option("--theme", default=None,
              help="Only sessions given this theme (a starting theme in Dutch or English).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text",
              show_default=True, help="csv: semicolon-separated with a BOM, for Excel.")
@click.pass_context
def sessions_list(ctx: click.Context, as_json: bool, search: str | None, team: str | None,
                  since: date | None, until: date | None, theme: str | None, fmt: str) -> None:
    """List sessions, newest first."""
    store = _open_store(ctx.obj["db"])
    found = store.list_sessions(team=team, since=since, until=until,
                                search=search, theme=theme)
    if as_json or fmt == "json":
        click.echo(json.dumps([vars(s) for s in found], indent=2, ensure_ascii=False))
        return
    if fmt == "csv":
        _echo_csv([_("Session"), _("Date"), _("Team"), _("Protocol"), _("Facilitator"), _("Status"),
                   _("Open action points"), _("Case")],
                  [(s.id, s.date, s.team, s.protocol_id, s.facilitator, s.status, s.open_actions,
                    s.case_title) for s in found])
        return
    from werf.dates import format_date

    for s in found:
        status = _("finished") if s.status == "finished" else _("unfinished")
        click.echo(f"{s.id[:8]}  {format_date(s.date)}  {s.team:<20} {s.protocol_id:<20} "
                   f"{s.case_title}  [{status}]")


@sessions.command("show")
@click.argument("session_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def sessions_show(ctx: click.Context, session_id: str, as_json: bool) -> None:
    """Show one session (an ID or the start of one)."""
    store = _open_store(ctx.obj["db"])
    session = store.load_session(_resolve_id(store, session_id))
    assert session is not None
    if as_json:
        from werf.exchange import archive_bytes, archive_session

        catalog = _catalog()
        archive = archive_session(session, catalog.get(session.protocol_id))
        click.echo(archive_bytes(archive).decode("utf-8"))
        return
    from werf.summary import session_text

    catalog = _catalog()
    click.echo(session_text(session, catalog.get(session.protocol_id)))


@main.command("export")
@click.argument("session_ids", nargs=-1)
@click.option("--all", "export_all", is_flag=True, help="Export every session.")
@click.option("--format", "fmt", type=click.Choice(["docx", "md", "json"]), default="docx",
              show_default=True, help="Word minutes, Markdown minutes or a session archive.")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder to write into (default: the export folder of the config).")
@click.option("--pseudonymise", is_flag=True, help="Replace names by roles and placeholders.")
@click.option("--name", "names", multiple=True, metavar="NAME",
              help="A name to pseudonymise besides those found (repeatable).")
@click.option("--for", "audience", type=click.Choice(["team", "coordinator"]), default="team",
              show_default=True,
              help="Whom a JSON archive is for: the team (whole) or the coordinator (without "
                   "client identifiers, with colleagues' names and roles).")
@click.option("--by-speaker/--not-by-speaker", "by_speaker", default=None,
              help="Minutes group a round's notes by who said them (default: minutes_by_speaker "
                   "in the config file, else not).")
@click.pass_context
def export_command(ctx: click.Context, session_ids: tuple[str, ...], export_all: bool, fmt: str,
                   out: Path | None, pseudonymise: bool, names: tuple[str, ...], audience: str,
                   by_speaker: bool | None) -> None:
    """Export sessions as minutes or archives (atomic; never overwrites a file)."""
    from werf.config import load_config
    from werf.export import ExportError
    from werf.export_pool import ExportJob, export_many
    from werf.i18n import get_language
    from werf.paths import default_paths

    if bool(session_ids) == export_all:
        _fail(_("Name one or more session IDs, or use --all."))
    if audience == "coordinator" and fmt != "json":
        _fail(_("--for coordinator makes an archive: add --format json (or use --pseudonymise "
                "for minutes)."))
    config, problems = load_config()
    for problem in problems:
        click.echo(problem, err=True)
    store = _open_store(ctx.obj["db"])
    ids = [s.id for s in store.list_sessions()] if export_all else [
        _resolve_id(store, wanted) for wanted in session_ids]
    job = ExportJob(fmt=fmt, folder=out or config.export_folder(), lang=get_language(),
                    pseudonymise=pseudonymise or config.pseudonymise, template=config.template,
                    names=names, protocol_dirs=(default_paths().protocols_dir,),
                    audience="coordinator" if audience == "coordinator" else "team",
                    by_speaker=config.minutes_by_speaker if by_speaker is None else by_speaker)
    try:
        for done in export_many(store, _catalog(), ids, job, progress=_export_progress):
            click.echo(str(done.path))
            if done.found:
                from werf.minutes.replaced import describe, listing

                click.echo("  " + _("Pseudonymised: {found}").format(
                    found=describe(listing(done.found), get_language())), err=True)
            for warning in done.warnings:
                click.echo(f"  {warning}", err=True)
    except ExportError as error:
        _fail(error.user_message() + " " + _("The sessions are safe in the database."))


def _export_progress(done: int, total: int) -> None:
    """Many sessions: a line on stderr at every tenth part (stdout keeps only the paths)."""
    if total >= 20 and done * 10 // total != (done - 1) * 10 // total:
        click.echo(ngettext("{done} of {total} session exported", "{done} of {total} sessions exported",
                            total).format(done=done, total=total), err=True)


def _book_progress(done: int, total: int) -> None:
    """A large book: a line on stderr at every tenth part of the sessions read."""
    if total >= 100 and done * 10 // total != (done - 1) * 10 // total:
        click.echo(ngettext("{done} of {total} session read", "{done} of {total} sessions read",
                            total).format(done=done, total=total), err=True)


@main.command("takeaways")
@click.option("--theme", default=None, help="Only this theme (default: a chapter per theme).")
@click.option("--team", default=None, help="Only this team.")
@click.option("--format", "fmt", type=click.Choice(["docx", "md"]), default="docx",
              show_default=True, help="Word or Markdown.")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder to write into (default: the export folder of the config).")
@click.pass_context
def takeaways_command(ctx: click.Context, theme: str | None, team: str | None, fmt: str,
                      out: Path | None) -> None:
    """Export the team's book of takeaways: what sessions taught, without case details."""
    from werf.config import load_config
    from werf.export import ExportError, export_book
    from werf.i18n import get_language
    from werf.takeaways import build_book

    config, problems = load_config()
    for problem in problems:
        click.echo(problem, err=True)
    store = _open_store(ctx.obj["db"])
    if theme is not None:  # a starting theme in either language, its key, or a team's words
        from werf.theme_list import shown_theme, stored_theme

        in_use = store.themes_in_use(team)
        wanted = stored_theme(theme).casefold()
        matching = [name for name in in_use if name.casefold() == wanted]
        if not matching:
            _fail(_("No session has the theme “{theme}”. Themes in use: {themes}").format(
                theme=theme, themes=", ".join(sorted(map(shown_theme, in_use), key=str.casefold))
                or "–"))
        theme = matching[0]
    book = build_book(store, lang=get_language(), theme=theme, team=team, catalog=_catalog(),
                      workers=None, progress=_book_progress)
    if not book.entries:
        _fail(_("No session has takeaways or action points yet."))
    try:
        path = export_book(book, fmt, out or config.export_folder())
    except ExportError as error:
        _fail(error.user_message())
    else:
        click.echo(str(path))


def _resolve_id(store, wanted: str) -> str:  # type: ignore[no-untyped-def]
    matches = store.session_ids_starting(wanted)
    if len(matches) != 1:
        _fail(_("No single session matches '{id}'.").format(id=wanted))
    return matches[0]


@main.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--team", "teams", multiple=True, metavar="NAME",
              help="Only sessions of this team (repeatable); archives of other teams are skipped.")
@click.pass_context
def import_command(ctx: click.Context, paths: tuple[Path, ...], teams: tuple[str, ...]) -> None:
    """Import session archives (.json files or folders of them); safe to repeat."""
    from werf.exchange import import_archives

    store = _open_store(ctx.obj["db"])
    report = import_archives(store, paths, teams=teams or None)
    for line in report.lines():
        click.echo(line)
    if report.problems:
        sys.exit(1)


def _shared_folder(folder: Path | None) -> Path:
    """--folder, else shared_folder of the config; exit 1 when neither names one."""
    from werf.config import load_config

    chosen = folder or load_config()[0].shared_folder
    if chosen is None:
        _fail(_("Give --folder, or set shared_folder in the config file."))
    return Path(chosen).expanduser()  # type: ignore[arg-type]


def _session_label(store):  # type: ignore[no-untyped-def]
    from werf.dates import format_date

    def label(session_id: str) -> str:
        session = store.load_session(session_id)
        if session is None:
            return session_id[:8]
        return f"{format_date(session.date)} {session.team} ({session_id[:8]})"

    return label


def _publish_progress(done: int, total: int) -> None:
    """Many finished sessions: a line on stderr at every tenth of them looked at."""
    if total >= 100 and done * 10 // total != (done - 1) * 10 // total:
        click.echo(ngettext("{done} of {total} finished session compared with the shared folder",
                            "{done} of {total} finished sessions compared with the shared folder",
                            total).format(done=done, total=total), err=True)


@main.command("sync")
@click.option("--folder", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The shared folder (default: shared_folder of the config).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def sync_command(ctx: click.Context, folder: Path | None, as_json: bool) -> None:
    """Read the shared folder and publish to it; exit 3 while conflicts wait."""
    from werf.shared_folder import SyncFolderError, sync

    where = _shared_folder(folder)
    store = _open_store(ctx.obj["db"])
    try:
        report = sync(store, where, progress=_publish_progress)  # on stderr
    except (SyncFolderError, OSError) as error:
        _fail(str(error))
    if as_json:
        click.echo(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
    else:
        for line in report.lines(_session_label(store)):
            click.echo(line)
    if report.failed:
        sys.exit(1)
    if report.conflicts:
        sys.exit(3)


@main.command("conflicts")
@click.argument("conflict_id", required=False)
@click.option("--keep", type=click.Choice(["mine", "theirs", "both"]), default=None,
              help="Settle the conflict: this laptop's version, the other one, or both.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def conflicts_command(ctx: click.Context, conflict_id: str | None, keep: str | None,
                      as_json: bool) -> None:
    """List the conflicts from the shared folder, or settle one (ID --keep mine|theirs|both);
    exit 3 while conflicts wait."""
    from werf.shared_folder import conflict_json, describe, find_conflict, resolve, what

    store = _open_store(ctx.obj["db"])
    if conflict_id is not None:
        if keep is None:
            _fail(_("Say which version to keep: --keep mine, theirs or both."))
        found = find_conflict(store, conflict_id)
        if len(found) != 1:
            _fail(_("No single conflict matches '{id}'.").format(id=conflict_id))
        resolve(store, found[0], keep)  # type: ignore[arg-type]
        if not as_json:
            click.echo(_("Settled: {what} of {session}; the next sync shares it.").format(
                what=what(found[0].key), session=_session_label(store)(found[0].session_id)))
    elif keep is not None:
        _fail(_("Name the conflict to settle (its ID, or the session's)."))
    waiting = store.conflicts()
    if as_json:
        click.echo(json.dumps([conflict_json(c) for c in waiting], indent=2, ensure_ascii=False))
    elif conflict_id is None:
        label = _session_label(store)
        if not waiting:
            click.echo(_("No conflicts."))
        for conflict in waiting:
            click.echo(f"{conflict.id[:8]}  {label(conflict.session_id)}: {what(conflict.key)}")
            click.echo(f"    {_('mine')}:   {describe(conflict.key, conflict.mine)}")
            click.echo(f"    {_('theirs')}: {describe(conflict.key, conflict.theirs)}")
    if waiting:
        sys.exit(3)


@main.command()
@click.option("--team", default=None, help="Only this team.")
@click.option("--since", type=DATE, default=None, help="From this date (DD-MM-YYYY or YYYY-MM-DD).")
@click.option("--until", type=DATE, default=None, help="Up to this date (DD-MM-YYYY or YYYY-MM-DD).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text",
              show_default=True, help="csv: one row per team, semicolon-separated with a BOM.")
@click.option("--table", type=click.Choice(["teams", "months", "attendance"]), default="teams",
              show_default=True, help="With --format csv: one row per team; per team and month "
              "(sessions, marks, pulse); or per team, month and colleague (attendance).")
@click.pass_context
def stats(ctx: click.Context, team: str | None, since: date | None, until: date | None,
          as_json: bool, fmt: str, table: str) -> None:
    """Figures per team and period (sessions, rota, protocols, time, actions, marks, pulse,
    attendance); no case content."""
    from werf.dates import format_decimal
    from werf.stats import compute_stats

    store = _open_store(ctx.obj["db"])
    if fmt == "csv" and table == "teams":
        _echo_team_csv(store, team, since, until)
        return
    as_json = as_json or fmt == "json"
    figures = compute_stats(store, team=team, since=since, until=until,
                            catalog=_catalog())
    if fmt == "csv":
        _echo_month_csv(figures, table)
        return
    if as_json:
        click.echo(json.dumps(figures.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return
    click.echo(f"{_('Sessions')}: {figures.sessions_held}")
    click.echo(f"{_('Participants')}: {figures.participants_distinct} "
               f"({format_decimal(figures.participants_per_session_avg)} / {_('session')})")
    for label, counts in ((_("Case bringers"), figures.case_bringers),
                          (_("Facilitators"), figures.facilitators),
                          (_("Protocols"), figures.protocols)):
        click.echo(f"{label}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    click.echo(f"{_('Action points')}: {figures.actions_made} / {figures.actions_done} / "
               f"{figures.actions_open} / {figures.actions_overdue} "
               f"({_('made / done / open / overdue')})")
    _echo_carriers_and_themes(figures)
    for month in figures.months:
        if month.mark_average is None and month.pulse is None:
            continue
        mark = (f"{format_decimal(month.mark_average)} ({month.marks})"
                if month.mark_average is not None else "–")
        pulse = (f"{format_decimal(month.pulse)} ({month.pulse_answers})"
                 if month.pulse is not None else "–")
        click.echo(f"{month.team} {month.month}: {_('mark')} {mark}, {_('team pulse')} {pulse}")


def _echo_month_csv(figures, table: str) -> None:  # type: ignore[no-untyped-def]
    """Per team and month (sessions, marks, pulse), or per team, month and colleague."""
    if table == "months":
        _echo_csv([_("Team"), _("Month"), _("Sessions"), _("Average mark"), _("Marks"),
                   _("Team pulse (1–7)"), _("Pulse answers")],
                  [(m.team, m.month, m.sessions, m.mark_average, m.marks or None, m.pulse,
                    m.pulse_answers or None) for m in figures.months])
        return
    _echo_csv([_("Team"), _("Month"), _("Name"), _("Present"), _("Absent"),
               _("Absent with apologies")],
              [(m.team, m.month, m.name, m.present, m.absent, m.apologies)
               for m in figures.attendance_by_month])


@main.command("rota")
@click.argument("team")
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "json"]), default="text",
              show_default=True, help="csv: semicolon-separated with a BOM, for Excel.")
@click.pass_context
def rota_command(ctx: click.Context, team: str, fmt: str) -> None:
    """The team's rota: when each member last brought a case and facilitated, and who is next."""
    from werf.dates import format_date
    from werf.exchange import same_team
    from werf.labels import ROLE_NAMES
    from werf.overview import team_rota

    store = _open_store(ctx.obj["db"])
    found = [name for name in store.teams() if same_team(name, [team])]
    if not found:
        _fail(_("No sessions of the team “{team}”.").format(team=team))
    rota = team_rota(store, found[0])
    rows = rota.rows()
    if fmt == "json":
        suggestion = rota.suggest()
        click.echo(json.dumps({
            "team": rota.team,
            "members": [{"name": line.name,
                         "last_case_bringer": line.last_case_bringer and line.last_case_bringer.isoformat(),
                         "last_facilitator": line.last_facilitator and line.last_facilitator.isoformat(),
                         "next": role and role.value} for line, role in rows],
            "next_case_bringer": suggestion.case_bringer, "next_facilitator": suggestion.facilitator,
        }, indent=2, ensure_ascii=False))
        return
    if fmt == "csv":
        _echo_csv([_("Team"), _("Name"), _("Last case bringer"), _("Last facilitator"), _("Next time")],
                  [(rota.team, line.name, line.last_case_bringer, line.last_facilitator,
                    _(ROLE_NAMES[role]) if role else "") for line, role in rows])
        return
    click.echo(rota.team)
    header = (_("Name"), _("Last case bringer"), _("Last facilitator"), _("Next time"))
    width = max([len(header[0]), *(len(line.name) for line, _role in rows)]) + 2
    click.echo(f"{header[0]:<{width}}{header[1]:<20}{header[2]:<20}{header[3]}")
    for line, role in rows:
        click.echo((f"{line.name:<{width}}"
                    f"{format_date(line.last_case_bringer) if line.last_case_bringer else '–':<20}"
                    f"{format_date(line.last_facilitator) if line.last_facilitator else '–':<20}"
                    f"{_(ROLE_NAMES[role]) if role else ''}").rstrip())


def _echo_csv(header: list[str], rows: list[tuple[Any, ...]]) -> None:
    from werf.csv_out import csv_text

    click.echo(csv_text(header, rows), nl=False)


def _echo_team_csv(store, team: str | None, since: date | None,  # type: ignore[no-untyped-def]
                   until: date | None) -> None:
    """The figures as one row per team (the coordinator's overview)."""
    from werf.dates import local_time
    from werf.exchange import same_team
    from werf.overview import team_overview

    rows = [row for row in team_overview(store, date.today(), since, until)
            if team is None or same_team(row.team, [team])]
    _echo_csv([_("Team"), _("Sessions"), _("Finished"), _("Attendance"), _("Action points"),
               _("Open"), _("Overdue"), _("First session"), _("Last session"),
               _("Last received from the share")],
              [(r.team, r.sessions, r.finished, r.attendance, r.actions, r.actions_open,
                r.actions_overdue, r.first_session, r.last_session,
                local_time(r.last_received).strftime("%Y-%m-%d %H:%M") if r.last_received else None)
               for r in rows])


@main.command("actions")
@click.option("--team", default=None, help="Only this team.")
@click.option("--format", "fmt", type=click.Choice(["text", "csv"]), default="text",
              show_default=True, help="csv: semicolon-separated with a BOM, for Excel.")
@click.pass_context
def actions_command(ctx: click.Context, team: str | None, fmt: str) -> None:
    """Open action points of all sessions, by when they are due."""
    from werf.dates import format_date
    from werf.network import shown_owner

    store = _open_store(ctx.obj["db"])
    items = store.all_open_actions(team)
    today = date.today()
    if fmt == "csv":
        _echo_csv([_("Team"), _("Session date"), _("Session"), _("By when"), _("Overdue"), _("Who"),
                   _("What")],
                  [(i.team, i.session_date, i.session_id, i.action.due,
                    i.action.due is not None and i.action.due < today, shown_owner(i.action),
                    i.action.text) for i in items])
        return
    for item in items:
        due = item.action.due
        late = " !" if due is not None and due < today else ""
        click.echo(f"{format_date(due) if due else '–':<10}{late:<2} {item.team:<20} "
                   f"{shown_owner(item.action) or '–':<16} {item.action.text}")


def _echo_carriers_and_themes(figures) -> None:  # type: ignore[no-untyped-def]
    """Who carries the action points, and sessions per theme (counts only)."""
    from werf.models import OwnerKind
    from werf.network import OWNER_KIND_NAMES

    carried = ", ".join(f"{_(OWNER_KIND_NAMES[kind])} {figures.actions_by_carrier.get(str(kind), 0)}"
                        for kind in OwnerKind)
    click.echo(f"{_('Action points by carrier')}: {carried}")
    click.echo(ngettext("Carried by the resident and network: {count} of {total} action point",
                        "Carried by the resident and network: {count} of {total} action points",
                        figures.actions_made).format(count=figures.actions_carried_by_network,
                                                     total=figures.actions_made))
    from werf.theme_list import shown_theme

    themes = ", ".join(f"{shown_theme(theme)} {count}"
                       for theme, count in figures.sessions_per_theme.items())
    click.echo(f"{_('Sessions per theme')}: {themes or '–'}")


def _age_cutoff(text: str, today: date) -> date:
    """'12m', '90d', '1y' → the day that long before today, in calendar months and years
    (12m before 31-03-2027 is 31-03-2026; 1m before 31-03-2027 is 28-02-2027)."""
    import re
    from datetime import timedelta

    from werf.dates import add_months

    match = re.fullmatch(r"\s*(\d+)\s*([dmy])\s*", text.lower())
    if not match:
        raise click.BadParameter(_("use a period like 12m, 90d or 1y"))
    number, unit = int(match.group(1)), match.group(2)
    try:
        if unit == "d":
            return today - timedelta(days=number)
        return add_months(today, -number * (12 if unit == "y" else 1))
    except (ValueError, OverflowError) as error:  # before the year 1
        raise click.BadParameter(_("use a period like 12m, 90d or 1y")) from error


@main.command()
@click.option("--older-than", "older_than", default=None,
              help="Remove case content of sessions older than this (12m, 90d, 1y); "
                   "default: retention_months of the config.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def purge(ctx: click.Context, older_than: str | None, yes: bool) -> None:
    """Remove case text and notes of old sessions; anonymous figures stay."""
    from werf.config import load_config
    from werf.dates import format_date

    if older_than is None:
        cutoff = load_config()[0].retention_cutoff(date.today())
        if cutoff is None:
            _fail(_("Give --older-than, or set retention_months in the config file."))
        before: date = cutoff  # type: ignore[assignment]
    else:
        before = _age_cutoff(older_than, date.today())
    if not yes and not click.confirm(
            _("Remove case content of sessions before {date}?").format(date=format_date(before))):
        sys.exit(1)
    store = _open_store(ctx.obj["db"])
    report = store.purge_before(before)
    for line in report.lines():
        click.echo(line)
    folder = load_config()[0].shared_folder
    if report.count and folder is not None:  # this laptop's copies in the shared folder go too
        from werf.shared_folder import SyncFolderError, withdraw

        try:
            withdrawn = withdraw(store, folder.expanduser())
        except (SyncFolderError, OSError) as error:
            _fail(str(error))
        click.echo(ngettext("{count} file in the shared folder replaced by its tombstone.",
                            "{count} files in the shared folder replaced by their tombstones.",
                            len(withdrawn.published)).format(count=len(withdrawn.published)))


@main.command()
@click.option("--count", default=12, show_default=True, help="How many sessions to add.")
@click.pass_context
def demo(ctx: click.Context, count: int) -> None:
    """Fill the database with fictional sessions."""
    from werf.demo import demo_sessions

    store = _open_store(ctx.obj["db"])
    added = 0
    for session in demo_sessions(count):
        store.save_session(session)
        added += 1
    click.echo(ngettext("{count} fictional session added to {path}.", "{count} fictional sessions added to {path}.",
                        added).format(count=added, path=store.path))


def run() -> Any:  # pragma: no cover - entry for python -m werf
    return main(obj={})
