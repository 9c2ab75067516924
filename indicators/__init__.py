"""The pure core of the e-government readiness dashboard (pandas and numpy; never dash or plotly).

Its rooms follow the pipeline, spreadsheets in, reports out; each room imports only the rooms before it here:

    store/    the versioned database every import lands in (the ground floor)
    ingest/   reading what people download, checking it, and bringing it into the store
    method/   the UN DESA method, edition by edition: normalise, aggregate, score, classify, standing, back-test
    outlook/  targets, their status and projections, what-if and goal seek
    report/   what leaves the app: the Excel workbook, the PDF brief, CSV tables
    cli/      `python -m indicators`

The top level holds only the shared vocabulary: the tidy shape (`tidy`), the indicator catalogue (`catalogue`),
the entity registers (`entities`), message catalogues (`i18n`) and where data lives (`paths`).

    from indicators.method import load_methodology, score
    result = score(tidy, load_methodology(2022))
"""
