"""datapackage.json: generated from the schemas, the declared keys and the data dictionary; valid
under Frictionless; refusing a broken foreign key, a duplicated primary key and a value outside its
vocabulary; and its keys are relations the project's own validation enforces."""

import json

import pytest
from frictionless import validate

from analysis import vocab
from analysis.data import package
from analysis.data.loading import read_text_table
from analysis.data.validation import SCHEMAS, check_relations, check_schema

from conftest import DATA, ROOT, set_cell


@pytest.fixture(scope="module")
def generated() -> dict:
    return package.descriptor()


@pytest.fixture(scope="module")
def frames() -> dict:
    return {name: read_text_table(DATA / name)[0] for name in SCHEMAS}


def errors_of(report) -> list[str]:
    return [error_type for (error_type,) in report.flatten(["type"])]


def fields(generated, resource: str) -> dict[str, dict]:
    found = next(r for r in generated["resources"] if r["name"] == resource)
    return {f["name"]: f for f in found["schema"]["fields"]}


def test_committed_descriptor_is_the_generated_one(generated):
    committed = (ROOT / "datapackage.json").read_text(encoding="utf-8")
    assert committed == package.render(generated), "refresh it: python -m analysis.data.package write"
    assert package.main(["check"]) == 0


def test_check_names_a_stale_descriptor(tmp_path, monkeypatch, capsys):
    stale = tmp_path / "datapackage.json"
    stale.write_text("{}\n", encoding="utf-8")
    monkeypatch.setattr(package, "DESCRIPTOR", stale)
    assert package.main(["check"]) == 1
    assert f"{stale}: differs" in capsys.readouterr().err
    assert package.main(["write"]) == 0
    assert package.main(["check"]) == 0


def test_real_package_is_valid():
    report = validate(ROOT / "datapackage.json")
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])


def test_declarations_become_types_and_constraints(generated):
    events = fields(generated, "events")
    assert events["actor"]["constraints"] == {"enum": list(vocab.ACTORS), "required": True}
    assert events["date"]["type"] == "date" and "constraints" not in events["date"]
    assert events["event_id"]["constraints"] == {"required": True, "unique": True}
    assert events["approximate"]["type"] == "boolean" and events["preferred"]["type"] == "boolean"
    assert fields(generated, "pages")["kind"]["constraints"]["enum"] == list(vocab.PAGE_KINDS)
    terms = {t for aspect in vocab.TERMS.values() for t in aspect}
    assert set(fields(generated, "story")["term"]["constraints"]["enum"]) == terms
    assert "[In Japanese; in English: title_en.]" in events["title_ja"]["description"]
    for resource in generated["resources"]:
        assert resource["path"] == f"data/{resource['name']}.csv" and resource["encoding"] == "utf-8"
        assert resource["schema"]["missingValues"] == [""]
    assert "licenses" not in generated and "contributors" not in generated


def test_a_column_without_description_is_named(tmp_path):
    dictionary = tmp_path / "README.md"
    text = (DATA / "README.md").read_text(encoding="utf-8")
    dictionary.write_text("\n".join(line for line in text.splitlines() if not line.startswith("| flag |")))
    with pytest.raises(package.PackageError, match="events.csv column 'flag' has no description"):
        package.descriptor(dictionary=dictionary)


def broken_copy(data_copy, generated, file: str, column: str, value: str, *, line: int = 3):
    set_cell(data_copy / file, line, column, value)
    (data_copy.parent / "datapackage.json").write_text(package.render(generated), encoding="utf-8")
    return validate(data_copy.parent / "datapackage.json")


def test_broken_foreign_key_fails(data_copy, generated):
    report = broken_copy(data_copy, generated, "events.csv", "incident_id", "no-such-incident")
    [(resource, kind, note)] = [(task.name, e.type, e.note) for task in report.tasks for e in task.errors]
    assert (resource, kind) == ("events", "foreign-key")
    assert '"no-such-incident" not found in the lookup table "incidents"' in note


def test_duplicated_primary_key_fails(data_copy, generated):
    taken = read_text_table(data_copy / "events.csv")[0].at[2, "event_id"]  # the first row's
    report = broken_copy(data_copy, generated, "events.csv", "event_id", taken, line=3)
    assert "primary-key" in errors_of(report)


def test_value_outside_the_vocabulary_fails(data_copy, generated):
    report = broken_copy(data_copy, generated, "events.csv", "actor", "pirates")
    assert errors_of(report) == ["constraint-error"]


@pytest.mark.parametrize("source, column, target, target_column", package.FOREIGN_KEYS)
def test_each_foreign_key_is_a_relation_the_validation_enforces(frames, source, column, target, target_column):
    """Name nothing in the key's column (on a row whose cell is filled); the validation refuses it."""
    frame = frames[source].copy()
    line = frame.index[frame[column] != ""][0]
    frame.at[line, column] = "https://nothing.example/zz" if frame.at[line, column].startswith("http") else "zz-none"
    problems = check_relations({**frames, source: frame})
    assert any(p.file == source and p.line == line and p.column == column for p in problems), (source, column)


def test_each_primary_key_is_enforced(generated, frames):
    """Give a row the key of the row before it; the schema or the checks across rows refuse it."""
    for resource in generated["resources"]:
        key, name = resource["schema"].get("primaryKey"), f"{resource['name']}.csv"
        if not key:
            continue
        frame = frames[name].copy()
        first, second = frame.index[:2]
        for column in key:
            frame.at[second, column] = frame.at[first, column]
        # The checks across rows of one file (order items: with the events their orders are).
        problems = check_schema(name, frame) + check_relations({"events.csv": frames["events.csv"], name: frame})
        assert any(p.file == name and p.column in key for p in problems), name


def test_columns_naming_another_files_key_are_foreign_keys(generated):
    """A column named as another file's key (incident_id, source_id, event_id, url...) is its own
    file's key or a declared foreign key, so a new file's references are not left out."""
    keys = {
        r["schema"]["primaryKey"][0]: r["name"]
        for r in generated["resources"]
        if len(r["schema"].get("primaryKey", [])) == 1
    }
    declared = {(source, column) for source, column, _, _ in package.FOREIGN_KEYS}
    for resource in generated["resources"]:
        own = resource["schema"].get("primaryKey", [])
        for f in resource["schema"]["fields"]:
            if f["name"] in keys and keys[f["name"]] != resource["name"]:
                assert (f"{resource['name']}.csv", f["name"]) in declared or f["name"] in own, (resource["name"], f)


def test_descriptor_is_deterministic(generated):
    text = package.render(generated)
    assert text.endswith("}\n") and json.loads(text) == generated
    assert package.render(package.descriptor()) == text


def test_each_file_has_one_english_one_liner():
    # The data dictionary's heading (and so the package's title) and the site's English description of
    # a file are one text: a reader of either learns the same, and a change to one fails here until the
    # other says it too.
    from analysis import l10n

    _, files = package.read_dictionary()
    assert set(files) == set(l10n.catalogue("en")["data_file"]), "the dictionary and the site list other files"
    for name, described in files.items():
        site = l10n.label("data_file", name, "en")
        assert described["title"] == site[:1].lower() + site[1:], (
            f"data/README.md '## {name}: ...' and catalogue/en.toml [data_file] \"{name}\" differ"
        )
