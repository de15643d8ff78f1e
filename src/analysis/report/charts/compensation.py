"""What the customers were paid beside what was reported lost, and the window the price was
averaged over."""

from __future__ import annotations

from datetime import time, timedelta

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from analysis import l10n
from analysis.measures.compensation import CompensationFigures
from analysis.report import payment, style
from analysis.report.charts.marks import credit, read_on
from analysis.report.charts.scales import TZ, local


@style.styled
def compensation(figures: CompensationFigures, lang: str) -> Figure:
    """What was paid laid over what was reported lost, per unit and in total: the same units were
    paid for, so the whole gap is the price."""
    narrow = style.is_narrow()  # a phone: what was reported written under the bars, not beside them
    fig, axes = style.new_figure(3.9 if narrow else 3.1, nrows=2)
    scale = l10n.catalogue(lang)["locale"]["big_money_scale"]
    panels = (
        (
            l10n.t("comp_per_unit", lang, asset=figures.asset),
            float(figures.price_per_unit_jpy),
            float(figures.implied_price_jpy),
            l10n.t("money", lang, value=l10n.number(figures.price_per_unit_jpy, lang, 3)),
            l10n.t("money", lang, value=payment.implied(figures, lang)),
            "implied_value",
            l10n.t("price_axis", lang, asset=figures.asset),
        ),
        (
            l10n.t("comp_in_total", lang),
            float(figures.total_paid_jpy) / scale,
            float(figures.reported_loss_jpy) / scale,
            l10n.big_money(figures.total_paid_jpy, lang),
            payment.loss(figures, lang),
            "reported_value",
            l10n.t("amount_axis", lang),
        ),
    )
    ratio = payment.share(figures, lang)
    for ax, (title, paid, reported, paid_text, reported_text, reported_key, unit) in zip(axes, panels):
        ax.barh([0], [reported], height=0.8, color=style.REPORTED_COLOUR)
        ax.barh([0], [paid], height=0.8, color=style.PAID_COLOUR)
        ax.annotate(
            # the share the title tells, on the bar that shows it
            l10n.t("paid_value_share", lang, value=paid_text, ratio=ratio),
            (paid, 0),
            xytext=(-5, 0),
            textcoords="offset points",
            ha="right",
            va="center",
            fontsize=8,
            color="white",
        )
        ax.annotate(
            l10n.t(reported_key, lang, value=reported_text),
            (0, -0.45) if narrow else (reported, 0),
            xytext=(0, -2) if narrow else (5, 0),
            textcoords="offset points",
            ha="left",
            va="top" if narrow else "center",
            fontsize=8,
            color="#333333",
        )
        ax.set_xlim(0, reported * (1.05 if narrow else 1.6))
        ax.set_ylim(-1.3 if narrow else -0.5, 0.5)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.set_xlabel(unit, fontsize=style.MIN_TEXT_PT, loc="left")
        ax.set_title(title, loc="left", fontsize=8.5)
    style.chart_title(
        fig,
        l10n.t(
            "comp_chart_title",
            lang,
            ratio=ratio,
            price=l10n.number(figures.price_per_unit_jpy, lang, 3),
            implied=payment.implied(figures, lang),
            asset=figures.asset,
        ),
        lang,
    )
    drawn = ("units_stolen", "price_per_unit", "reported_loss_jpy")
    # compensation.csv's facts name a source, not pages: a researched one is credited to the list
    style.add_source_line(fig, credit({figures.facts[f].source_id for f in drawn}, lang, set()), lang)
    return fig


@style.styled
def price_window(figures: CompensationFigures, events: pd.DataFrame, lang: str) -> Figure:
    """The window over which the price was averaged, on a time axis with the days around it."""
    start, end = pd.Timestamp(figures.window_start).tz_convert(TZ), pd.Timestamp(figures.window_end).tz_convert(TZ)
    first, last = start.date(), end.date() + timedelta(days=1)
    narrow = style.is_narrow()  # a phone: the window's ends labelled outward, a tick a day
    # No weekend shading: the market traded around the clock, so a closed day says nothing here.
    fig, ax = style.new_figure(2.7 if narrow else 2.2)
    ax.axvspan(start, end, ymin=0.25, ymax=0.5, color=style.PAID_COLOUR, alpha=0.25, lw=0)
    hours = l10n.hours_minutes(float(figures.window_hours), lang)
    ax.annotate(
        l10n.t("window_label", lang, hours=hours),
        (start + (end - start) / 2, 0.375),
        xycoords=("data", "axes fraction"),
        ha="center",
        va="center",
        fontsize=8,
    )
    for stamp, key, outward in ((start, "window_start", "right"), (end, "window_end", "left")):
        # from above the release day's bar to under the label centred on it (a phone's label is beside it)
        ax.axvline(stamp, ymin=0.22, ymax=1 if narrow else 0.64, color=style.MILESTONE_COLOUR, lw=1)
        ax.annotate(
            f"{l10n.t(key, lang)}\n{l10n.day(stamp.date(), lang, 'axis')} {stamp:%H:%M}",
            (stamp, 0.95),
            xycoords=("data", "axes fraction"),
            xytext=((-3 if outward == "right" else 3) if narrow else 0, 0),
            textcoords="offset points",
            ha=outward if narrow else "center",
            va="top",
            fontsize=style.MIN_TEXT_PT,
            bbox=dict(fc="white", ec="none", pad=1),
        )
    # the value the analysis uses (the timeline document's date), not the alternative the release's
    # text gives (27 Jan 23:00), which is the window's end drawn above
    policy = events[
        (events["incident_id"] == figures.incident_id) & (events["milestone"] == "remedy_decided") & events["effective"]
    ]
    if not policy.empty:
        # The seed dates the release by day only, which is not the release's own stated time.
        day = policy["date"].iloc[0].to_timestamp().date()
        ax.axvspan(
            local(day),
            local(day + timedelta(days=1)),
            ymin=0.05,
            ymax=0.2,
            color=style.MILESTONE_COLOUR,
            alpha=0.35,
            lw=0,
        )
        shown_day = l10n.day(day, lang, "axis")
    if not policy.empty and not narrow:  # a phone's day is too narrow for the words: the source line has them
        ax.annotate(
            l10n.t("seed_release_day", lang, day=shown_day),
            (local(day, time(12)), 0.125),
            xycoords=("data", "axes fraction"),
            ha="center",
            va="center",
            fontsize=style.MIN_TEXT_PT,
            color="#222222",
        )
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_xlim(local(first), local(last + timedelta(days=1)))
    ax.xaxis.set_major_locator(mdates.HourLocator(byhour=[0] if narrow else [0, 12], tz=TZ))
    ax.xaxis.set_major_formatter(
        FuncFormatter(
            lambda x, _: (
                f"{l10n.day(mdates.num2date(x, tz=TZ).date(), lang, 'axis')}{chr(10) if narrow else ' '}"
                f"{mdates.num2date(x, tz=TZ):%H:%M}"
            )
        )
    )
    ax.set_xlabel(l10n.t("time_axis", lang))
    style.chart_title(fig, l10n.t("window_chart_title", lang, hours=hours), lang)
    sources = {figures.facts[f].source_id for f in ("price_window_start", "price_window_end")}
    line = credit(sources | set(policy["source_id"]), lang, read_on(policy))
    if not policy.empty and narrow:
        line = l10n.t("grey_bar_source", lang, day=shown_day, line=line)
    style.add_source_line(fig, line, lang)
    return fig
