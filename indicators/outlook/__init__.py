"""Outlook: where the figures are heading and what would move them.

The Digital Government Policy targets as data (`targets`), progress measures (`progress`), projections
(`projection`), the status of each milestone (`status`); what-if (`whatif`, every what-if a full re-score of the
field), goal seek (`goal_seek`) and saved, shareable scenarios (`scenarios`). The next Survey before it is published:
point estimates (`forecast`), replays of past Surveys and interval sizes (`record`), the nowcast with intervals
(`nowcast`), its honest evaluation (`evaluation`), levers (`levers`), cheapest paths to milestones (`paths`), and all
of it for one store, computed once (`briefing`).

Exports: `load_targets`, `evaluate_targets`, `whatif_published`, `whatif_components`, `goal_seek`, `stored_outlook`.
"""

from indicators.outlook.briefing import stored_outlook
from indicators.outlook.goal_seek import goal_seek
from indicators.outlook.status import evaluate_targets
from indicators.outlook.targets import load_targets
from indicators.outlook.whatif import whatif_components, whatif_published

__all__ = ["evaluate_targets", "goal_seek", "load_targets", "stored_outlook", "whatif_components", "whatif_published"]
