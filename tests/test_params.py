import pytest

from analysis.data.loading import load_dataset
from analysis.data.params import ParameterError, check_names, check_values
from analysis.report.context import prepare_incident


@pytest.fixture(scope="module")
def data():
    return load_dataset()


def test_defaults_are_valid(data):
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
            "incident_id 'ftx-2022' is not in the data; use one of: coincheck-2018, zaif-2018",
        ),
        ({"chain": ["leak", "ransom"]}, "chain: unknown milestone 'ransom'; use any of: leak, detection"),
        (
            {"chain": ["leak", "inspection_end"]},
            "chain: milestone 'inspection_end' is not recorded with a date for coincheck-2018",
        ),
        ({"chain": "leak,order"}, "chain must be a list of at least two milestones"),
        ({"chain": ["leak"]}, "chain must be a list of at least two milestones"),
        ({"chain": ["leak", "leak"]}, "names a milestone twice"),
        ({"chain": ["order", "leak"]}, "chain must follow the order milestones happen in: leak, order"),
    ],
)
def test_invalid_values(data, params, words):
    with pytest.raises(ParameterError) as info:
        check_values(params, data)
    assert words in str(info.value)


def test_all_problems_at_once(data):
    with pytest.raises(ParameterError) as info:
        check_values({"lang": "de", "chain": ["leak", "ransom"]}, data)
    assert "lang 'de'" in str(info.value) and "milestone 'ransom'" in str(info.value)


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
