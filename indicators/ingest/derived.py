"""Values derived from others in the same file, documented and flagged `derived`.

**Combined gross enrolment ratio** (`gross_enrolment_pct`, the HCI's GER). The UN's combined GER is the enrolment in
primary, secondary and tertiary education over the population of the official ages of those three levels. UIS
and the World Bank now publish the three levels separately. Where a file gives all three for an entity and year
and no combined ratio, it is derived as their mean weighted by the usual size of each level's age group, which
is what a ratio of sums weighs them by: 6 years of primary, 6 of secondary and the 5-year age group UIS uses for
tertiary:

    GER_combined = (6 × GER_primary + 6 × GER_secondary + 5 × GER_tertiary) / 17

Countries whose levels last otherwise (primary 4 to 7 years) get a slightly different weighting from the UN; the
value is flagged `derived` and its source says how it was made, so the back-test can measure the difference.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

COMBINED = "gross_enrolment_pct"
LEVEL_WEIGHTS = {"gross_enrolment_primary_pct": 6.0, "gross_enrolment_secondary_pct": 6.0, "gross_enrolment_tertiary_pct": 5.0}
DERIVED_FLAG = "derived"
DERIVED_SOURCE = "derived: (6 × primary + 6 × secondary + 5 × tertiary gross enrolment ratio) / 17"


def derive_combined_ger(tidy: pd.DataFrame) -> pd.DataFrame:
    """Rows of `gross_enrolment_pct` derived from the three level ratios of `tidy` (columns of `tidy`), for every
    entity and year that has all three and no combined ratio; none otherwise."""
    levels = tidy[tidy["indicator"].isin(list(LEVEL_WEIGHTS)) & tidy["year"].notna()]
    if levels.empty:
        return tidy.iloc[0:0]
    table = levels.pivot_table(index=["entity", "year"], columns="indicator", values="value", aggfunc="first")
    if not set(LEVEL_WEIGHTS) <= set(table.columns):
        return tidy.iloc[0:0]
    table = table.dropna(subset=list(LEVEL_WEIGHTS))
    given = tidy.loc[tidy["indicator"] == COMBINED, ["entity", "year"]]
    table = table[~table.index.isin(pd.MultiIndex.from_frame(given))] if len(given) else table
    if table.empty:
        return tidy.iloc[0:0]
    weights = np.array(list(LEVEL_WEIGHTS.values()))
    combined = table[list(LEVEL_WEIGHTS)].to_numpy(dtype=float) @ weights / weights.sum()
    first = levels.drop_duplicates(["entity", "year"]).set_index(["entity", "year"]).loc[table.index]
    derived = pd.DataFrame(
        {
            "entity": table.index.get_level_values("entity"),
            "year": table.index.get_level_values("year").astype("Int64"),
            "indicator": COMBINED,
            "value": combined,
            "source": DERIVED_SOURCE,
            "sheet": first["sheet"].to_numpy(dtype=object),
            "row": pd.Series([None] * len(table), dtype="Int64").to_numpy(),
            "column": "derived",
            "flags": DERIVED_FLAG,
        }
    )
    return derived[list(tidy.columns)].astype(tidy.dtypes.to_dict())
