"""The office's staff and their time clock: `employee`, `clockevent`, and the links to them.

Each clinic has positions (front desk, chairside assistants, hygienists, a hygiene assistant, the
office manager; the unit's billing coordinator at its first clinic), each held by a succession of
employees as people leave and are replaced. Every working day a holder clocks in before the first
patient, out for lunch, back in and home at the end of the day (OpenDental's `ClockStatus` of the
event: Lunch, Break, Home), never on the days the timecard gives them as leave. The weekly overtime
adjustments already on the timecards (`timeadjust`, written by the office-admin step) are given to
employees who did work past forty hours that week, and the clock events make it so. Front-desk
and hygienist logins (`userod.EmployeeNum`) and the assistant at each dentist's chair
(`appointment.Assistant`) point at the employees.

Each clinic's staff (all but the hygienists, whose hours are provider schedules) have employee
schedule rows (`schedule`, SchedType Employee) for the days they work, posted a few weeks ahead:
every day on the clock is a scheduled day, and days of leave are off the schedule.

One rule per step, in `build_staff`'s order: `fill_positions`, `hire_employees`,
`assign_timecard_adjustments`, `clock_in_and_out`, `schedule_staff`, `link_logins`,
`seat_assistants`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from dental_analytics.opendental import table
from dental_analytics.synthetic import names
from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.context import (
    Bools,
    Calendar,
    Days,
    Ints,
    KeyCounter,
    at_minute,
    weekday,
)
from dental_analytics.synthetic.frame import Frame
from dental_analytics.synthetic.front_office_params import (
    BILLING_COORDINATORS_PER_UNIT,
    BILLING_HOME_DAY_P,
    BREAK_MINUTES,
    BREAK_P,
    CLOCK_ADJUST_P,
    CLOCK_IN_EARLY_MINUTES,
    HYGIENE_ASSISTANTS_PER_CLINIC,
    LUNCH_LATE_MINUTES,
    LUNCH_MINUTES,
    LUNCH_START_MINUTE,
    OFFICE_MANAGERS_PER_CLINIC,
    SHORT_DAY_MINUTES,
    STAFF_LUNCH_MINUTES,
    STAFF_SCHEDULE_AHEAD_DAYS,
    STAFF_SCHEDULED_ROLES,
    TURNOVER_PER_YEAR,
    VACANCY_DAYS,
)
from dental_analytics.synthetic.offices import Offices
from dental_analytics.synthetic.params import (
    DAY_START_MINUTE,
    DENTIST_WORKDAYS_PER_WEEK,
    FRONT_DESK_USERS_PER_CLINIC,
    HYGIENIST_WORKDAYS_PER_WEEK,
)

_CLOCK = table("clockevent").enum("ClockStatus")
_SCHED_TYPE = table("schedule").enum("SchedType")
HOME, LUNCH, BREAK = (_CLOCK.code(n) for n in ("Home", "Lunch", "Break"))
ROLES = ("front_desk", "assistant", "hygienist", "hygiene_assistant", "office_manager", "billing")
_FOUR_DAY_ROLES = {"hygienist", "hygiene_assistant"}
WEEK_MINUTES = 40 * 60  # OpenDental's weekly overtime threshold
DAY_MINUTES = 8 * 60
_ADJUST_NOTES = ("Errand off the clock.", "Worked before clocking in.")
NOT_OVERRIDDEN = -60  # OpenDental stores -1 hour in an override column that is not overridden


@dataclass(frozen=True)
class Positions:
    """The unit's staff positions, in clinic order."""

    clinic: Ints
    role: Ints  # index into ROLES
    partner: Ints  # the dentist (assistant) or hygienist (hygienist) it works with, else 0
    desk_user: Ints  # the front-desk login it holds (front desk), else 0

    @property
    def workdays(self) -> Ints:
        four = np.isin(self.role, [ROLES.index(r) for r in _FOUR_DAY_ROLES])
        return np.where(four, HYGIENIST_WORKDAYS_PER_WEEK, DENTIST_WORKDAYS_PER_WEEK)


