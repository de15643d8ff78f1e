"""What the site says of each report: its title, headline finding and the theft's size for its card,
and every chart with the numbers it draws (CSV), the sources of those numbers and how to cite it.

All of it comes from the registry and the report's context, as the report itself does: the card's
headline is the report's headline (findings), the size is incidents.csv's value_usd as the report
writes it (citing.value_text: "about" where its page says so), a chart's CSV is the frame the chart is drawn from (registry.numbers_of). A report's
summary is kept in a cache under a key made of the code and the data it reads, so that a rebuild
redraws only the reports whose inputs changed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

import analysis
from analysis import l10n
from analysis.data import inputs
from analysis.report import citing, findings, registry, style
from analysis.report.context import Context, prepare_comparison, prepare_incident


@dataclass(frozen=True)
class Variant:
    """A report as `make report` names it: an incident's report in a language, or the comparison."""

    kind: str  # "incident" or "comparison" (registry.REPORTS)
    lang: str
    incident_id: str | None = None

    @property
    def name(self) -> str:
        return f"{self.incident_id or 'comparison'}-{self.lang}"

    def other(self, lang: str) -> Variant:
        return Variant(self.kind, lang, self.incident_id)


def variants(incident_ids: list[str]) -> list[Variant]:
    """Every report of the project, in the order `make variants` lists them."""
    incidents = [Variant("incident", lang, i) for i in incident_ids for lang in l10n.LANGUAGES]
    return incidents + [Variant("comparison", lang) for lang in l10n.LANGUAGES]


@dataclass(frozen=True)
class Source:
    text: str
    url: str = ""


@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    section: str  # the report's section it stands in ("front": page 1)
    phone: bool  # it has a phone layout (<name>-phone.svg)
    sources: list[Source] = field(default_factory=list)
    cite: str = ""


@dataclass(frozen=True)
class Report:
    variant: str
    kind: str
    lang: str
    incident_id: str | None
    title: str
    headline: str
    size: str  # the theft's value (an incident), or the number of thefts (the comparison)
    size_label: str
    as_of: str
    edition: str
    charts: list[Chart] = field(default_factory=list)

    @staticmethod
    def from_json(text: str) -> Report:
        raw = json.loads(text)
        charts = [Chart(**{**c, "sources": [Source(**s) for s in c["sources"]]}) for c in raw.pop("charts")]
        return Report(**raw, charts=charts)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def context(v: Variant, data_dir: Path) -> Context:
    if v.kind == "comparison":
        return prepare_comparison(lang=v.lang, data_dir=str(data_dir))
    return prepare_incident(incident_id=v.incident_id, lang=v.lang, data_dir=str(data_dir))


