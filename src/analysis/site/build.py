"""The site under site/: the reports as built (reports/), their page-1 thumbnails (review/pages), a
home page per language with a card per report, each report's charts with their numbers, sources
and citation, the dataset, the corrections and a full-text search (Pagefind's static index).

A file is written only when its bytes change and a file the site no longer has is removed; a
report's charts are drawn again only when the code or the data it reads changed (content.cached),
and the search index is made again only when a page it indexes changed. So a second build of an
unchanged project writes nothing.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from datetime import date
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlsplit

from analysis import l10n
from analysis.data import relations
from analysis.data.loading import load_dataset
from analysis.site import content, pages

INDEX = "pagefind"  # Pagefind's bundle, under the site
STAMP = ".built"  # make's record of the site's last build (Makefile), which the build leaves alone
INDEXED = "reports/*.html"  # what the search covers: the reports (not their annexes, nor the site's pages)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # every entry of the data's zip is dated so: the same files give the same zip


class SiteError(RuntimeError):
    """What the site needs and does not have (a report not built, a thumbnail missing)."""


@dataclass
class Writer:
    """Writes the site's files, each only when its bytes change; remembers every file it was given,
    so that what the site no longer has can be removed."""

    out: Path
    kept: set[str] = field(default_factory=set)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    redrawn: list[str] = field(default_factory=list)  # the reports whose charts were drawn again
    indexed: bool = False  # whether the search index was made again

    def write(self, path: str, data: bytes | str) -> bool:
        data = data.encode("utf-8") if isinstance(data, str) else data
        self.kept.add(path)
        target = self.out / path
        if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(data)
        tmp.replace(target)
        self.changed.append(path)
        return True

    def copy(self, path: str, source: Path) -> bool:
        return self.write(path, source.read_bytes())

    def prune(self, keep_under: tuple[str, ...]) -> list[str]:
        """Remove the files the site no longer has (not those under `keep_under`) and empty folders."""
        removed = []
        for p in sorted(self.out.rglob("*"), reverse=True):
            rel = p.relative_to(self.out).as_posix()
            if rel.split("/")[0] in keep_under:
                continue
            if p.is_file() and rel not in self.kept:
                p.unlink()
                removed.append(rel)
            elif p.is_dir() and not any(p.iterdir()):
                p.rmdir()
        return removed


def deterministic_zip(files: dict[str, bytes]) -> bytes:
    """The files in a zip whose bytes depend on their names and contents only: sorted entries,
    one fixed date, fixed permissions."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            z.writestr(info, files[name])
    return buf.getvalue()


