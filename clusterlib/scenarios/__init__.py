"""What-if scenarios on the goals: shocks to the rest of the year applied to the run's paths."""

from clusterlib.scenarios.compare import comparison, comparison_view, full_year_shift
from clusterlib.scenarios.draws import Draws, read_draws, write_draws
from clusterlib.scenarios.report import write_scenario_report
from clusterlib.scenarios.shocks import apply_scenario, shifts
from clusterlib.scenarios.spec import GrowthShock, LevelShock, Scenario, load_scenario

__all__ = [
    "Draws",
    "GrowthShock",
    "LevelShock",
    "Scenario",
    "apply_scenario",
    "comparison",
    "comparison_view",
    "full_year_shift",
    "load_scenario",
    "read_draws",
    "shifts",
    "write_draws",
    "write_scenario_report",
]
