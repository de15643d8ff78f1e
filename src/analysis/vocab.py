"""Controlled vocabularies shared by the data files, the checks and the report."""

from datetime import date

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
    "regulator",
)
# The affected exchange itself: Coincheck in the seed's incident, `exchange` in the others.
EXCHANGE_ACTORS = ("coincheck", "exchange")

# company/other: the seed's ● and ○ items; derived: a date stated inside an item, or worked out
# from what a source says; secondary: read on a news or blog page that reports the fact; quoted:
# the exchange's own announcement, read on a news or blog page that quotes it.
SOURCE_KINDS = ("company", "other", "derived", "secondary", "quoted")

# reported: one value, with its source. conflict: sources disagree; every value is a row of one
# conflict_group and exactly one is preferred (the one the analysis uses). gap: searched for and
# not found (no date, never guessed). never: known not to have happened (no date). not_applicable:
# the milestone has no meaning for the incident (customers lost nothing, so there was nothing to
# make whole; no regulator had jurisdiction); kept apart from gap, which counts as unknown.
STATUSES = ("reported", "conflict", "gap", "never", "not_applicable")
# The statuses of a row that carries no date.
UNDATED = ("gap", "never", "not_applicable")
# weak: a rewritten or low-quality copy of a story; scheduled: a date set for a step that the pages
# do not confirm took place (never the end of what happened).
FLAGS = ("weak", "scheduled")

# The milestone vocabulary, with a definition per milestone and what the comparison measures, is
# data: data/milestones.csv. The code names only the milestones below; validation checks that the
# vocabulary has each of them.
FIRST_DAY = (
    "leak",
    "detection",
    "suspension",
    "public_notice",
    "trading_halt",
    "all_withdrawals_suspended",
    "disclosure",
)
# Named by the code: the first-day chart, the deadline of the chain chart, the price window.
# Milestones that are deadlines set for a step, not steps taken: never "the last step on record".
DEADLINES = ("report_deadline", "repayment_deadline")
# The steps of the theft's day a first-day chart's title counts the time to.
FIRST_DAY_HEADLINE = ("detection", "disclosure")
CODE_MILESTONES = (*FIRST_DAY, "report", "report_deadline", "remedy_decided")
MILESTONE_KINDS = ("event", "measure")

# Evidence of a researched fact (data/citations.csv): what a printed figure states, and where on
# its page it stands.
# when: the figure states the row's date, time or period; amount: one of the amounts the row gives.
# term: the figure is the word the page uses for the row's term (data/story.csv: a cause, an attribution).
# words: the few words a page prints that a row's text gives (story.csv), or its note (the reason of
# an events.csv row with no date).
CLAIMS = ("when", "amount", "term", "words")
PLACES = ("headline", "lead", "body", "table", "list", "caption", "dateline")
# What kind of page a cited page is (data/pages.csv), from the most to the least authoritative; a
# fact that rests only on the last kind is shown as such to the reader.
PAGE_KINDS = ("regulator_court", "company", "newspaper_wire", "trade_press", "blog_wiki_aggregator")
CITED_TABLES = {
    "events": "events.csv",
    "incidents": "incidents.csv",
    "remedies": "remedies.csv",
    "story": "story.csv",
}

