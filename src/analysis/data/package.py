"""The curated files as a Frictionless Data Package: `datapackage.json` at the project's root,
generated from the project's own declarations, never written by hand.

Each field's type and constraints come from the pandera schemas that check the files
(`analysis.data.validation.SCHEMAS`): a column that refuses an empty cell is required, a unique one
is unique, a vocabulary is an enum (`true`/`false` a boolean), a column that takes exactly the
real days written YYYY-MM-DD a date. The keys between the files are the relations
`validation.check_relations` enforces, declared below (the schemas do not name them), and the
descriptions of the files and columns are those of the data dictionary, data/README.md.

    python -m analysis.data.package write   # (re)write datapackage.json
    python -m analysis.data.package check   # fail when datapackage.json is not what this writes

Licences, authors and a publisher are the owner's to state; none is configured, so the descriptor
names none.
"""

from __future__ import annotations

import argparse
import inspect
import json
import re
import sys
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from babel import Locale

from analysis import l10n, vocab
from analysis.data.relations import RELATIONS, Reference
from analysis.data.schemas import corrections
from analysis.data.validation import SCHEMAS

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "data"
DICTIONARY = DATA / "README.md"
DESCRIPTOR = ROOT / "datapackage.json"
WRITE = "python -m analysis.data.package write"

NAME = "crypto-exchange-thefts"
TITLE = "Thefts from crypto-asset exchanges: the curated data of the reports"

# Keys made of more than one column, which no schema column states as unique but the rules
# across rows enforce (schemas/compensation.py: each fact once per incident and asset;
# schemas/order_items.py: each item number once per order; schemas/corrections.py: one
# correction per record, column and day). A file with a unique column has that column as its
# key; a file with neither has no key.
COMPOSITE_KEYS: dict[str, tuple[str, ...]] = {
    "compensation.csv": ("incident_id", "asset", "fact"),
    "order_items.csv": ("order_event_id", "item_no"),
    "corrections.csv": tuple(corrections.KEY),
}

# The references between the files, as (file, column, referenced file, referenced column): those
# of relations.RELATIONS that name one row of another file by its key, the one place they are
# declared. Where the rule is stricter than a key can say, the key is the part it can: an events.csv
# milestone is one of kind 'event'; an order item's event is an order; a remedy's event is its
# incident's remedy_decided event (a remedy from the seed names none). Not keys: citations.csv
# record_id (the file it names is in its `table` column), milestones.csv not_before (a list), and
# that pages.csv lists only cited pages (citations.csv's url is not a key).
# tests/test_datapackage.py breaks each one and checks that the validation refuses it.
FOREIGN_KEYS: tuple[tuple[str, str, str, str], ...] = tuple(
    sorted(
        (r.file, r.column, r.target, r.target_column)
        for r in RELATIONS
        if isinstance(r, Reference) and not r.words and SCHEMAS[r.target].columns[r.target_column].unique
    )
)

# What a date column takes and refuses: a real day written YYYY-MM-DD, and nothing else.
DATE_TAKES = ("2018-01-26",)
DATE_REFUSES = ("2018-02-30", "2018-01", "2018", "26/01/2018", "2018-01-26T00:00", "x")


class PackageError(ValueError):
    """The declarations cannot be turned into a descriptor (a column without a description...)."""


# -- the data dictionary ---------------------------------------------------------------------------


