"""data/story.csv: what each theft was worth, who was hurt, why it could happen and who did it."""

import pandas as pd

from analysis import vocab
from analysis.data.schemas.columns import CHECKED, ID, SEED_ITEM, column, in_every_language
from analysis.data.schemas.rules import DataFile, Rule, repeated

TERMS = [t for terms in vocab.TERMS.values() for t in terms]


def _term_of_its_aspect(f: pd.DataFrame) -> pd.Series:
    pairs = pd.MultiIndex.from_tuples([(a, t) for a, terms in vocab.TERMS.items() for t in terms])
    return pd.Series(pd.MultiIndex.from_arrays([f["aspect"], f["term"]]).isin(pairs), index=f.index)


RULES = (
    # A cause or an attribution is a term of its own aspect; value and victims carry none.
    Rule(
        "term",
        lambda f: f["aspect"].isin(tuple(vocab.TERMS)) & ~_term_of_its_aspect(f),
        lambda found: [f"is not a term of {a}; use one of: {', '.join(vocab.TERMS[a])}" for a in found["aspect"]],
    ),
    Rule(
        "term",
        lambda f: ~f["aspect"].isin(tuple(vocab.TERMS)) & f["aspect"].isin(vocab.STORY_ASPECTS) & (f["term"] != ""),
        "is given for {aspect}, which has no terms",
    ),
    Rule(
        "seed_item",
        lambda f: (f["source_id"] == "seed") & (f["seed_item"] == ""),
        "is empty; a fact from the seed says which item states it",
    ),
    Rule("aspect", lambda f: repeated(f, ["incident_id", "aspect"]), "is told twice for {incident_id}"),
)

FILE = DataFile(
    "story.csv",
    {
        "incident_id": column(ID),
        "fact_id": column(ID, unique=True),
        "aspect": column(allowed=vocab.STORY_ASPECTS),
        "term": column(required=False, allowed=TERMS),
        **in_every_language("text"),
        "source_id": column(ID),
        "seed_item": column(SEED_ITEM, required=False),
        "checked": column(CHECKED, required=False),
    },
    RULES,
)
