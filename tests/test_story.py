"""Page 1's story: each sentence rests on a row of story.csv or a dated event, and is true of its
own incident; a story row without its source, term or figure is refused with its place."""

import pytest

from analysis import findings, l10n, story
from analysis.context import prepare_incident
from analysis.loading import load_dataset

from conftest import line_of, problems_of, set_cell

DATA = load_dataset()
INCIDENTS = list(DATA.incidents["incident_id"])


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("incident", INCIDENTS)
def test_page_one_tells_each_aspect_from_its_row(incident, lang):
    ctx = prepare_incident(incident_id=incident, lang=lang)
    page = " ".join(findings.incident(ctx).paragraphs)
    rows = DATA.story[DATA.story["incident_id"] == incident].set_index("aspect")
    for aspect in ("value", "victims", "cause", "attribution"):
        key = f"story_{aspect}"
        if aspect in rows.index:
            assert l10n.t(key, lang, text=rows.at[aspect, f"text_{lang}"]) in page
        else:  # no row, no sentence: nothing is filled in from another incident's template
            assert l10n.t(key, lang, text="").strip("。.") not in page


def test_coincheck_page_one_in_full():
    # Hand-checked against the rows: the seed's lead (about 58 bn yen) and item 10 (about 260,000
    # holders), the Japan Times' $532 million, the press conference's hot wallet, the lawyer's counts.
    ctx = prepare_incident(incident_id="coincheck-2018", lang="en")
    lead = findings.incident(ctx).paragraphs[0]
    assert "It was worth about 58 bn JPY (US$532 million) at the time." in lead
    assert "Those hurt: about 260,000 people who held NEM at the exchange." in lead
    assert "hot wallet" in lead and "without multisignature" in lead
    assert "the thief has not been identified" in lead
    assert "13 people and the company were indicted and 14 people summarily indicted" in lead
    assert "Police and courts: first arrests (11 March 2020), verdict (16 July 2024)." in lead
    last = findings.incident(ctx).paragraphs[-1]
    assert last.endswith(
        "What followed: second improvement order (8 March 2018), acquisition announced (6 April 2018), "
        "registered as an exchange (11 January 2019), stricter rules (31 May 2019)."
    )


def test_enforcement_and_aftermath_come_from_dated_events():
    ctx = prepare_incident(incident_id="bybit-2025", lang="en")
    # Bybit has no arrest, verdict, order or takeover on record: no such sentence.
    assert story.aftermath(ctx) == []
    assert not any(s.startswith("Police and courts") for s in story.lead(ctx))


@pytest.mark.parametrize("incident", INCIDENTS)
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_no_report_says_made_whole_unless_the_remedy_was_full(incident, lang):
    ctx = prepare_incident(incident_id=incident, lang=lang)
    f = findings.incident(ctx)
    text = " ".join([f.headline, *f.paragraphs]).lower()
    extent = dict(zip(DATA.remedies["incident_id"], DATA.remedies["extent"])).get(incident)
    if extent != "full":
        assert "made whole" not in text and "全額" not in text


# -- bad rows ------------------------------------------------------------------------------------


def _problem(data_copy, file, line, column):
    return [p for p in problems_of(data_copy) if str(p.file).endswith(file) and p.line == line and p.column == column]


def test_a_term_its_page_does_not_print_is_refused(data_copy):
    path = data_copy / "story.csv"
    line = line_of(path, "fact_id", "cc-cause")
    set_cell(path, line, "term", "warm_wallet")  # the pages say hot wallet
    found = [p for p in problems_of(data_copy) if str(p.file).endswith("citations.csv") and p.column == "printed"]
    assert any("is not a word for the term 'warm_wallet'" in p.message for p in found)


def test_a_term_of_another_aspect_is_refused(data_copy):
    path = data_copy / "story.csv"
    line = line_of(path, "fact_id", "cc-cause")
    set_cell(path, line, "term", "north_korea")
    [p] = _problem(data_copy, "story.csv", line, "term")
    assert "is not a term of cause" in p.message


def test_a_story_row_without_pages_is_refused(data_copy):
    cites = data_copy / "citations.csv"
    lines = cites.read_text(encoding="utf-8").splitlines(keepends=True)
    cites.write_text("".join(x for x in lines if ",binance-attribution," not in x), encoding="utf-8")
    line = line_of(data_copy / "story.csv", "fact_id", "binance-attribution")
    assert _problem(data_copy, "story.csv", line, "term") or _problem(data_copy, "story.csv", line, "text_en")


def test_an_amount_no_page_prints_is_refused(data_copy):
    path = data_copy / "story.csv"
    line = line_of(path, "fact_id", "cc-value")
    set_cell(path, line, "text_en", "about 58 bn JPY (US$540 million)")
    found = _problem(data_copy, "story.csv", line, "text_en")
    assert any("no figure in citations.csv prints" in p.message for p in found)


def test_an_aspect_told_twice_is_refused(data_copy):
    path = data_copy / "story.csv"
    line = line_of(path, "fact_id", "bp-victims")
    set_cell(path, line, "aspect", "value")
    assert any("is told twice" in p.message for p in _problem(data_copy, "story.csv", line, "aspect"))


def test_a_seed_row_names_its_item(data_copy):
    path = data_copy / "story.csv"
    line = line_of(path, "fact_id", "cc-victims")
    set_cell(path, line, "seed_item", "")
    [p] = _problem(data_copy, "story.csv", line, "seed_item")
    assert "says which item states it" in p.message