def read_dictionary(path: Path = DICTIONARY) -> tuple[str, dict[str, dict]]:
    """The dictionary's opening text, and per file: its heading, its prose before the column
    table, and each column's meaning (a row naming several columns gives each the meaning)."""
    text = path.read_text(encoding="utf-8")
    parts = re.split(r"^## ", text, flags=re.M)
    preamble = _paragraphs(re.sub(r"^# .*\n", "", parts[0]))
    files: dict[str, dict] = {}
    for part in parts[1:]:
        heading, _, body = part.partition("\n")
        found = re.fullmatch(r"(\w+\.csv): (.+)", heading.strip())
        if not found:
            continue
        name, title = found.groups()
        prose, columns, in_table = [], {}, False
        for line in body.splitlines():
            if line.startswith("|"):
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                if cells[:3] == ["column", "type", "meaning"]:
                    in_table = True
                elif in_table and not set(cells[0]) <= set("-: "):
                    for column in cells[0].split(","):
                        columns[column.strip().strip("`")] = cells[2]
            elif not in_table:
                prose.append(line)
            elif columns:
                break
        files[name] = {"title": title.strip(), "prose": _paragraphs("\n".join(prose)), "columns": columns}
    return preamble, files


def _paragraphs(text: str) -> str:
    """Markdown paragraphs joined back with one blank line between them, lines unwrapped."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    return "\n\n".join(re.sub(r"\n\s*(?!- )", " ", b) for b in blocks)


def _meaning(files: dict[str, dict], name: str, column: str, seen: tuple = ()) -> str:
    meaning = files.get(name, {}).get("columns", {}).get(column, "")
    # "as in events.csv (...)": the column means what it means there.
    other = re.match(r"as in (\w+\.csv)\b", meaning)
    if other and (other[1], column) not in seen:
        meaning = _meaning(files, other[1], column, (*seen, (name, column)))
    return meaning


def _language(name: str, siblings) -> str:
    """For a column in one language of the reports (title_ja), the note that says so."""
    base, _, lang = name.rpartition("_")
    if not base or lang not in l10n.LANGUAGES:
        return ""
    others = [
        f"in {_language_name(other)}: {base}_{other}"
        for other in l10n.LANGUAGES
        if f"{base}_{other}" in siblings and f"{base}_{other}" != name
    ]
    return " [" + "; ".join([f"In {_language_name(lang)}", *others]) + ".]"


def _language_name(lang: str) -> str:
    return Locale.parse(lang).get_language_name("en")


# -- the schemas -----------------------------------------------------------------------------------


def _accepted(column: pa.Column, values) -> list[bool]:
    """Whether the column's checks pass each value (a cell of its own: uniqueness aside)."""
    cells = pd.Series(list(values), dtype=str)
    passed = pd.Series(True, index=cells.index)
    for check in column.checks:
        output = check(cells).check_output
        passed &= output if isinstance(output, pd.Series) else bool(output)
    return passed.tolist()


def _accepts(column: pa.Column, value: str) -> bool:
    return _accepted(column, [value])[0]


def _vocabulary(check: pa.Check) -> tuple[str, ...] | None:
    """The values a vocabulary check allows: pandera's own `isin`, or a check whose function
    binds them as its `allowed` argument (schemas.columns.column). None for any other check."""
    allowed = (check.statistics or {}).get("allowed_values")
    if allowed is None:
        function = getattr(check, "_check_fn", None)  # pandera keeps no public handle on it
        try:
            parameter = inspect.signature(function).parameters.get("allowed") if function else None
        except (TypeError, ValueError):
            parameter = None
        if parameter is None or parameter.default is inspect.Parameter.empty:
            return None
        allowed = parameter.default
    values = set(allowed)
    if not all(isinstance(v, str) for v in values):
        return None
    # In the order of analysis.vocab where it lists them (a set has none); otherwise sorted.
    for listed in vars(vocab).values():
        if isinstance(listed, tuple | list | dict) and set(listed) == values and len(listed) == len(values):
            return tuple(listed)
    return tuple(sorted(values))


