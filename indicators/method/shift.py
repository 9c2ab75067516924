"""A method moved in time: the same components and weights, with every data year moved by the same number of years.

Two uses: measuring the data year (a back-test of edition N with its data years moved by −1 and +1, see the `data_year`
origin notes), and an edition that has no file yet (the next Survey): the latest file's method, its data years moved
by the years between the two editions (the 2024 file reads data of 2022, so 2026 reads data of 2024), with `id`,
`edition` and `title` saying what it is. Such a method is marked unconfirmed.
"""

from __future__ import annotations

from dataclasses import replace

from indicators.method.methodology import Methodology, available_editions, load_methodology


def shift_data_years(methodology: Methodology, years: int) -> Methodology:
    """`methodology` with its file data year and every component's own data year moved by `years`."""
    subindices = {
        code: replace(
            sub,
            forms=tuple(
                replace(
                    form,
                    components=tuple(replace(c, data_year=None if c.data_year is None else c.data_year + years) for c in form.components),
                )
                for form in sub.forms
            ),
        )
        for code, sub in methodology.subindices.items()
    }
    data_year = methodology.data_year if methodology.data_year is not None else methodology.edition
    return replace(methodology, subindices=subindices, data_year=data_year + years)


def method_for_edition(edition: int) -> tuple[Methodology, bool]:
    """The method of `edition` and whether it is the edition's own file. An edition with no file of its own and later
    than every file (the next Survey) gets the latest file's method moved to it (module docstring); an earlier one
    gets its nearest earlier file moved the same way."""
    editions = available_editions()
    if edition in editions:
        return load_methodology(edition), True
    earlier = [e for e in editions if e < edition]
    base = load_methodology(earlier[-1] if earlier else editions[0])
    moved = shift_data_years(base, edition - base.edition)
    title = f"{base.title} method, moved to {edition} (no file for {edition} yet)"
    return replace(moved, id=f"{base.id}@{edition}", edition=edition, title=title, status="unconfirmed"), False
