"""What the domain modules share while generating: dates, random streams, key counters, output."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from dental_analytics.synthetic.money_params import LEGACY_MONTHS
from dental_analytics.synthetic.params import FUTURE_DAYS, HISTORY_YEARS

# Array aliases name what a column holds (numpy's stubs cannot follow dtypes through arithmetic).
Days = npt.NDArray[Any]  # datetime64[D]
Ints = npt.NDArray[Any]  # int64
Floats = npt.NDArray[Any]  # float64
Bools = npt.NDArray[Any]  # bool
Times = npt.NDArray[np.datetime64]  # date-times
Strings = npt.NDArray[np.object_]  # Python str objects


class KeyCounter:
    """Hands out primary keys per table, continuing across units so keys never collide.

    A simulated day starts from the twin's next keys (`next_keys`), so its rows follow the
    twin's own; history starts every table at 1.
    """

    def __init__(self, next_keys: Mapping[str, int] | None = None) -> None:
        self._next: dict[str, int] = dict(next_keys or {})

    def take(self, table_name: str, n: int) -> Ints:
        start = self._next.get(table_name, 1)
        self._next[table_name] = start + n
        return np.arange(start, start + n, dtype=np.int64)


@dataclass(frozen=True)
class Calendar:
    """The generated period: three years of history up to `as_of`, and three months ahead."""

    as_of: dt.date

    @property
    def start(self) -> np.datetime64:
        return np.datetime64(self.as_of, "D") - np.timedelta64(365 * HISTORY_YEARS, "D")

    @property
    def today(self) -> np.datetime64:
        return np.datetime64(self.as_of, "D")

    @property
    def horizon(self) -> np.datetime64:
        return self.today + np.timedelta64(FUTURE_DAYS, "D")

    @property
    def converted_until(self) -> np.datetime64:
        """The end of the practice's first months on its current OpenDental version
        (`LEGACY_MONTHS` from the start): rows from before it keep the older version's ways."""
        return (self.start.astype("datetime64[M]") + LEGACY_MONTHS).astype("datetime64[D]")

    @property
    def history_days(self) -> int:
        return int((self.today - self.start) / np.timedelta64(1, "D"))


def weekday(days: Days) -> Ints:
    """Day of the week, 0 = Monday."""
    return (days.astype("datetime64[D]").astype(np.int64) - 4) % 7


def business_day(days: Days) -> Days:
    """Move Saturdays to the Friday before and Sundays to the Monday after."""
    wd = weekday(days)
    shift = np.where(wd == 5, -1, np.where(wd == 6, 1, 0))
    return days.astype("datetime64[D]") + shift.astype("timedelta64[D]")


def working_day(days: Days, workdays_per_week: int, rng: np.random.Generator) -> Days:
    """Move each date that falls on a day off to a random working day of the following week.

    A provider working Monday to `workdays_per_week` sees patients only on those days; moving a
    day off to a random working day (not always the nearest) keeps the week evenly loaded.
    """
    day = days.astype("datetime64[D]")
    wd = weekday(day)
    off = wd >= workdays_per_week
    next_monday = day + (7 - wd).astype("timedelta64[D]")
    moved = next_monday + rng.integers(0, workdays_per_week, len(day)).astype("timedelta64[D]")
    return np.where(off, moved, day)


def days(n: Ints | int) -> npt.NDArray[np.timedelta64]:
    """Whole days as a timedelta array, to add to dates."""
    return np.asarray(n).astype(np.int64).astype("timedelta64[D]")


def minutes(n: Ints | int) -> npt.NDArray[np.timedelta64]:
    """Whole minutes as a timedelta array, to add to date-times."""
    return np.asarray(n).astype(np.int64).astype("timedelta64[m]")


def at_minute(days: Days, minutes: Ints | int) -> npt.NDArray[np.datetime64]:
    """Date-times on `days` at `minutes` after midnight."""
    return days.astype("datetime64[m]") + np.asarray(minutes).astype("timedelta64[m]")


def rng_for(seed: int, *stream: int) -> np.random.Generator:
    """An independent random stream per (seed, unit, domain), so output does not depend on order."""
    return np.random.default_rng([seed, *stream])


def choice_p(
    rng: np.random.Generator, options: dict[str, float] | dict[int, float], n: int
) -> npt.NDArray[np.object_] | Ints:
    """Draw `n` keys of `options` with the probabilities its values give (normalised)."""
    keys = list(options)
    p = np.array(list(options.values()), dtype=np.float64)
    idx = rng.choice(len(keys), size=n, p=p / p.sum())
    return np.asarray(keys)[idx]