def field(file: str, name: str, column: pa.Column, meaning: str, siblings) -> dict:
    """One column of a schema as a Table Schema field."""
    if not meaning:
        raise PackageError(
            f"{file} column '{name}' has no description in {DICTIONARY.relative_to(ROOT)}; "
            f"add it to the table of {file} there"
        )
    spec: dict = {"name": name, "type": "string", "description": meaning + _language(name, siblings)}
    constraints: dict = {}
    if not _accepts(column, ""):
        constraints["required"] = True
    if column.unique:
        constraints["unique"] = True
    allowed = [v for check in column.checks if (v := _vocabulary(check)) is not None]
    if len(allowed) > 1:
        raise PackageError(f"{file} column '{name}' has more than one vocabulary check")
    if allowed:
        values = allowed[0]
        if not all(_accepted(column, values)) or _accepts(column, "zz-not-a-value"):
            raise PackageError(f"{file} column '{name}': its vocabulary could not be read from its check")
        if set(values) == {"true", "false"}:
            spec.update(type="boolean", trueValues=["true"], falseValues=["false"])
        else:
            constraints["enum"] = list(values)
    elif _accepted(column, DATE_TAKES + DATE_REFUSES) == [True] * len(DATE_TAKES) + [False] * len(DATE_REFUSES):
        spec.update(type="date", format="default")
    if constraints:
        spec["constraints"] = constraints
    return spec


def primary_key(file: str, schema: pa.DataFrameSchema) -> list[str]:
    if file in COMPOSITE_KEYS:
        return list(COMPOSITE_KEYS[file])
    unique = [name for name, column in schema.columns.items() if column.unique]
    return unique[:1]


def resource(file: str, schema: pa.DataFrameSchema, files: dict[str, dict]) -> dict:
    described = files.get(file)
    if described is None:
        raise PackageError(f"{file} has no section '## {file}: ...' in {DICTIONARY.relative_to(ROOT)}")
    columns = list(schema.columns)
    fields = [field(file, n, c, _meaning(files, file, n), columns) for n, c in schema.columns.items()]
    table: dict = {"fields": fields, "missingValues": [""], "fieldsMatch": "equal"}
    if key := primary_key(file, schema):
        table["primaryKey"] = key
    keys = [
        {
            "fields": [column],
            "reference": {"resource": "" if target == file else _name(target), "fields": [target_column]},
        }
        for source, column, target, target_column in FOREIGN_KEYS
        if source == file
    ]
    if keys:
        table["foreignKeys"] = keys
    return {
        "name": _name(file),
        "path": f"{DATA.name}/{file}",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": described["title"][:1].upper() + described["title"][1:],
        "description": described["prose"] or described["title"],
        "schema": table,
    }


def _name(file: str) -> str:
    return file.removesuffix(".csv")


def descriptor(schemas: dict[str, pa.DataFrameSchema] | None = None, dictionary: Path = DICTIONARY) -> dict:
    """The Data Package of the curated files, from the schemas, the keys above and the dictionary."""
    schemas = SCHEMAS if schemas is None else schemas
    preamble, files = read_dictionary(dictionary)
    for source, column, target, target_column in FOREIGN_KEYS:
        for file, col in ((source, column), (target, target_column)):
            if file not in schemas or col not in schemas[file].columns:
                raise PackageError(f"FOREIGN_KEYS names {file} column '{col}', which its schema does not have")
    return {
        "name": NAME,
        "title": TITLE,
        "description": preamble,
        "resources": [resource(file, schemas[file], files) for file in sorted(schemas)],
    }


def render(package: dict) -> str:
    return json.dumps(package, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.data.package", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["write", "check"])
    args = parser.parse_args(argv)
    out = DESCRIPTOR
    try:
        text = render(descriptor())
    except PackageError as err:
        print(f"datapackage: {err}", file=sys.stderr)
        return 1
    if args.command == "write":
        out.write_text(text, encoding="utf-8")
        print(f"wrote {out}")
        return 0
    if not out.exists():
        print(f"{out}: missing; write it with `{WRITE}` and commit it", file=sys.stderr)
        return 1
    if out.read_text(encoding="utf-8") != text:
        print(
            f"{out}: differs from what the schemas and data/README.md give now; "
            f"refresh it with `{WRITE}` and commit it",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
