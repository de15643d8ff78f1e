"""Controlled vocabularies shared by the data files, the checks and the report."""

ACTORS = (
    "coincheck",
    "fsa",
    "attacker",
    "lawyers",
    "victims_association",
    "customers",
    "ministries",
    # Beyond the seed: the affected exchange of another incident, and the other parties.
    "exchange",
    "parent_company",
    "acquirer",
    "police",
    "nem_foundation",
    "trustee",
)

# company/other: the seed's ● and ○ items; derived: a date stated inside an item, or worked out
# from what a source says; secondary: read on a news or blog page that reports the fact.
SOURCE_KINDS = ("company", "other", "derived", "secondary")

# reported: one value, with its source. conflict: sources disagree; every value is a row of one
# conflict_group and exactly one is preferred (the one the analysis uses). gap: searched for and
# not found (no date, never guessed). never: known not to have happened (no date).
STATUSES = ("reported", "conflict", "gap", "never")
FLAGS = ("weak",)

# Milestones in the order they normally happen. Only the pairs in PRECEDENCE are enforced:
# for other pairs the order may differ from one incident to another.
MILESTONES = (
    "leak",
    "detection",
    "suspension",
    "public_notice",
    "report_request",
    "trading_halt",
    "all_withdrawals_suspended",
    "disclosure",
    "price_window_end",
    "compensation_policy",
    "order",
    "inspection",
    "jpy_withdrawal_announced",
    "report_deadline",
    "report",
    "jpy_withdrawal_resumed",
    "second_order",
    "made_whole",
    "crypto_withdrawal_resumed",
    "acquisition_announced",
    "acquisition_completed",
    "nem_withdrawal_resumed",
    "new_accounts_reopened",
    "registration",
    "full_reopening",
    "insolvency_filing",
    "repayment_started",
    "repayment_deadline",
    "inspection_end",
)

# The milestones every incident is compared on, in order. "First regulator action" is the
# earliest of REGULATOR_ACTIONS that an incident has.
COMPARISON = ("detection", "suspension", "disclosure", "regulator_action", "made_whole", "crypto_withdrawal_resumed")
REGULATOR_ACTIONS = ("report_request", "inspection", "order")
FIRST_DAY = (
    "leak",
    "detection",
    "suspension",
    "public_notice",
    "trading_halt",
    "all_withdrawals_suspended",
    "disclosure",
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
    ("detection", "made_whole"),
    ("order", "second_order"),
    ("acquisition_announced", "acquisition_completed"),
    ("suspension", "crypto_withdrawal_resumed"),
)

REMEDY_METHODS = ("cash", "in_kind", "mixed", "partial")

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
