"""The reports' parameters: the rules on the invented fixture data (tests/fixtures/data: incidents
example-2020, with every chain milestone dated and its inspection a gap, and sample-2022, whose theft
has a UTC date only); the defaults and each real incident's own chain on data/."""

import pytest

from analysis.data.loading import load_dataset
from analysis.data.params import ParameterError, check_names, check_values
from analysis.report.context import prepare_incident


@pytest.fixture(scope="module")
def data():
    return load_dataset()


def test_defaults_are_valid(data):
    # The default incident (coincheck-2018) is in data/, and its own chain is the one it has dated.
    p = check_values({}, data)
    assert p["lang"] == "ja" and p["chain"] == ["leak", "order", "report", "jpy_withdrawal_resumed"]


def test_unknown_parameter_names_what_is_allowed():
    with pytest.raises(ParameterError, match=r"unknown parameter\(s\): colour; the report takes: incident_id, lang"):
        check_names({"lang": "en", "colour": "blue"})


@pytest.mark.parametrize(
    "params, words",
    [
        ({"lang": "fr"}, "lang 'fr' is not supported; use one of: en, ja"),
        (
            {"incident_id": "ftx-2022"},
            "incident_id 'ftx-2022' is not in the data; use one of: example-2020, sample-2022",
        ),
        ({"chain": ["leak", "ransom"]}, "chain: unknown milestone 'ransom'; use any of: leak, detection"),
        (
            {"chain": ["leak", "inspection"]},  # a gap: searched for, not found
            "chain: milestone 'inspection' is not recorded with a date for example-2020",
        ),
        ({"chain": "leak,order"}, "chain must be a list of at least two milestones"),
        ({"chain": ["leak"]}, "chain must be a list of at least two milestones"),
        ({"chain": ["leak", "leak"]}, "names a milestone twice"),
        ({"chain": ["order", "leak"]}, "chain must follow the order milestones happen in: leak, order"),
    ],
)
def test_invalid_values(fixture_dataset, params, words):
    with pytest.raises(ParameterError) as info:
        check_values({"incident_id": "example-2020", **params}, fixture_dataset)
    assert words in str(info.value)


def test_all_problems_at_once(fixture_dataset):
    with pytest.raises(ParameterError) as info:
        check_values({"incident_id": "example-2020", "lang": "de", "chain": ["leak", "ransom"]}, fixture_dataset)
    assert "lang 'de'" in str(info.value) and "milestone 'ransom'" in str(info.value)


@pytest.mark.parametrize(
    "incident, chain",
    [
        # Theft 7 Feb, order 12 Feb, report 25 Feb, yen withdrawals 28 Feb: every chain milestone dated.
        ("example-2020", ["leak", "order", "report", "jpy_withdrawal_resumed"]),
        # Its theft has a UTC date only (two possible Japan days) and nothing else of the chain: none.
        ("sample-2022", []),
    ],
)
def test_the_chain_is_what_the_incident_has_dated(fixture_dataset, incident, chain):
    assert check_values({"incident_id": incident}, fixture_dataset)["chain"] == chain


@pytest.mark.parametrize(
    "incident, chain",
    [
        ("zaif-2018", ["leak", "order"]),  # no report or yen resumption in the data
        ("bitpoint-2019", ["leak", "jpy_withdrawal_resumed"]),  # its order is a gap
        ("bitfinex-2016", []),  # its theft has a UTC date only (two possible Japan days): the chain section says so
    ],
)
def test_each_incident_has_its_own_chain(data, incident, chain):
    assert check_values({"incident_id": incident}, data)["chain"] == chain


def test_prepare_checks_names_and_data_dir(tmp_path):
    with pytest.raises(ParameterError, match="unknown parameter"):
        prepare_incident(language="en")
    with pytest.raises(ParameterError, match="is not a folder"):
        prepare_incident(data_dir=str(tmp_path / "nowhere"))
