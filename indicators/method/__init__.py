"""Method: the UN DESA E-Government Survey method, edition by edition, as data and as pure functions.

Methodology files (`methodology`, one YAML file per edition in data/methodology/, with their `components`: directions,
combinations, fills, data years), normalisation (`normalise`), one component's stages (`combine`), aggregation
(`aggregate`), the scoring run with every stage kept (`scoring`), groups, classes and ranks (`classify`), honest world
and ASEAN standing (`standing`), peer sets (`peers`), the published results as a table (`results`), method changes
between editions (`changes`), the data an edition reads (`inputs`), the back-test against the published results
(`backtest`), a change split into data and method (`split`), which release of the data a computation reads
(`vintages`), the field an edition scores (`field`), a method moved to an edition without a file (`shift`) and the
store's data through the method (`stored`).
Provinces: the LOSI-style portal assessment scores (`losi`), connectivity and human capital panels (`panels`), what
the Provinces page shows (`provinces`) and its FICTIONAL demonstration data (`demo`).

Exports: `load_methodology`, `available_editions`, `Methodology`, `MethodologyError`, `score`, `ScoreResult`.
"""

from indicators.method.methodology import Methodology, MethodologyError, available_editions, load_methodology
from indicators.method.scoring import ScoreResult, score

__all__ = ["Methodology", "MethodologyError", "ScoreResult", "available_editions", "load_methodology", "score"]
