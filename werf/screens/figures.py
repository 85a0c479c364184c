"""Figures: the coordinator's view of how a team's intervision went over a period.

Counts only, never case content: sessions held, attendance, who brought cases and who
facilitated, protocols, planned against actual minutes per phase, action points, and per team
over the months the closing round's marks and the team's pulse, and attendance per member. The
figures come from `werf.stats.compute_stats`, run on the store thread; the newest request
wins (an exclusive worker cancels the one before).
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from datetime import date

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, Select, Sparkline, Static

from werf.dates import (
    DATE_PATTERN,
    DateError,
    add_months,
    duration_text,
    format_date,
    format_decimal,
    format_month,
    month_start,
    parse_optional_date,
)
from werf.i18n import N_, _, get_language, ngettext
from werf.screens.base import WerfScreen
from werf.stats import PhaseTiming, TeamStats, compute_stats, sparkline
from werf.store import Store, StoreError
from werf.theme_list import shown_theme
from werf.widgets.fields import TextField
from werf.widgets.footer import Footer
from werf.widgets.header import WerfHeader

Query = tuple[str | None, date | None, date | None]  # team (None: all), since, until


def year_back(today: date) -> date:
    """The first day of the month eleven months ago: twelve calendar months up to today."""
    return month_start(add_months(today, -11))


def percent(part: float, whole: float) -> str:
    return f"{round(100 * part / whole)}%" if whole else "-"


def _table(title: str) -> Table:
    return Table(title=title, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD,
                 show_edge=False, expand=True, pad_edge=False)


class FiguresScreen(WerfScreen):
    """Figures per team and period, for the coordinator."""

    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="figures_back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        today: date = self.werf.today()
        self.team: str | None = None
        self.since_text = format_date(year_back(today))
        self.until_text = format_date(today)
        self.teams: list[str] = []
        self.stats: TeamStats | None = None
        self.problem: tuple[str, dict[str, object]] = ("", {})  # message id and its values
        self._requested: Query | None = None
        self._ready = False  # teams loaded: the filters may ask for figures

    # --- layout ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield WerfHeader(show_clock=False, icon="")
        with Horizontal(id="figures-filters"):
            yield Label(_("Team"))
            yield Select([(Text(team), team) for team in self.teams], prompt=_("All teams"),
                         value=self.team if self.team in self.teams else Select.NULL,
                         compact=True, id="figures-team")
            yield Label(_("From"))
            yield TextField(self.since_text, placeholder=_(DATE_PATTERN), compact=True,
                        id="figures-since")
            yield Label(_("to"))
            yield TextField(self.until_text, placeholder=_(DATE_PATTERN), compact=True,
                        id="figures-until")
            yield Static(self._problem_text(), id="figures-problem", markup=False)
        with VerticalScroll(id="figures"):
            with Horizontal(id="figures-top"):
                yield Static(id="figures-held", classes="figure")
                yield Static(id="figures-people", classes="figure")
                yield Static(id="figures-actions-done", classes="figure")
                with Vertical(id="figures-trend"):
                    yield Static(id="figures-trend-title")
                    yield Sparkline([], id="figures-sparkline")
                    with Horizontal(id="figures-months"):
                        yield Static(id="figures-first-month")
                        yield Static(id="figures-last-month")
            with Horizontal(id="figures-tables"):
                with Vertical(id="figures-left"):
                    yield Static(id="figures-rota")
                    yield Static(id="figures-protocols")
                    yield Static(id="figures-actions")
                    yield Static(id="figures-themes")
                yield Static(id="figures-timing")
            yield Static(id="figures-meeting")
            yield Static(id="figures-attendance")
        yield Footer(compact=True)

    def on_resize(self, event: events.Resize) -> None:
        """Up to 100 columns (a laptop at 80×24): four narrower figures, and the time per phase
        below the rota instead of squeezed beside it."""
        self.set_class(event.size.width <= 100, "-narrow")

    async def on_mount(self) -> None:
        self.sub_title = _("Figures")
        store = self.werf.store
        with contextlib.suppress(Exception):  # retrieved here, shown below in words
            await asyncio.wrap_future(store.start())
        failure = self.werf.store_failure()
        if failure is not None:
            self.show_problem("{reason}", reason=failure)
            return
        self.teams = await asyncio.wrap_future(store.call(Store.teams))
        self.query_one("#figures-team", Select).set_options(
            (Text(team), team) for team in self.teams
        )
        self._ready = True
        self.request()

    async def language_changed(self) -> None:
        await super().language_changed()
        self.sub_title = _("Figures")
        self.show_stats()

    def action_back(self) -> None:
        self.app.pop_screen()

    # --- filters ----------------------------------------------------------------------------
    @on(Select.Changed, "#figures-team")
    def team_changed(self, event: Select.Changed) -> None:
        self.team = None if event.value is Select.NULL else str(event.value)
        self.request()

    @on(Input.Changed, "#figures-since")
    def since_changed(self, event: Input.Changed) -> None:
        self.since_text = event.value
        self.request()

    @on(Input.Changed, "#figures-until")
    def until_changed(self, event: Input.Changed) -> None:
        self.until_text = event.value
        self.request()

    def query_asked(self) -> Query | None:
        """The team and period in the filters, or None (and a reason shown) when invalid."""
        try:
            since = parse_optional_date(self.since_text)
            until = parse_optional_date(self.until_text)
        except DateError as error:
            self.show_problem(error.template, **error.values)
            return None
        if since and until and since > until:
            self.show_problem(N_("The period ends before it starts."))
            return None
        self.show_problem("")
        return self.team, since, until

    def request(self) -> None:
        """Compute the figures for the filters, unless they are invalid or already asked."""
        if not self._ready:
            return
        query = self.query_asked()
        if query is None or query == self._requested:
            return
        self._requested = query
        self.run_worker(self.compute(query), exclusive=True, group="figures", exit_on_error=False)

    async def compute(self, query: Query) -> None:
        team, since, until = query
        app = self.werf
        try:
            stats = await asyncio.wrap_future(app.store.call(
                compute_stats, team=team, since=since, until=until,
                catalog=app.catalog, today=app.today(),
            ))
        except (StoreError, sqlite3.Error) as error:
            self._requested = None
            reason = error.user_message() if isinstance(error, StoreError) else str(error)
            self.show_problem(N_("The figures could not be read: {reason}"), reason=reason)
            return
        self.stats = stats
        self.show_stats()

    def show_problem(self, message: str, **values: object) -> None:
        """Say what is wrong (a message id, translated now and after a language switch)."""
        self.problem = (message, values)
        self.query_one("#figures-problem", Static).update(self._problem_text())

    def _problem_text(self) -> str:
        message, values = self.problem
        return _(message).format(**values) if message else ""

    # --- figures ----------------------------------------------------------------------------
    def show_stats(self) -> None:
        stats = self.stats
        if stats is None:
            return
        self.query_one("#figures-held", Static).update(
            self._figure(str(stats.sessions_held), ngettext("session held", "sessions held", stats.sessions_held)))
        self.query_one("#figures-people", Static).update(self._figure(
            str(stats.participants_distinct),
            ngettext("participant, {average} per session", "participants, {average} per session",
                     stats.participants_distinct).format(
                average=format_decimal(stats.participants_per_session_avg))))
        self.query_one("#figures-actions-done", Static).update(self._figure(
            f"{stats.actions_done} / {stats.actions_made}",
            ngettext("action point completed", "action points completed", stats.actions_made)))
        counts = [count for _month, count in stats.sessions_per_month]
        title = Text(_("Sessions per month") + "   ", style="bold")
        if counts:
            title.append(_("{low} to {high}").format(low=min(counts), high=max(counts)),
                         style="dim")
        self.query_one("#figures-trend-title", Static).update(title)
        self.query_one("#figures-sparkline", Sparkline).data = counts
        months = stats.sessions_per_month
        self.query_one("#figures-first-month", Static).update(format_month(months[0][0]) if months else "")
        self.query_one("#figures-last-month", Static).update(format_month(months[-1][0]) if months else "")
        self.query_one("#figures-rota", Static).update(self._rota(stats))
        self.query_one("#figures-protocols", Static).update(self._protocols(stats))
        self.query_one("#figures-actions", Static).update(self._actions(stats))
        self.query_one("#figures-themes", Static).update(self._themes(stats))
        self.query_one("#figures-timing", Static).update(self._timing(stats))
        self.query_one("#figures-meeting", Static).update(self._meeting(stats))
        self.query_one("#figures-attendance", Static).update(self._attendance(stats))

    @staticmethod
    def _figure(number: str, label: str) -> Text:
        text = Text(number + "\n", style="bold")
        text.append(label, style="dim")
        return text

    def _rota(self, stats: TeamStats) -> Table | Text:
        if not stats.attendance and not stats.facilitators:
            return Text(_("No sessions in this period."), style="italic")
        table = _table(_("Who took part, brought a case, facilitated"))
        table.add_column(_("Name"), ratio=1, no_wrap=True, overflow="ellipsis")
        table.add_column(_("Present"), justify="right")
        table.add_column(_("Case bringer"), justify="right")
        table.add_column(_("Facilitator"), justify="right")
        names = list(stats.attendance)
        names += [name for name in stats.facilitators if name not in stats.attendance]
        for name in names:
            table.add_row(
                Text(name),
                str(stats.attendance.get(name, 0)),
                self._count(stats.case_bringers.get(name, 0)),
                self._count(stats.facilitators.get(name, 0)),
            )
        return table

    @staticmethod
    def _count(count: int) -> Text:
        return Text(str(count)) if count else Text("-", style="dim")

    def _protocols(self, stats: TeamStats) -> Table | Text:
        if not stats.protocols:
            return Text("")
        lang = get_language()
        catalog = self.werf.catalog
        table = _table(_("Protocols"))
        table.add_column(_("Protocol"), ratio=1, no_wrap=True, overflow="ellipsis")
        table.add_column(_("Sessions"), justify="right")
        table.add_column(_("Share"), justify="right")
        for protocol_id, count in stats.protocols.items():
            protocol = catalog.get(protocol_id)
            table.add_row(Text(protocol.name.get(lang) if protocol else protocol_id),
                          str(count), percent(count, stats.sessions_held))
        return table

    def _actions(self, stats: TeamStats) -> Table:
        table = _table(_("Action points"))
        table.add_column(" ", ratio=1)
        table.add_column(_("Number"), justify="right")
        table.add_column(_("Share"), justify="right")
        made = stats.actions_made
        table.add_row(_("made"), str(made), "")
        table.add_row(_("completed"), str(stats.actions_done), percent(stats.actions_done, made))
        table.add_row(_("open"), str(stats.actions_open), percent(stats.actions_open, made))
        late = "bold red" if stats.actions_overdue else ""
        table.add_row(Text(_("overdue"), style=late), Text(str(stats.actions_overdue), style=late),
                      Text(percent(stats.actions_overdue, made), style=late), end_section=True)
        carriers = stats.actions_by_carrier
        for kind, label in (("professional", N_("carried by professionals")),
                            ("resident", N_("carried by the resident")),
                            ("network", N_("carried by the network"))):
            count = carriers.get(kind, 0)
            table.add_row(_(label), str(count), percent(count, made))
        return table

    def _themes(self, stats: TeamStats) -> Table | Text:
        if not stats.sessions_per_theme:
            return Text(_("No themes were given to these sessions."), style="italic")
        table = _table(_("Themes"))
        table.add_column(_("Theme"), ratio=1, no_wrap=True, overflow="ellipsis")
        table.add_column(_("Sessions"), justify="right")
        table.add_column(_("Share"), justify="right")
        for theme, count in stats.sessions_per_theme.items():
            table.add_row(Text(shown_theme(theme)), str(count), percent(count, stats.sessions_held))
        return table

    @staticmethod
    def _over_time(stats: TeamStats) -> str:
        months = stats.sessions_per_month
        if not months:
            return ""
        return _("per month, {first} to {last}").format(first=format_month(months[0][0]),
                                                       last=format_month(months[-1][0]))

    def _meeting(self, stats: TeamStats) -> Table | Text:
        """The closing round's marks and the team's pulse per team over the months of the
        period: a sparkline (a space for a month without) and the latest figure."""
        if not any(m.mark_average is not None or m.pulse is not None for m in stats.months):
            return Text(_("No marks or team pulse in this period."), style="italic")
        table = _table(_("Marks and team pulse") + " " + self._over_time(stats))
        table.add_column(_("Team"), ratio=1, no_wrap=True, overflow="ellipsis")
        table.add_column(_("Mark (1–10)"), no_wrap=True)
        table.add_column(_("Latest"), justify="right")
        table.add_column(_("Team pulse (1–7)"), no_wrap=True)
        table.add_column(_("Latest"), justify="right")
        keys = [month for month, _count in stats.sessions_per_month]
        for team in stats.teams:
            mine = {m.month: m for m in stats.months if m.team == team}
            marks = [mine[k].mark_average if k in mine else None for k in keys]
            pulses = [mine[k].pulse if k in mine else None for k in keys]
            table.add_row(Text(team), sparkline(marks, 1, 10), self._latest(marks),
                          sparkline(pulses, 1, 7), self._latest(pulses))
        return table

    @staticmethod
    def _latest(values: list[float | None]) -> Text:
        given = [value for value in values if value is not None]
        return Text(format_decimal(given[-1], 1)) if given else Text("-", style="dim")

    def _attendance(self, stats: TeamStats) -> Table | Text:
        """Per colleague: present per month (sparkline), and present, absent, with apologies."""
        if not stats.attendance_by_month:
            return Text("")
        keys = [month for month, _count in stats.sessions_per_month]
        several = len(stats.teams) > 1
        table = _table(_("Attendance per member") + " " + self._over_time(stats))
        table.add_column(_("Name"), ratio=1, no_wrap=True, overflow="ellipsis")
        if several:
            table.add_column(_("Team"), ratio=1, no_wrap=True, overflow="ellipsis")
        table.add_column(_("Present per month"), no_wrap=True)
        table.add_column(_("Present"), justify="right")
        table.add_column(_("Absent"), justify="right")
        table.add_column(_("With apologies"), justify="right")
        members: dict[tuple[str, str], dict[str, tuple[int, int, int]]] = {}
        for m in stats.attendance_by_month:
            members.setdefault((m.team, m.name), {})[m.month] = (m.present, m.absent, m.apologies)
        high = max(p for months in members.values() for p, _a, _w in months.values()) or 1
        for (team, name), months in sorted(members.items(),
                                           key=lambda item: (item[0][0], item[0][1].casefold())):
            present, absent, apologies = (sum(counts[i] for counts in months.values())
                                          for i in range(3))
            spark = sparkline([months[k][0] if k in months else None for k in keys], 0, high)
            table.add_row(Text(name), *([Text(team)] if several else []), spark, str(present),
                          self._count(absent), self._count(apologies))
        return table

    def _timing(self, stats: TeamStats) -> Group | Text:
        if not stats.phase_timing:
            return Text(_("No finished sessions in this period, so no times yet."),
                        style="italic")
        lang = get_language()
        catalog = self.werf.catalog
        by_protocol: dict[str, list[PhaseTiming]] = {}
        for timing in stats.phase_timing:
            by_protocol.setdefault(timing.protocol_id, []).append(timing)
        # A table of headings, then one table per protocol so its name can use the whole
        # width; the same column widths keep them aligned.
        parts: list[RenderableType] = [
            Text(_("Time per phase (average of finished sessions)"), style="bold"),
            self._timing_table(show_header=True),
        ]
        for protocol_id, timings in by_protocol.items():
            protocol = catalog.get(protocol_id)
            title = Table.grid(expand=True, padding=(0, 0, 0, 2))
            title.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
            title.add_column(justify="right", no_wrap=True)
            title.add_row(
                Text(protocol.name.get(lang) if protocol else protocol_id, style="bold"),
                Text(_("{count} finished").format(
                    count=max(t.sessions for t in timings)), style="dim"),
            )
            table = self._timing_table(show_header=False)
            names = {phase.id: phase.name.get(lang) for phase in protocol.phases} if protocol else {}
            for timing in timings:
                over = "bold red" if timing.runs_over else ""
                table.add_row(
                    Text(names.get(timing.phase_id, timing.phase_id), style=over),
                    duration_text(timing.planned_minutes_avg * 60),
                    Text(duration_text(timing.actual_minutes_avg * 60), style=over),
                    Text(f"{round(timing.overrun_share * 100)}%", style=over),
                )
            parts += [title, table, Text("")]
        parts.append(Text(_("Red: on average longer than planned. Overrun: share of sessions in "
                            "which the phase ran over."), style="dim italic"))
        return Group(*parts)

    @staticmethod
    def _timing_table(show_header: bool) -> Table:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, expand=True, pad_edge=False,
                      show_header=show_header)
        table.add_column(_("Phase"), ratio=1, no_wrap=True, overflow="ellipsis")
        table.add_column(_("Planned"), justify="right", width=7)
        table.add_column(_("Actual"), justify="right", width=9)
        table.add_column(_("Overrun"), justify="right", width=7)
        return table