@dataclass(frozen=True)
class Employees:
    """Each employee (a holder of a position for a stretch of days) and who holds what when."""

    num: Ints
    position: Ints
    hired: Days
    left: Days  # the first day no longer employed; after the horizon for current staff
    holder: Ints  # position x day of the span: the employee index holding it, -1 vacant
    works: Bools  # position x day: clocked in that day (day <= as-of date)
    days: Days  # the span's days, cal.start .. cal.horizon


def fill_positions(offices: Offices) -> Positions:
    """Each clinic's positions: its front desk, an assistant per dentist, its hygienists, a
    hygiene assistant and an office manager; the unit's billing coordinators at its first clinic."""
    clinic, role, partner, desk = [], [], [], []
    for k, c in enumerate(offices.clinic_num):
        desk_users = offices.user_num[offices.user_clinic == c][:FRONT_DESK_USERS_PER_CLINIC]
        dentists, hygienists = offices.dentists_of(int(c)), offices.hygienists_of(int(c))
        rows = (
            [("front_desk", 0, int(u)) for u in desk_users]
            + [("assistant", int(d), 0) for d in dentists]
            + [("hygienist", int(h), 0) for h in hygienists]
            + [("hygiene_assistant", 0, 0)] * HYGIENE_ASSISTANTS_PER_CLINIC
            + [("office_manager", 0, 0)] * OFFICE_MANAGERS_PER_CLINIC
            + ([("billing", 0, 0)] * BILLING_COORDINATORS_PER_UNIT if k == 0 else [])
        )
        for r, p, u in rows:
            clinic.append(int(c))
            role.append(ROLES.index(r))
            partner.append(p)
            desk.append(u)
    return Positions(
        clinic=np.array(clinic, np.int64),
        role=np.array(role, np.int64),
        partner=np.array(partner, np.int64),
        desk_user=np.array(desk, np.int64),
    )


def hire_employees(
    cal: Calendar, positions: Positions, rng: np.random.Generator
) -> tuple[Ints, Days, Days, Ints]:
    """(position, hired, left, holder matrix) of every holder of every position over the span.

    The first holder was hired before the history; each departure (at the role's yearly turnover)
    leaves the position open for a few days before the next holder starts.
    """
    days = np.arange(cal.start, cal.horizon + np.timedelta64(1, "D"), dtype="datetime64[D]")
    n_days = len(days)
    years = cal.history_days / 365
    turnover = np.array([TURNOVER_PER_YEAR[r] for r in ROLES])[positions.role]
    departures = rng.poisson(turnover * years)
    holder = np.full((len(positions.role), n_days), -1, np.int64)
    pos: list[int] = []
    hired: list[np.datetime64] = []
    left: list[np.datetime64] = []
    for p, n_leave in enumerate(departures):
        leave_at = np.sort(rng.integers(30, cal.history_days, n_leave))
        start_at = np.r_[
            -int(rng.integers(200, 3000)), leave_at + rng.integers(*VACANCY_DAYS, n_leave)
        ]
        end_at = np.r_[leave_at, n_days + 3650]
        keep = start_at < end_at  # a replacement who left before starting never was
        for s, e in zip(start_at[keep], end_at[keep], strict=True):
            holder[p, max(s, 0) : max(min(e, n_days), 0)] = len(pos)
            pos.append(p)
            hired.append(cal.start + np.timedelta64(int(s), "D"))
            left.append(cal.start + np.timedelta64(int(e), "D"))
    return (
        np.array(pos, np.int64),
        np.array(hired, dtype="datetime64[D]"),
        np.array(left, dtype="datetime64[D]"),
        holder,
    )