def _rows(data: bytes) -> tuple[list[str], list[list[str]]]:
    rows = [r for r in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")) if r]
    return (rows[0], rows[1:]) if rows else ([], [])


def dataset(w: Writer, data_dir: Path, package: Path) -> dict:
    """data/*.csv, the data dictionary and datapackage.json as they are in the project, and a zip of
    them all; returns what the data page lists in every language (data_page gives it in one)."""
    files = {f"data/{p.name}": p.read_bytes() for p in sorted(data_dir.glob("*.csv"))}
    dictionary = data_dir / "README.md"
    if dictionary.is_file():
        files["data/README.md"] = dictionary.read_bytes()
    descriptor = json.loads(package.read_text(encoding="utf-8")) if package.is_file() else {}
    if package.is_file():
        files["datapackage.json"] = package.read_bytes()
    for path, data in files.items():
        w.write(path, data)
    name = f"{descriptor.get('name', 'data')}.zip"
    archive = deterministic_zip(files)
    w.write(f"data/{name}", archive)
    listed = [
        {"name": Path(path).name, "rows": len(_rows(data)[1])} for path, data in files.items() if path.endswith(".csv")
    ]
    return {
        "files": listed,
        "zip": {"name": name, "size_bytes": len(archive)},
        "dictionary": "README.md" if dictionary.is_file() else "",
    }


def data_page(listed: dict, lang: str) -> dict:
    """What the data page shows in `lang` (`listed` is what dataset returns): each file with its
    one-line description from the language's catalogue ([data_file], keyed by the file's name), the
    zip with its size, the dictionary. A file the catalogue does not describe is an error naming it:
    a page in one language never falls back to another's words."""
    missing = [f["name"] for f in listed["files"] if not l10n.has_label("data_file", f["name"], lang)]
    if missing:
        raise SiteError(f"catalogue/{lang}.toml [data_file] does not describe: {', '.join(missing)}")
    size = l10n.t("site_size_kb", lang, n=l10n.number(max(1, round(listed["zip"]["size_bytes"] / 1024)), lang))
    return {
        "files": [{**f, "description": l10n.label("data_file", f["name"], lang)} for f in listed["files"]],
        "zip": {**listed["zip"], "size": size},
        "dictionary": listed["dictionary"],
        "caption": l10n.label("data_page", "files_caption", lang),
    }


def corrections(data_dir: Path, lang: str) -> list[dict[str, str]]:
    """The rows of data/corrections.csv, newest first (a day's rows in the file's order), as the page
    shows them: the day in the page's language, the record, the column, before and after, why (in
    the page's language), the page behind the new value and the commit. None when there is no file."""
    path = data_dir / "corrections.csv"
    if not path.is_file():
        return []
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    # The latest correction of each cell (by day, then line): only its value can be compared with now.
    latest = {(r["table"], r["record_id"], r["column"]): id(r) for r in sorted(rows, key=lambda r: r["date"])}
    rows = sorted(rows, key=lambda r: r["date"], reverse=True)  # stable: a day keeps the file's order
    milestones = data_dir / "milestones.csv"
    names = {
        m["milestone"]: m[l10n.column("name", lang)]
        for m in (csv.DictReader(io.StringIO(milestones.read_text(encoding="utf-8"))) if milestones.is_file() else ())
    }

    current = _cells_now(data_dir, {(r["table"], r["record_id"], r["column"]) for r in rows})

    def shown(value: str, column: str) -> str:
        """A milestone by its name in the page's language, its code after it; any other value as written."""
        if not value:
            return "—"
        return f"{names[value]} ({value})" if column == "milestone" and value in names else value

    return [
        {
            "day": l10n.day(date.fromisoformat(r["date"]), lang),
            "record": f"{r['table']}.csv: {r['record_id']}",
            "column": r["column"],
            "before": shown(r["old_value"], r["column"]),
            "after": shown(r["new_value"], r["column"]),
            "why": r[l10n.column("why", lang)],
            "url": r["source_url"],
            "host": urlsplit(r["source_url"]).hostname or "" if r["source_url"] else "",
            "commit": r["commit"],
            # A text reworded since (allowed without a correction): the page says so, not a stale value.
            "reworded": l10n.base_of(r["column"]) is not None
            and latest[(r["table"], r["record_id"], r["column"])] == id(r)
            and current.get((r["table"], r["record_id"], r["column"]), r["new_value"]) != r["new_value"],
        }
        for r in rows
    ]


def _cells_now(data_dir: Path, wanted: set[tuple[str, str, str]]) -> dict[tuple[str, str, str], str]:
    """The current value of each (table, record, column) a correction names, where the record and
    column still exist (a record named as corrections.csv names it: relations.naming_columns)."""
    found = {}
    for table in {t for t, _, _ in wanted}:
        path = data_dir / f"{table}.csv"
        if not path.is_file() or path.name not in relations.SCHEMAS:
            continue
        naming = relations.naming_columns(path.name)
        for row in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))):
            record = "/".join(row.get(c, "") for c in naming)
            for column, value in row.items():
                if (table, record, column) in wanted:
                    found[(table, record, column)] = value
    return found