# The story of an incident (data/story.csv): what the theft was worth, who was hurt, why it could
# happen, who did it and who took the exchange over, each aspect a row with its source. A cause, an
# attribution or an acquirer's kind of deal is a term
# of the vocabulary below; a page backs it by printing one of the term's words (matched without
# regard to case), so the reader can find the word on the page.
# What kind of event an incident is: a theft (taken in hours or days) or a drain (coins taken over
# months or years, found late); a drain is told and compared as such, never timed as a one-day hack.
INCIDENT_KINDS = ("theft", "drain")
STORY_ASPECTS = ("value", "victims", "cause", "history", "attribution", "acquirer")
TERMS = {
    "cause": {
        "hot_wallet": ("hot wallet", "ホットウォレット", "オンライン"),
        "no_multisig": ("multisig", "multi-sig", "multisignature", "マルチシグ"),
        "warm_wallet": ("warm wallet", "ウォームウォレット"),
        "cold_wallet_transfer": ("cold wallet", "コールドウォレット"),
        "signing_interface": ("safe{wallet}", "safe wallet", "ui", "user interface"),
        "api_keys": ("api key", "api keys", "2fa", "phishing"),
        "multisig_wallet": ("multi-signature", "multiple-signature", "multisig", "マルチシグ"),
        "social_engineering": (
            "social engineering",
            "recruiter",
            "linkedin",
            "ソーシャルエンジニアリング",
            "リンクトイン",
        ),
        "private_keys": ("private key", "秘密鍵", "recovery key", "リカバリー鍵"),
        "unauthorised_access": ("不正アクセス", "unauthorized access", "unauthorised access", "hack", "ハッキング"),
    },
    "attribution": {
        "unknown": ("unidentified", "not been identified", "unknown", "特定されていない", "特定には至って", "不明"),
        "north_korea": (
            "north korea",
            "北朝鮮",
            "lazarus",
            "ラザルス",
            "tradertraitor",
            "トレイダートレイター",
            "dprk",
        ),
        "charged": ("charged", "indicted", "pleaded guilty", "plead guilty", "起訴", "有罪"),
    },
    # What the regulator had done to the exchange before the theft (an order issued, or lifted), or
    # the standing it let the exchange run under (unregistered, as a deemed operator).
    "history": {
        "prior_order": ("業務改善命令", "business improvement order", "improvement order"),
        "deemed_operator": ("deemed", "みなし", "附則第8条"),
    },
    # Who took the exchange over (purchase: its shares were bought), its business (transfer) or its
    # customers' accounts and assets (account_transfer); page 1 names it in what followed.
    "acquirer": {
        "purchase": ("acquire", "acquisition", "buy", "bought", "買収", "完全子会社", "全株"),
        "transfer": ("transfer", "事業譲渡", "譲渡"),
        "account_transfer": ("customer accounts", "口座", "移管"),
    },
}
# The milestones (data/milestones.csv) page 1 tells as what followed the theft, and as what
# became of those who did it or handled the coins.
# The incident the project is about: the comparison is written around it and highlights it.
FOCUS = "coincheck-2018"
AFTERMATH = (
    "second_order",
    "reserves_restored",
    "full_reopening",
    "acquisition_announced",
    "acquisition_completed",
    "registration",
    "rehabilitation_filing",
    "bankruptcy_opened",
    "rehabilitation_opened",
    "repayment_started",
    "repayment_completed",
    "rule_change",
    "closure",
)
ENFORCEMENT = ("arrest", "prosecution", "sentence", "verdict")
# The steps page 1 names, by default by their milestone's name; an events row may name its own step
# (step_en, step_ja) where that name alone would be vague or untrue of the incident: "a recipient's
# conviction upheld by the Supreme Court", "a third business improvement order of 2018"; of a
# suspension, what was halted ("bitcoin withdrawals to outside addresses"); of a remedy's decision,
# what decided it where no exchange did ("approval of the rehabilitation plan"); of a regulator's
# step, which office took it ("a report ordered by the Kinki Local Finance Bureau, ...").
NAMED_STEPS = (
    *AFTERMATH,
    *ENFORCEMENT,
    "report_request",
    "inspection",
    "order",
    "suspension",
    "crypto_withdrawal_resumed",
    "remedy_decided",
)

# A remedy's form, and its extent: full (customers got back all they lost, as the asset or at a
# stated price), partial (part of it; the share in remedies.csv when a page prints it), none, or
# not_needed (the exchange bore the loss; customers' balances were never reduced). Only a full
# remedy in kind may be called making customers whole.
REMEDY_METHODS = ("cash", "in_kind", "mixed", "tokens")
# not_found: customers are known to have lost assets, and no page found says what they got back. An
# incident without a remedies.csv row (and whose remedy is not 'not applicable') is one where no page
# found says even what all its customers lost (Liquid's Singapore affiliate): neither is counted as
# the other.
REMEDY_EXTENTS = ("full", "partial", "none", "not_needed", "not_found")

SOURCE_TYPES = ("primary", "secondary")

# Facts of data/compensation.csv: fact -> the unit it must be stated in ({asset}: the row's asset,
# so a remedy in BTC is stated in BTC and JPY/BTC).
COMPENSATION_FACTS = {
    "units_stolen": "{asset}",
    "holders": "persons",
    "price_per_unit": "JPY/{asset}",
    "price_window_start": "datetime",
    "price_window_end": "datetime",
    "price_method": "text",
    "reference_market": "text",
    "payout_currency": "text",
    "funding_source": "text",
    "reported_loss_jpy": "JPY",
}
# Compensation facts whose value is a word of a vocabulary (each has a name in every catalogue).
CHOSEN_FACTS = {"payout_currency": ("JPY",), "funding_source": ("own_funds",)}
# Plausible values of the numeric facts: fact -> (lowest, highest, decimal places). Far wider than
# any exchange theft, narrow enough that a slipped digit is caught and the exact Decimal arithmetic
# (products, ratios, rounding) cannot overflow its precision.
NUMERIC_BOUNDS = {
    "units_stolen": ("0.00000001", "10000000000000", 8),
    "holders": ("1", "10000000000", 0),
    "price_per_unit": ("0.000001", "1000000000", 6),
    "reported_loss_jpy": ("1", "100000000000000", 0),
}

TIMEZONE = "Asia/Tokyo"
# The earliest date a fact may carry: the first Bitcoin block (3 January 2009). The latest is a
# year from the day of the check (analysis.data.validation.plausible_window).
EARLIEST_DATE = date(2009, 1, 3)
# The most data rows a file may hold. The curated files hold a few hundred. Work and memory grow
# with the rows (each event is a table row and a labelled point of the timeline): make bench
# measures one variant built on events.csv at this size (about 25 s and 2.5 GiB at its peak, most
# of it Chromium laying out the pages), so a larger file is refused before any work.
MAX_ROWS = 1000
# The largest file read at all (the curated files are under 60 kB): checked before reading it.
MAX_BYTES = 2_000_000
# Zones besides Japan's that pages print figures in (citations.csv printed_tz); each has a name in
# every catalogue. A date-only fact may be dated in the first two (events.csv date_zone).
ZONES = ("UTC", "America/New_York", "Asia/Hong_Kong", "Asia/Singapore")
DATE_ZONES = ZONES[:2]