def write_employees(
    cal: Calendar,
    positions: Positions,
    position: Ints,
    hired: Days,
    left: Days,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> Ints:
    """The employee rows (former staff hidden); return their keys."""
    n = len(position)
    num = keys.take("employee", n)
    role = positions.role[position]
    female = rng.random(n) < np.where(role == ROLES.index("office_manager"), 0.8, 0.9)
    first = np.where(
        female, names.pick(rng, names.FIRST_FEMALE, n), names.pick(rng, names.FIRST_MALE, n)
    )
    last = names.pick(rng, names.LAST, n)
    # A hygienist's employee record is the same person as the hygienist's provider record.
    providers = pa.concat_tables(out.inserts["provider"])
    prov_num = providers.column("provnum").to_numpy().astype(np.int64)
    hygienist = np.flatnonzero(role == ROLES.index("hygienist"))
    row = np.searchsorted(prov_num, positions.partner[position[hygienist]])
    first[hygienist] = providers.column("fname").to_numpy(zero_copy_only=False)[row]
    last[hygienist] = providers.column("lname").to_numpy(zero_copy_only=False)[row]
    # The front desk's current holders are the people whose first names their logins carry.
    users = pa.concat_tables(out.inserts["userod"])
    login = dict(
        zip(
            users.column("usernum").to_numpy().tolist(),
            users.column("username").to_numpy(zero_copy_only=False).tolist(),
            strict=True,
        )
    )
    for p in np.flatnonzero(positions.desk_user):
        mine = np.flatnonzero((position == p) & (hired <= cal.today))
        if len(mine):
            latest = mine[np.argmax(hired[mine])]
            first[latest] = str(login[int(positions.desk_user[p])]).rstrip("0123456789").title()
    # Everyone at a clinic reports to its office manager (the current one, or the one of the day
    # they left); the office manager and billing report to no one in the table.
    manager = np.zeros(n, np.int64)
    is_manager = role == ROLES.index("office_manager")
    for i in np.flatnonzero(~is_manager & (role != ROLES.index("billing"))):
        mates = np.flatnonzero(
            is_manager & (positions.clinic[position] == positions.clinic[position[i]])
        )
        if len(mates):
            manager[i] = num[mates[np.argmin(np.abs((left[mates] - left[i]).astype(np.int64)))]]
    f = Frame("employee", n)
    f.update(
        {
            "EmployeeNum": num,
            "LName": last,
            "FName": first,
            "MiddleI": np.asarray(names.pick(rng, list("ABCDEJKLMRST"), n)),
            "IsHidden": (left <= cal.today).astype(np.int64),
            "ClockStatus": "Home",
            "PhoneExt": 100 + position,
            "PayrollID": np.array([f"P{k:05d}" for k in num], dtype=object),
            "WirelessPhone": names.phone_numbers(rng, n),
            "EmailWork": np.array(
                [
                    f"{a.lower()}.{b.lower()}@staff.example.com"
                    for a, b in zip(first, last, strict=True)
                ],
                dtype=object,
            ),
            "ReportsTo": manager,
        }
    )
    out.add(f)
    return num


@dataclass(frozen=True)
class Timecards:
    """What the timecard adjustments say of each position's days and weeks."""

    leave_day: Bools  # position x day: a whole day of leave
    half_day: Bools  # position x day: half a day of leave, the morning worked
    week_target: Ints  # position x week: minutes the clock must total (overtime weeks), else -1
    week_corrections: Ints  # position x week: regular minutes added or taken by hand


def _week_of(cal: Calendar, day: Ints) -> Ints:
    """Monday-based week index of day indexes of the span."""
    first = int(weekday(np.array([cal.start]))[0])
    return (np.asarray(day) + first) // 7


def assign_timecard_adjustments(
    cal: Calendar,
    positions: Positions,
    holder: Ints,
    works: Bools,
    employee_num: Ints,
    rng: np.random.Generator,
    out: ChangeSet,
) -> Timecards:
    """Give each timecard adjustment of the unit to an employee of its clinic; write their keys.

    Weekly overtime goes to staff who work that week, a full-week position first; leave and
    corrections to staff who work that day. Returns what the clock events must follow.
    """
    ta = pa.concat_tables(out.inserts["timeadjust"])
    # A leave day or correction on the Friday before the history starts counts on its first day.
    day = (ta.column("timeentry").to_numpy().astype("datetime64[D]") - cal.start).astype(np.int64)
    day = np.maximum(day, 0)
    clinic = ta.column("clinicnum").to_numpy().astype(np.int64)
    auto = ta.column("isauto").to_numpy().astype(np.int64) == 1
    pto = ta.column("ptohours").to_numpy().astype("timedelta64[m]").astype(np.int64)
    reg = ta.column("reghours").to_numpy().astype("timedelta64[m]").astype(np.int64)
    ot = ta.column("otimehours").to_numpy().astype("timedelta64[m]").astype(np.int64)
    week = _week_of(cal, day)
    n_pos, n_days = works.shape
    n_weeks = int(_week_of(cal, np.array([n_days - 1]))[0]) + 1
    week_of_day = _week_of(cal, np.arange(n_days))
    days_in_week = np.stack(
        [np.bincount(week_of_day, w.astype(np.int64), n_weeks).astype(np.int64) for w in works]
    )
    leave_day = np.zeros_like(works)
    half_day = np.zeros_like(works)
    target = np.full((n_pos, n_weeks), -1, np.int64)
    corrections = np.zeros((n_pos, n_weeks), np.int64)
    full_week = positions.workdays == DENTIST_WORKDAYS_PER_WEEK
    pos_of = np.full(len(day), -1, np.int64)
    # Overtime first (whole weeks), then leave and corrections (single days).
    for i in np.r_[np.flatnonzero(auto), np.flatnonzero(~auto)]:
        here = positions.clinic == clinic[i]
        if auto[i]:
            # Someone who worked the whole week (their four or five days), a full-time one first.
            count = np.where(here & (target[:, week[i]] < 0), days_in_week[:, week[i]], 0)
            free = (count > 0) & (count >= np.minimum(positions.workdays, count.max()))
            pick = np.flatnonzero(free & full_week)
            pick = pick if len(pick) else np.flatnonzero(free)
        else:
            free = here & works[:, day[i]] & ~leave_day[:, day[i]] & ~half_day[:, day[i]]
            pick = np.flatnonzero(free & (target[:, week[i]] < 0))
            pick = pick if len(pick) else np.flatnonzero(free)
            # A day no one worked (a Saturday before the history): anyone holding a position.
            pick = pick if len(pick) else np.flatnonzero(here & (holder[:, day[i]] >= 0))
        if not len(pick):
            raise ValueError("a timecard adjustment at a clinic with no one at work")
        p = int(pick[rng.integers(0, len(pick))])
        pos_of[i] = p
        if auto[i]:
            target[p, week[i]] = WEEK_MINUTES + ot[i]
        elif pto[i] >= DAY_MINUTES:
            leave_day[p, day[i]] = works[p, day[i]]
        elif pto[i] > 0:
            half_day[p, day[i]] = works[p, day[i]]
        else:
            corrections[p, week[i]] += reg[i]
    employee = holder[pos_of, day]
    column = ta.schema.get_field_index("employeenum")
    ta = ta.set_column(
        column, ta.schema.field(column), pa.array(employee_num[employee], pa.int64())
    )
    out.inserts["timeadjust"] = [ta]
    return Timecards(leave_day, half_day, target, corrections)


def clock_in_and_out(
    cal: Calendar,
    positions: Positions,
    employees: Employees,
    timecards: Timecards,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """The clock events of every day worked: in, out to lunch, back, home; some breaks.

    A week's clocked minutes (with the manager's adjustments and the timecard's corrections) come
    to forty hours plus the overtime the timecard moved, in an overtime week, and to no more than
    forty hours in any other: the late evenings of an overtime week are where its hours came from.
    """
    pos, day = np.nonzero(employees.works)
    n = len(pos)
    half = timecards.half_day[pos, day]
    clock_in = DAY_START_MINUTE - rng.integers(*CLOCK_IN_EARLY_MINUTES, n)
    lunch_out = LUNCH_START_MINUTE + rng.integers(*LUNCH_LATE_MINUTES, n)
    lunch_back = lunch_out + rng.integers(*LUNCH_MINUTES, n)
    minutes_worked = np.where(half, DAY_MINUTES // 2, DAY_MINUTES) - rng.integers(
        *SHORT_DAY_MINUTES, n
    )
    adjusted = rng.random(n) < CLOCK_ADJUST_P
    adjust_kind = rng.integers(0, len(_ADJUST_NOTES), n)
    adjust = np.where(adjusted, np.where(adjust_kind == 0, -15, 15), 0)

    # Bring each week to what the timecard says.
    week = _week_of(cal, day)
    cell = pos * timecards.week_target.shape[1] + week
    n_cells = timecards.week_target.size
    total = np.bincount(cell, minutes_worked + adjust, n_cells).astype(np.int64)
    total += timecards.week_corrections.ravel()
    target = timecards.week_target.ravel()
    gap = np.where(target >= 0, target - total, np.minimum(0, WEEK_MINUTES - total))
    days_in_cell = np.bincount(cell, minlength=n_cells)
    order = np.lexsort((day, cell))
    rank = np.empty(n, np.int64)
    starts = np.cumsum(days_in_cell) - days_in_cell
    rank[order] = np.arange(n) - starts[cell[order]]
    last = rank == days_in_cell[cell] - 1
    # Spread over the week's days (the rounding on its last): a week over forty hours by the
    # timecard's corrections is cut a little each day, never a whole afternoon on one.
    share = gap[cell] // np.maximum(days_in_cell[cell], 1)
    share += np.where(last, gap[cell] - share * days_in_cell[cell], 0)
    minutes_worked += share

    home = np.where(
        half, clock_in + minutes_worked, lunch_back + minutes_worked - (lunch_out - clock_in)
    )
    date = employees.days[day].astype("datetime64[m]")
    on_break = ~half & (rng.random(n) < BREAK_P)
    break_start = 15 * 60 + rng.integers(0, 60, n)
    break_end = break_start + rng.integers(*BREAK_MINUTES, n)
    on_break &= break_end < home
    full = np.flatnonzero(~half)
    brk = np.flatnonzero(on_break)
    # Rows: morning (to lunch, or home on a half day), afternoon, breaks.
    row_day = np.concatenate([np.arange(n), full, brk])
    start = np.concatenate([clock_in, lunch_back[full], break_start[brk]])
    stop = np.concatenate([np.where(half, home, lunch_out), home[full], break_end[brk]])
    status = np.concatenate(
        [np.where(half, HOME, LUNCH), np.full(len(full), HOME), np.full(len(brk), BREAK)]
    )
    row_adjust = np.concatenate([np.zeros(n, np.int64), adjust[full], np.zeros(len(brk), np.int64)])
    # Half days have no afternoon row: their adjustment goes on the morning's.
    row_adjust[:n] = np.where(half, adjust, 0)
    note_of = np.asarray(_ADJUST_NOTES, dtype=object)[adjust_kind]
    note = np.where(row_adjust != 0, note_of[row_day], "").astype(object)
    at_start = date[row_day] + start.astype("timedelta64[m]")
    at_stop = date[row_day] + stop.astype("timedelta64[m]")
    order = np.lexsort((status, at_start))
    employee = employees.holder[pos, day]
    billing = positions.role[pos] == ROLES.index("billing")
    home_day = billing & (rng.random(n) < BILLING_HOME_DAY_P)
    m = len(row_day)
    override = np.full(m, NOT_OVERRIDDEN).astype("timedelta64[m]")
    f = Frame("clockevent", m)
    f.update(
        {
            "ClockEventNum": keys.take("clockevent", m),
            "EmployeeNum": employees.num[employee[row_day]][order],
            "TimeEntered1": at_start[order],
            "TimeDisplayed1": at_start[order],
            "ClockStatus": status[order],
            "Note": note[order],
            "TimeEntered2": at_stop[order],
            "TimeDisplayed2": at_stop[order],
            "OTimeHours": override,
            "Adjust": row_adjust[order].astype("timedelta64[m]"),
            "AdjustIsOverridden": (row_adjust[order] != 0).astype(np.int64),
            "Rate2Hours": override,
            "ClinicNum": positions.clinic[pos[row_day]][order],
            "Rate3Hours": override,
            "IsWorkingHome": home_day[row_day][order].astype(np.int64),
        }
    )
    out.add(f)


def schedule_staff(
    cal: Calendar,
    positions: Positions,
    employees: Employees,
    timecards: Timecards,
    keys: KeyCounter,
    out: ChangeSet,
) -> None:
    """An employee schedule row (SchedType Employee, EmployeeNum set, ProvNum 0) at the
    position's clinic for each day its holder works: every day they clocked in, and ahead of the
    as-of date the position's workdays up to `STAFF_SCHEDULE_AHEAD_DAYS` out. A shift starts as
    early as anyone clocks in before the first patient (the day's clock-in falls in its first
    minutes) and runs the eight-hour day and the lunch hour; a half day of leave is the morning
    only; a whole day of leave is not on the schedule."""
    n_days = len(employees.days)
    ahead = (np.arange(n_days) > cal.history_days) & (
        np.arange(n_days) <= cal.history_days + STAFF_SCHEDULE_AHEAD_DAYS
    )
    on_workday = weekday(employees.days)[None, :] < positions.workdays[:, None]
    planned = employees.works | ((employees.holder >= 0) & on_workday & ahead[None, :])
    scheduled = np.isin(positions.role, [ROLES.index(r) for r in STAFF_SCHEDULED_ROLES])
    pos, day = np.nonzero(planned & scheduled[:, None])
    n = len(pos)
    start = DAY_START_MINUTE - CLOCK_IN_EARLY_MINUTES[1]
    stop = np.where(
        timecards.half_day[pos, day],
        start + DAY_MINUTES // 2,
        start + DAY_MINUTES + STAFF_LUNCH_MINUTES,
    )
    date = employees.days[day]
    s = Frame("schedule", n)
    s.update(
        {
            "ScheduleNum": keys.take("schedule", n),
            "SchedDate": date,
            "StartTime": np.full(n, start).astype("timedelta64[m]"),
            "StopTime": stop.astype("timedelta64[m]"),
            "SchedType": _SCHED_TYPE.code("Employee"),
            "EmployeeNum": employees.num[employees.holder[pos, day]],
            "ClinicNum": positions.clinic[pos],
        }
    )
    # Posted when the schedule goes out, never after the as-of date.
    s.stamp(
        at_minute(
            np.minimum(date - np.timedelta64(STAFF_SCHEDULE_AHEAD_DAYS, "D"), cal.today), 16 * 60
        )
    )
    out.add(s)


def link_logins(cal: Calendar, positions: Positions, employees: Employees, out: ChangeSet) -> None:
    """Point each front-desk login and each hygienist's login at its employee: the position's
    latest holder hired by the as-of date."""
    users = pa.concat_tables(out.inserts["userod"])
    user = users.column("usernum").to_numpy().astype(np.int64)
    prov = users.column("provnum").to_numpy().astype(np.int64)
    hired = employees.hired <= cal.today
    linked = np.zeros(len(user), np.int64)
    for p in range(len(positions.role)):
        mine = np.flatnonzero((employees.position == p) & hired)
        if not len(mine):
            continue
        employee_num = employees.num[mine[np.argmax(employees.hired[mine])]]
        if positions.desk_user[p]:
            linked[user == positions.desk_user[p]] = employee_num
        elif positions.role[p] == ROLES.index("hygienist"):
            linked[prov == positions.partner[p]] = employee_num
    column = users.schema.get_field_index("employeenum")
    users = users.set_column(column, users.schema.field(column), pa.array(linked, pa.int64()))
    out.inserts["userod"] = [users]


def seat_assistants(
    cal: Calendar,
    positions: Positions,
    employees: Employees,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """Record the chairside assistant on each dentist's appointment: the dentist's own assistant
    when at work that day, else another assistant of the clinic at work, else none. Future
    appointments get the assistant who holds the position then."""
    apts = pa.concat_tables(out.inserts["appointment"])
    prov = apts.column("provnum").to_numpy().astype(np.int64)
    clinic = apts.column("clinicnum").to_numpy().astype(np.int64)
    hygiene = apts.column("ishygiene").to_numpy().astype(np.int64) == 1
    day = (apts.column("aptdatetime").to_numpy().astype("datetime64[D]") - cal.start).astype(
        np.int64
    )
    n_days = employees.holder.shape[1]
    in_span = (day >= 0) & (day < n_days)
    d = np.clip(day, 0, n_days - 1)
    is_assistant = positions.role == ROLES.index("assistant")
    wd = weekday(employees.days)
    future = np.arange(n_days) > cal.history_days
    # At work that day: clocked in, or (ahead of the as-of date) holding the position on a workday.
    present = employees.works | (
        (employees.holder >= 0) & future[None, :] & (wd[None, :] < positions.workdays[:, None])
    )
    assistant = np.full(len(prov), -1, np.int64)
    for p in np.flatnonzero(is_assistant):
        own = (
            in_span
            & ~hygiene
            & (prov == positions.partner[p])
            & (clinic == positions.clinic[p])
            & present[p, d]
        )
        assistant[own] = employees.holder[p, d[own]]
    for p in rng.permutation(np.flatnonzero(is_assistant)):
        cover = (
            in_span & ~hygiene & (assistant < 0) & (clinic == positions.clinic[p]) & present[p, d]
        )
        assistant[cover] = employees.holder[p, d[cover]]
    num = np.where(assistant >= 0, employees.num[np.maximum(assistant, 0)], 0)
    column = apts.schema.get_field_index("assistant")
    apts = apts.set_column(column, apts.schema.field(column), pa.array(num, pa.int64()))
    out.inserts["appointment"] = [apts]
    # The appointment's history rows show it as it was: with its assistant, booked with it.
    if "histappointment" in out.inserts:
        history = pa.concat_tables(out.inserts["histappointment"])
        apt_num = apts.column("aptnum").to_numpy().astype(np.int64)
        order = np.argsort(apt_num)
        hist_apt = history.column("aptnum").to_numpy().astype(np.int64)
        at = np.minimum(np.searchsorted(apt_num[order], hist_apt), len(order) - 1)
        found = apt_num[order][at] == hist_apt
        hist_num = np.where(found, num[order][at], 0)
        column = history.schema.get_field_index("assistant")
        history = history.set_column(
            column, history.schema.field(column), pa.array(hist_num, pa.int64())
        )
        out.inserts["histappointment"] = [history]


def build_staff(
    cal: Calendar, offices: Offices, keys: KeyCounter, rng: np.random.Generator, out: ChangeSet
) -> None:
    """Write `employee` and `clockevent` into `out`, and point the unit's timecard adjustments,
    logins and appointments at the employees.

    Reads the unit's `timeadjust`, `userod` and `appointment` rows, so it runs after the records.
    """
    positions = fill_positions(offices)
    position, hired, left, holder = hire_employees(cal, positions, rng)
    num = write_employees(cal, positions, position, hired, left, keys, rng, out)
    days = np.arange(cal.start, cal.horizon + np.timedelta64(1, "D"), dtype="datetime64[D]")
    on_workday = weekday(days)[None, :] < positions.workdays[:, None]
    works = (holder >= 0) & on_workday & (np.arange(len(days)) <= cal.history_days)[None, :]
    timecards = assign_timecard_adjustments(cal, positions, holder, works, num, rng, out)
    employees = Employees(num, position, hired, left, holder, works & ~timecards.leave_day, days)
    clock_in_and_out(cal, positions, employees, timecards, keys, rng, out)
    schedule_staff(cal, positions, employees, timecards, keys, out)
    link_logins(cal, positions, employees, out)
    seat_assistants(cal, positions, employees, rng, out)
