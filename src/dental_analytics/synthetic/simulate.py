"""A simulated practice day: the same rules as history, over one day of a live practice's state.

`advance_day` takes the state a twin was in the evening before (`PracticeState`, read by
`warehouse.mysql_twin.read_state`) and returns what the office did on the day as a change set,
every row stamp on the simulated clock, so a simulated day is the same whenever it is run.
`warehouse.mysql_twin.apply_changes` writes it. The day's random stream comes from the seed and
the date, so replaying a day replays its draws.

The day runs the rules that have been moved onto the state so far, in the office's order:
- the carriers' payment runs (`claims.answer_claims`, paying as `claims.carrier_pays` does in
  history).
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.claims import answer_claims
from dental_analytics.synthetic.context import rng_for
from dental_analytics.synthetic.state import PracticeState

# The stream of simulated days, apart from history's (0 is the practice, units count from 1).
_SIMULATED_DAYS = 1_000_000


def advance_day(state: PracticeState, day: dt.date, seed: int) -> ChangeSet:
    """What the practice does on `day`, given its state the evening before."""
    keys = state.key_counter()
    rng = rng_for(seed, _SIMULATED_DAYS, day.toordinal())
    changes = ChangeSet()
    answer_claims(state, np.datetime64(day, "D"), keys, rng, changes)
    return changes
