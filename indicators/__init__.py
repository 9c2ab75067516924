"""The pure core of the e-government readiness dashboard: load, validate, score (no dash, no plotly).

from indicators import load_methodology, score
result = score(tidy, load_methodology(2022))
"""

from indicators.ingest.published import published_table, read_published
from indicators.method.methodology import Methodology, MethodologyError, available_editions, load_methodology
from indicators.method.scoring import ScoreResult, score
from indicators.tidy import LoadResult

__all__ = [
    "LoadResult",
    "Methodology",
    "MethodologyError",
    "ScoreResult",
    "available_editions",
    "load_methodology",
    "published_table",
    "read_published",
    "score",
]