def _size(ctx: Context) -> tuple[str, str]:
    lang = ctx.lang
    if ctx.kind == "comparison":
        return l10n.number(len(ctx.incidents), lang), l10n.t("num_thefts", lang)
    label = "site_value_drain" if ctx.incident_id in ctx.drains else "site_value"
    return citing.value_text(ctx.data, ctx.incident_id, lang), l10n.t(label, lang)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A chart's numbers as the review's numbers are written (review/numbers/*.csv)."""
    return frame.to_csv(index=False, lineterminator="\n", float_format="%.4f").encode("utf-8")


def summarize(v: Variant, data_dir: Path) -> tuple[Report, dict[str, bytes]]:
    """The report's card and charts, and the chart files: <chart>.svg, <chart>-phone.svg, <chart>.csv."""
    ctx = context(v, data_dir)
    spec = registry.REPORTS[ctx.kind]
    found = spec.findings(ctx)
    title = spec.title(ctx)
    as_of = l10n.day(findings.as_of(ctx), ctx.lang)
    edition = findings.edition(ctx)
    numbers = registry.numbers_of(ctx)
    with style.narrow():
        phone = {name: fig for _, name, fig in registry.drawn(ctx, phone=True)}
    files, charts = {}, []
    for chart_spec, name, fig in registry.drawn(ctx):
        if name not in numbers:
            raise ValueError(f"{v.name}: the chart {name!r} has no table of its numbers (registry.ChartSpec.data)")
        chart_title = registry.charts.title_of(fig)
        files[f"{name}.svg"] = style.svg_text(fig).encode("utf-8")
        if name in phone:
            files[f"{name}-phone.svg"] = style.svg_text(phone[name]).encode("utf-8")
        files[f"{name}.csv"] = csv_bytes(numbers[name])
        cite = l10n.t("site_cite", ctx.lang, report=title, chart=chart_title, edition=edition, day=as_of)
        charts.append(Chart(name, chart_title, chart_spec.section, name in phone, sources_of(ctx, numbers[name]), cite))
    size, size_label = _size(ctx)
    report = Report(v.name, v.kind, v.lang, v.incident_id, title, found.headline, size, size_label, as_of, edition,
                    charts)  # fmt: skip
    return report, files


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _bases(ctx: Context, frame: pd.DataFrame) -> list[dict]:
    """What each row of a chart's numbers rests on: its fact's source, seed item, pages and address.
    A row names its fact by `event_id` (events.csv; a step of a chain by `from_event_id` and
    `to_event_id`), by `source_id` and `seed_item` (a figure of compensation.csv), or is a theft's
    value (`value_usd`: the pages that print it, citing.value_pages)."""
    rows = []
    facts = [c for c in ("event_id", "from_event_id", "to_event_id") if c in frame]  # a step of a chain: two
    if facts:
        events = ctx.data.events.set_index("event_id")
        rows += [events.loc[i] for i in dict.fromkeys(frame[facts].stack()) if _text(i)]
    if "value_usd" in frame:  # the pages that print each value, not those of what was stolen
        rows += [
            pd.Series({"source_id": "research", "pages": citing.value_pages(ctx.data, i)}) for i in frame["incident_id"]
        ]
    if "seed_item" in frame:
        rows += [r for _, r in frame.iterrows() if _text(r["source_id"])]
    return [
        {
            "source": r["source_id"],
            "item": _text(r.get("seed_item")),
            "pages": r.get("pages") if isinstance(r.get("pages"), tuple) else (),
            "url": _text(r.get("source_url")),
        }
        for r in rows
    ]


def sources_of(ctx: Context, frame: pd.DataFrame) -> list[Source]:
    """The sources of a chart's numbers: the timeline document with the items its rows cite, a
    source document of sources.csv its rows rest on without naming a page, then every page read for
    them (publisher, date, kind, address), each once, in the rows' order."""
    lang = ctx.lang
    items, documents, pages = [], [], {}
    for basis in _bases(ctx, frame):
        if basis["source"] == "seed" and basis["item"]:
            items.append(basis["item"])
        elif not basis["pages"] and not basis["url"]:
            documents.append(basis["source"])
        for page in basis["pages"]:
            text = l10n.t("endnote_source", lang, publisher=citing.publisher(page, lang), date=citing.page_date(page.published, lang),
                          kind=citing.kind(page, lang))  # fmt: skip
            pages.setdefault(page.url, Source(text, page.url))
        for url in basis["url"].split(" ; ") if basis["url"] and not basis["pages"] else ():
            pages.setdefault(url, Source(citing.domain(url), url))
    out = []
    if items:
        items = list(dict.fromkeys(items))
        numbered = sorted((i for i in items if i.isdigit()), key=int)
        named = [l10n.t("site_preamble", lang)] if "lead" in items else []
        key = "site_seed_items" if len([*named, *numbered]) > 1 else "site_seed_item"
        out.append(Source(l10n.t(key, lang, source=l10n.t("seed_name", lang),
                                 items=l10n.join([*named, *numbered], lang))))  # fmt: skip
    titles = ctx.data.sources.set_index("source_id")[l10n.column("title", lang)]
    for d in dict.fromkeys(documents):
        if d != "seed" or not items:
            out.append(Source(l10n.t("seed_name", lang) if d == "seed" else titles[d]))
    return out + list(pages.values())


def code_digest() -> str:
    """The code and words a report's summary comes from: the shared modules, the data, measures
    and report layers, this module and the catalogue (not the build, nor the site's modules and
    templates that lay the pages out on every build)."""
    package = Path(analysis.__file__).resolve().parent
    files = [*package.glob("*.py"), Path(__file__).resolve(), *l10n.CATALOGUE.glob("*.toml")]
    for layer in ("data", "measures", "report"):
        files += [p for p in (package / layer).rglob("*.py") if "__pycache__" not in p.parts]
    h = hashlib.sha256()
    for path in sorted(set(files)):
        h.update(path.name.encode() + path.read_bytes())
    return h.hexdigest()


def cached(v: Variant, data_dir: Path, cache: Path, code: str) -> tuple[Report, Path, bool]:
    """The report's summary and the folder of its chart files, made again only when the code or the
    data the report reads changed; returns whether it was made again."""
    incidents = None if v.kind == "comparison" else (v.incident_id,)
    key = hashlib.sha256(f"{code}\n{inputs.digest(data_dir, incidents)}".encode()).hexdigest()
    folder, summary, stamp = cache / v.name, cache / f"{v.name}.json", cache / f"{v.name}.key"
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == key and summary.is_file():
        report = Report.from_json(summary.read_text(encoding="utf-8"))
        wanted = {f"{c.name}{suffix}" for c in report.charts for suffix in (".svg", ".csv")}
        if all((folder / name).is_file() for name in wanted):
            return report, folder, False
    report, files = summarize(v, data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        if old.name not in files:
            old.unlink()
    for name, content in files.items():
        (folder / name).write_bytes(content)
    summary.write_text(report.to_json(), encoding="utf-8")
    stamp.write_text(key, encoding="utf-8")
    return report, folder, True
