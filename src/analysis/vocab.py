"""Controlled vocabularies shared by the data files, the checks and the report."""

ACTORS = (
    "coincheck",
    "fsa",
    "attacker",
    "lawyers",
    "victims_association",
    "customers",
    "ministries",
)

SOURCE_KINDS = ("company", "other", "derived")

# Milestones in the order they normally happen. Only the pairs in PRECEDENCE are enforced:
# for other pairs the order may differ from one incident to another.
MILESTONES = (
    "leak",
    "report_request",
    "trading_halt",
    "price_window_end",
    "compensation_policy",
    "order",
    "inspection",
    "jpy_withdrawal_announced",
    "report_deadline",
    "report",
    "jpy_withdrawal_resumed",
)

DEFAULT_CHAIN = ("leak", "order", "report", "jpy_withdrawal_resumed")

# (earlier, later): the later milestone may fall on the same day, never before.
PRECEDENCE = (
    *(("leak", m) for m in MILESTONES if m != "leak"),
    ("report_request", "order"),
    ("order", "report_deadline"),
    ("order", "report"),
    ("trading_halt", "price_window_end"),
    ("jpy_withdrawal_announced", "jpy_withdrawal_resumed"),
)

SOURCE_TYPES = ("primary", "secondary")

# Facts of data/compensation.csv: fact -> the unit it must be stated in.
COMPENSATION_FACTS = {
    "units_stolen": "XEM",
    "holders": "persons",
    "price_per_unit": "JPY/XEM",
    "price_window_start": "datetime",
    "price_window_end": "datetime",
    "price_method": "text",
    "reference_market": "text",
    "payout_currency": "text",
    "funding_source": "text",
    "reported_loss_jpy": "JPY",
}
NUMERIC_UNITS = ("XEM", "persons", "JPY/XEM", "JPY")

TIMEZONE = "Asia/Tokyo"