def index(out: Path, state: Path, force: bool = False) -> bool:
    """Pagefind's index of the reports (python -m pagefind), made again when a page it indexes
    changed; returns whether it was."""
    pages_digest = hashlib.sha256(version("pagefind").encode())
    for p in sorted(out.glob(INDEXED)):
        pages_digest.update(p.name.encode() + p.read_bytes())
    key = pages_digest.hexdigest()
    bundle = out / INDEX
    if not force and (bundle / "pagefind.js").is_file() and state.is_file() and state.read_text() == key:
        return False
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".pagefind-") as tmp:
        run = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", str(out), "--glob", INDEXED, "--output-path", tmp, "--quiet"],
            capture_output=True,
            text=True,
        )
        if run.returncode != 0 or not (Path(tmp) / "pagefind.js").is_file():
            raise SiteError(f"pagefind failed to index the reports:\n{run.stdout}{run.stderr}")
        if bundle.exists():
            shutil.rmtree(bundle)
        shutil.copytree(tmp, bundle)
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_text(key)
    return True


def build(
    out: Path,
    reports: Path,
    thumbnails: Path,
    data_dir: Path,
    package: Path,
    cache: Path,
    search: bool = True,
    log=print,
) -> Writer:
    started = time.monotonic()
    data = load_dataset(data_dir)
    wanted = content.variants(list(data.incidents["incident_id"]))
    missing = [
        str(p)
        for v in wanted
        for p in (reports / f"{v.name}.html", reports / f"{v.name}.pdf", reports / "provenance" / f"{v.name}.html")
        if not p.is_file()
    ]
    if missing:
        raise SiteError("the site needs every report built (make report); missing:\n  " + "\n  ".join(missing))
    code = content.code_digest()
    summaries, redrawn = [], []
    for v in wanted:
        report, folder, made = content.cached(v, data_dir, cache, code)
        summaries.append((report, folder))
        if made:
            redrawn.append(v.name)
    all_reports = [r for r, _ in summaries]

    out.mkdir(parents=True, exist_ok=True)
    w = Writer(out)
    w.write("assets/site.css", pages.stylesheet())
    w.write("assets/bar.css", pages.asset("bar.css"))
    w.write("assets/search.js", pages.asset("search.js"))
    w.write(".nojekyll", "")  # GitHub Pages serves the files as they are
    for report, folder in summaries:
        name = report.variant
        html = (reports / f"{name}.html").read_text(encoding="utf-8")
        w.write(f"reports/{name}.html", pages.report_page(html, report, f"reports/{name}.html"))
        w.copy(f"reports/{name}.pdf", reports / f"{name}.pdf")
        annex = (reports / "provenance" / f"{name}.html").read_text(encoding="utf-8")
        w.write(f"reports/provenance/{name}.html",
                pages.report_page(annex, report, f"reports/provenance/{name}.html", annex=True))  # fmt: skip
        thumb = thumbnails / f"{name}.png"
        if not thumb.is_file():
            raise SiteError(f"no page-1 thumbnail {thumb} (make thumbnails)")
        w.copy(f"thumbnails/{name}.png", thumb)
        for f in sorted(folder.iterdir()):
            w.copy(f"{report.lang}/charts/{name}/{f.name}", f)
        w.write(f"{report.lang}/charts/{name}.html", pages.charts(report, all_reports))
    listed = dataset(w, data_dir, package)
    w.write("index.html", pages.root_page(len(data.incidents)))
    for lang in l10n.LANGUAGES:
        w.write(f"{lang}/index.html", pages.home(lang, all_reports))
        w.write(f"{lang}/data.html", pages.simple("data", lang, "site_data_title", **data_page(listed, lang)))
        w.write(f"{lang}/corrections.html",
                pages.simple("corrections", lang, "site_corrections_title", entries=corrections(data_dir, lang)))  # fmt: skip
        w.write(f"{lang}/search.html", pages.simple("search", lang, "site_nav_search"))
    w.removed = w.prune(keep_under=(INDEX, STAMP))
    w.redrawn = redrawn
    w.indexed = index(out, cache / "pagefind.key") if search else False
    log(
        f"site: {len(w.kept)} files in {out}/; {len(w.changed)} written, {len(w.removed)} removed; "
        f"charts drawn again for {len(redrawn)} of {len(wanted)} reports; "
        f"search index {'made again' if w.indexed else 'unchanged'} ({time.monotonic() - started:.1f} s)"
    )
    return w
