"""What OpenDental records about who did what: appointment history, the security and entry logs.

Every appointment has a history row for its booking and one for each later change: a move to
another time, a confirmation recorded from a reminder, and its end (set complete at checkout,
marked missed, or cancelled to the unscheduled list), and a deletion for a broken one the office
deletes. Each history row copies the appointment as it stood after that action. The security log
has a row per booking, move, status change, deletion, completion batch, payment and new patient;
the entry log one per booking. Nothing is logged after the as-of date.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from dental_analytics.opendental import table
from dental_analytics.synthetic.automated_messages import AutomatedSends
from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.communications import Confirmations
from dental_analytics.synthetic.context import (
    Calendar,
    Days,
    Floats,
    Ints,
    KeyCounter,
    Times,
    at_minute,
    business_day,
    days,
    minutes,
)
from dental_analytics.synthetic.frame import NO_DATETIME, Frame
from dental_analytics.synthetic.params import FUTURE_DAYS, OFFICE_OPEN_DAYS_PER_WEEK
from dental_analytics.synthetic.patients import Patients
from dental_analytics.synthetic.practice import Practice
from dental_analytics.synthetic.records_params import (
    APPOINTMENT_MOVED_P,
    DELETED_AFTER_MISSED_MINUTES,
    UNSCHEDULE_DAYS_BEFORE,
)
from dental_analytics.synthetic.staff import Staff
from dental_analytics.synthetic.state import PracticeState
from dental_analytics.synthetic.visits import (
    BROKEN,
    COMPLETE,
    ESTIMATE,
    SCHEDULED,
    TP,
    UNSCHED,
    Visits,
    next_slots,
)

_ACTION = table("histappointment").enum("HistApptAction")
_PERM = table("securitylog").enum("PermType")
_ENTRY = table("entrylog").enum("FKeyType")
CREATED, CHANGED, MISSED, CANCELLED, DELETED = (
    _ACTION.code(n) for n in ("Created", "Changed", "Missed", "Cancelled", "Deleted")
)
(
    APPOINTMENT_CREATE,
    APPOINTMENT_MOVE,
    APPOINTMENT_EDIT,
    APPOINTMENT_DELETE,
    PROC_COMPLETE,
    PAYMENT,
    NEW_PATIENT,
) = (
    _PERM.code(n)
    for n in (
        "AppointmentCreate",
        "AppointmentMove",
        "AppointmentEdit",
        "AppointmentDelete",
        "ProcComplCreate",
        "PaymentCreate",
        "PatientCreate",
    )
)
APPOINTMENT_ENTRY = _ENTRY.code("Appointment")
# Columns a history row copies from the appointment (all but the row's own stamp).
_COPIED = [
    c.name
    for c in table("histappointment").columns
    if c.name in table("appointment").by_name and c.name != "DateTStamp"
]


def _when(at: Times) -> pa.Array:
    """2025-03-14 09:30 (numpy's formatting is several times faster than Arrow's strftime)."""
    text = pa.array(np.datetime_as_string(at.astype("datetime64[m]")), pa.string())
    return pc.replace_substring(text, "T", " ")


def _text(*parts: str | pa.Array) -> pa.Array:
    """Element-wise concatenation of constant strings and string arrays."""
    return pc.binary_join_element_wise(*parts, "")


def _money(amount: npt.NDArray[np.float64]) -> pa.Array:
    cents = np.round(np.abs(amount) * 100).astype(np.int64)
    sign = pa.array(np.where(amount < 0, "-", ""))
    whole = pc.cast(pa.array(cents // 100), pa.string())
    part = pc.utf8_lpad(pc.cast(pa.array(cents % 100), pa.string()), width=2, padding="0")
    return _text(sign, whole, ".", part)


class _Events:
    """Events collected by kind (numpy columns, and Arrow text), put in time order when written."""

    def __init__(self) -> None:
        self.parts: dict[str, list[npt.NDArray[np.generic]]] = {}
        self.texts: list[pa.Array] = []

    def add(self, text: pa.Array | None = None, **columns: npt.NDArray[np.generic]) -> None:
        for name, values in columns.items():
            self.parts.setdefault(name, []).append(values)
        if text is not None:
            self.texts.append(text)

    def column(self, name: str) -> npt.NDArray[np.generic]:
        return np.concatenate(self.parts[name])

    def text(self) -> pa.Array:
        return pa.concat_arrays(self.texts)


def build_audit(
    cal: Calendar,
    practice: Practice,
    patients: Patients,
    visits: Visits,
    confirmations: Confirmations,
    sends: AutomatedSends,
    staff: Staff,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """Generate histappointment, securitylog and entrylog into `out`; a visit cancelled in answer
    to the automation's messages (`sends`) is cancelled after the last of them."""
    appointments = pa.concat_tables(out.inserts["appointment"])
    if not np.array_equal(appointments.column("aptnum").to_numpy(), visits.apt_num):
        order = np.argsort(appointments.column("aptnum").to_numpy())
        appointments = appointments.take(order)
    n_apt = len(visits.apt_num)
    status = visits.apt_status
    created = visits.apt_created.astype("datetime64[m]")
    apt_at = visits.apt_at.astype("datetime64[m]")
    creator = appointments.column("secusernumentry").to_numpy().astype(np.int64)
    desk = staff.desk_for(visits.apt_clinic, rng)

    # Moves: booked at another time, moved well before the visit (not for cancelled ones).
    window = (apt_at - np.timedelta64(7, "D") - created) / np.timedelta64(1, "m")
    moved = np.flatnonzero(
        (rng.random(n_apt) < APPOINTMENT_MOVED_P) & (window > 60) & (status != UNSCHED)
    )
    moved_at = created[moved] + minutes((rng.random(len(moved)) * window[moved]).astype(np.int64))
    moved = moved[moved_at.astype("datetime64[D]") <= cal.today]
    moved_at = moved_at[moved_at.astype("datetime64[D]") <= cal.today]
    original_day = another_day(visits.apt_date[moved], cal.horizon, rng)
    original_at = np.maximum(
        at_minute(
            original_day,
            (apt_at[moved] - apt_at[moved].astype("datetime64[D]")) // np.timedelta64(1, "m"),
        ),
        moved_at + np.timedelta64(1, "D"),
    )
    booked_at = apt_at.copy()
    booked_at[moved] = original_at

    # The end of past visits: checkout, a missed visit, or a cancellation days before.
    dismissed = appointments.column("datetimedismissed").to_numpy().astype("datetime64[m]")
    done = np.flatnonzero(status == COMPLETE)
    missed = np.flatnonzero(status == BROKEN)
    cancelled = np.flatnonzero(status == UNSCHED)
    cancel_at = np.maximum(
        apt_at[cancelled] - days(rng.integers(*UNSCHEDULE_DAYS_BEFORE, len(cancelled))),
        created[cancelled] + np.timedelta64(60, "m"),
    )
    cancel_at = after_last_message(cancelled, cancel_at, apt_at, sends)
    missed_at = apt_at + np.timedelta64(20, "m")
    deleted = np.flatnonzero(visits.apt_deleted)
    deleted_at = deletion_time(apt_at[deleted], rng)
    # Reminders never go to visits already cancelled, so confirmations precede every end.
    confirm, confirm_at = confirmations.apt, confirmations.at.astype("datetime64[m]")

    hist = _Events()
    every = np.arange(n_apt)
    for apt, at, action, user, state in (
        (every, created, CREATED, creator, "booked"),
        (moved, moved_at, CHANGED, desk[moved], "moved"),
        (confirm, confirm_at, CHANGED, confirmations.user, "confirmed"),
        (
            done,
            dismissed[done] + minutes(rng.integers(1, 10, len(done))),
            CHANGED,
            desk[done],
            "final",
        ),
        (missed, missed_at[missed], MISSED, desk[missed], "final"),
        (cancelled, cancel_at, CANCELLED, desk[cancelled], "final"),
        (deleted, deleted_at, DELETED, desk[deleted], "final"),
    ):
        hist.add(
            apt=apt,
            at=at.astype("datetime64[m]"),
            action=np.full(len(apt), action),
            user=user,
            state=np.full(len(apt), state, dtype=object),
        )
    _write_history(practice, hist, appointments, booked_at, keys, out)

    # --- security log -----------------------------------------------------------------------
    log = _Events()
    pat_num = patients.pat_num[visits.apt_patient]
    log.add(
        perm=np.full(n_apt, APPOINTMENT_CREATE),
        at=created,
        user=creator,
        pat=pat_num,
        fkey=visits.apt_num,
        text=_text("New appointment for ", _when(booked_at)),
    )
    log.add(
        perm=np.full(len(moved), APPOINTMENT_MOVE),
        at=moved_at,
        user=desk[moved],
        pat=pat_num[moved],
        fkey=visits.apt_num[moved],
        text=_text("Appointment moved from ", _when(original_at), " to ", _when(apt_at[moved])),
    )
    ended = np.concatenate([missed, cancelled])
    log.add(
        perm=np.full(len(ended), APPOINTMENT_EDIT),
        at=np.concatenate([missed_at[missed], cancel_at]),
        user=desk[ended],
        pat=pat_num[ended],
        fkey=visits.apt_num[ended],
        text=pa.array(
            np.concatenate(
                [
                    np.full(len(missed), "Appointment marked broken.", dtype=object),
                    np.full(
                        len(cancelled), "Appointment sent to the unscheduled list.", dtype=object
                    ),
                ]
            ),
            pa.string(),
        ),
    )
    log.add(
        perm=np.full(len(deleted), APPOINTMENT_DELETE),
        at=deleted_at,
        user=desk[deleted],
        pat=pat_num[deleted],
        fkey=visits.apt_num[deleted],
        text=_deletion_text(apt_at[deleted]),
    )
    # Completing a visit's procedures is one batch, logged under the treating provider's login.
    count = np.bincount(
        np.searchsorted(visits.apt_num, visits.proc_apt[visits.completed & (visits.proc_apt > 0)]),
        minlength=n_apt,
    )
    batch = done[count[done] > 0]
    provider = np.where(
        visits.apt_is_hygiene[batch], visits.apt_hygienist[batch], visits.apt_dentist[batch]
    )
    log.add(
        perm=np.full(len(batch), PROC_COMPLETE),
        at=dismissed[batch],
        user=staff.login_of(provider, desk[batch]),
        pat=pat_num[batch],
        fkey=np.zeros(len(batch), np.int64),
        text=_text(pc.cast(pa.array(count[batch]), pa.string()), " procedures set complete."),
    )
    _log_payments(log, out)
    _log_new_patients(cal, patients, log, rng)
    _write_security_log(log, keys, out)

    # --- entry log: one row per booking -------------------------------------------------------
    order = np.argsort(created, kind="stable")
    e = Frame("entrylog", n_apt)
    e.update(
        {
            "EntryLogNum": keys.take("entrylog", n_apt),
            "UserNum": creator[order],
            "FKeyType": APPOINTMENT_ENTRY,
            "FKey": visits.apt_num[order],
            "EntryDateTime": created[order],
        }
    )
    out.add(e)


def deletion_time(apt_at: Times, rng: np.random.Generator) -> Times:
    """When the office deletes broken appointments at `apt_at`: after it marks them missed (20
    minutes into the visit), while the desk works through the day's broken visits."""
    after = rng.integers(*DELETED_AFTER_MISSED_MINUTES, len(apt_at))
    return np.asarray(apt_at + np.timedelta64(20, "m") + minutes(after), dtype="datetime64[m]")


def _deletion_text(apt_at: Times) -> pa.Array:
    return _text("Appointment deleted, was at ", _when(apt_at))


def record_deletions(
    state: PracticeState,
    deleted: Ints,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """A simulated day's deletions of the broken appointments `deleted` (AptNums, rows of the
    state), recorded as history records them (`build_audit`) and OpenDental does: a history row
    with the action Deleted copying the appointment as it stood, broken (`copy_to_history`), and
    an AppointmentDelete entry in the security log, by a front-desk user of the office at
    `deletion_time`."""
    n = len(deleted)
    if not n:
        return
    rows = np.searchsorted(state.column("appointment", "AptNum"), deleted)
    apt_at = state.column("appointment", "AptDateTime")[rows].astype("datetime64[m]")
    at = deletion_time(apt_at, rng)
    desk = Staff.of_state(state).desk_for(state.column("appointment", "ClinicNum")[rows], rng)
    copy_to_history(
        state.tables["appointment"].take(pa.array(rows)),
        {"AptStatus": np.full(n, BROKEN)},
        desk,
        at,
        np.full(n, DELETED),
        keys,
        out,
    )
    log = _Events()
    log.add(
        perm=np.full(n, APPOINTMENT_DELETE),
        at=at,
        user=desk,
        pat=state.column("appointment", "PatNum")[rows],
        fkey=deleted,
        text=_deletion_text(apt_at),
    )
    _write_security_log(log, keys, out)


def after_last_message(
    cancelled: Ints, cancel_at: Times, apt_at: Times, sends: AutomatedSends
) -> Times:
    """The cancellation time of each of `cancelled` (appointment indexes), moved after the last
    automated message to the visit where one went out: the patient answered it. Still before the
    visit."""
    last = np.full(len(apt_at), np.datetime64("NaT"), dtype="datetime64[m]")
    np.fmax.at(last, sends.apt, sends.at.astype("datetime64[m]"))
    answered = last[cancelled]
    reply = answered + np.timedelta64(20, "m")
    moved = ~np.isnat(answered)
    at = np.where(moved, np.minimum(reply, apt_at[cancelled] - np.timedelta64(1, "m")), cancel_at)
    return np.asarray(at, dtype="datetime64[m]")


def _write_history(
    practice: Practice,
    hist: _Events,
    appointments: pa.Table,
    booked_at: Times,
    keys: KeyCounter,
    out: ChangeSet,
) -> None:
    at = hist.column("at").astype("datetime64[m]")
    order = np.argsort(at, kind="stable")
    apt = hist.column("apt").astype(np.int64)[order]
    state = hist.column("state")[order]
    at = at[order]
    rows = appointments.take(pa.array(apt))
    # Before the end of a visit, the copy shows it still scheduled, not yet confirmed, not seated.
    before_end = state != "final"
    not_called = practice.def_num("ApptConfirmed", "Not called")
    confirmed = rows.column("confirmed").to_numpy()
    as_it_stood = {
        "AptStatus": np.where(before_end, SCHEDULED, rows.column("aptstatus").to_numpy()),
        "Confirmed": np.where(np.isin(state, ["confirmed", "final"]), confirmed, not_called),
        "AptDateTime": np.where(
            state == "booked",
            booked_at[apt],
            rows.column("aptdatetime").to_numpy().astype("datetime64[m]"),
        ),
        "UnschedStatus": np.where(before_end, 0, rows.column("unschedstatus").to_numpy()),
    }
    for name in ("DateTimeArrived", "DateTimeSeated", "DateTimeDismissed"):
        as_it_stood[name] = np.where(
            before_end, NO_DATETIME, rows.column(name.lower()).to_numpy().astype("datetime64[us]")
        )
    copy_to_history(
        rows,
        as_it_stood,
        hist.column("user").astype(np.int64)[order],
        at,
        hist.column("action").astype(np.int64)[order],
        keys,
        out,
    )


def copy_to_history(
    rows: pa.Table,
    as_it_stood: Mapping[str, Any],
    user: Ints,
    at: Times,
    action: Ints,
    keys: KeyCounter,
    out: ChangeSet,
) -> None:
    """One appointment history row per appointment row of `rows` (raw columns): a copy of the
    appointment, with the columns of `as_it_stood` (OpenDental names) where the copy shows it
    other than it is now, recording the action `action` by `user` at `at`."""
    n = rows.num_rows
    f = Frame("histappointment", n)
    for name in _COPIED:
        f[name] = rows.column(name.lower())
    f.update(as_it_stood)
    f.update(
        {
            "HistApptNum": keys.take("histappointment", n),
            "HistUserNum": user,
            "HistDateTStamp": at,
            "HistApptAction": action,
        }
    )
    f.stamp(at)
    out.add(f)


def another_day(dates: Days, horizon: Days | np.datetime64, rng: np.random.Generator) -> Days:
    """A business day one to two weeks before or after each of `dates`, never past the book's
    `horizon` (a slot past it was never offered): the other day of a moved appointment."""
    shift = rng.integers(1, 15, len(dates)) * np.where(rng.random(len(dates)) < 0.5, -1, 1)
    day = business_day(dates + days(shift))
    beyond = day > horizon
    day[beyond] = business_day(dates[beyond] - days(np.abs(shift[beyond])))
    return day


def _log_payments(log: _Events, out: ChangeSet) -> None:
    if "payment" not in out.inserts:
        return
    pay = pa.concat_tables(out.inserts["payment"])
    amount = pay.column("payamt").to_numpy()
    entered = pay.column("secdatetedit").to_numpy().astype("datetime64[m]")
    log.add(
        perm=np.full(len(amount), PAYMENT),
        at=entered,
        user=pay.column("secusernumentry").to_numpy().astype(np.int64),
        pat=pay.column("patnum").to_numpy().astype(np.int64),
        fkey=pay.column("paynum").to_numpy().astype(np.int64),
        text=_text("Payment created, amount ", _money(amount)),
    )


def _log_new_patients(
    cal: Calendar, patients: Patients, log: _Events, rng: np.random.Generator
) -> None:
    entered = np.asarray(patients.frame["SecDateEntry"]).astype("datetime64[D]")
    new = np.flatnonzero((entered >= cal.start) & (entered <= cal.today))
    log.add(
        perm=np.full(len(new), NEW_PATIENT),
        at=at_minute(entered[new], rng.integers(8 * 60, 17 * 60, len(new))),
        user=np.asarray(patients.frame["SecUserNumEntry"], dtype=np.int64)[new],
        pat=patients.pat_num[new],
        fkey=np.zeros(len(new), np.int64),
        text=pa.array(np.full(len(new), "Patient created.", dtype=object), pa.string()),
    )


def _write_security_log(log: _Events, keys: KeyCounter, out: ChangeSet) -> None:
    at = log.column("at").astype("datetime64[m]")
    order = np.argsort(at, kind="stable")
    user = log.column("user").astype(np.int64)[order]
    n = len(at)
    # Each user works at their own workstation.
    users, user_row = np.unique(user, return_inverse=True)
    workstation = np.array([f"WS-{u}" for u in users], dtype=object)
    f = Frame("securitylog", n)
    f.update(
        {
            "SecurityLogNum": keys.take("securitylog", n),
            "PermType": log.column("perm").astype(np.int64)[order],
            "UserNum": user,
            "LogDateTime": at[order],
            "LogText": log.text().take(pa.array(order)),
            "PatNum": log.column("pat").astype(np.int64)[order],
            "CompName": workstation[user_row],
            "FKey": log.column("fkey").astype(np.int64)[order],
        }
    )
    out.add(f)


def moved_on_open_day_p(window_days: Floats) -> Floats:
    """The chance that a booked appointment is moved on one open day of the office, for an
    appointment whose window for a move (from its booking to a week before it) is `window_days`
    long: history moves `APPOINTMENT_MOVED_P` of them at a time spread evenly over the window,
    and a simulated practice moves them on its open days only."""
    per_day = APPOINTMENT_MOVED_P / np.maximum(window_days, 1.0)
    return np.minimum(per_day * 7 / OFFICE_OPEN_DAYS_PER_WEEK, 1.0)


def move_appointments(
    state: PracticeState,
    day: np.datetime64,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """A simulated day's moves: the front desk moves some booked appointments to another day, as
    history moves `APPOINTMENT_MOVED_P` of them between their booking and a week before the
    visit (`moved_on_open_day_p`), to a day one to two weeks either side (`another_day`, from
    tomorrow on), in the office's first free chair of the visit's kind (`next_slots`).

    The appointment's time and chair change; its planned procedures and their estimates move to
    the new date with it (history dates them by their visit). The move is recorded as OpenDental
    records one: an appointment history row copying the moved appointment (`copy_to_history`)
    and a security log entry, by a front-desk user of the office. Every stamp is on `day`.
    """
    apt_at = state.column("appointment", "AptDateTime").astype("datetime64[m]")
    created = state.column("appointment", "SecDateTEntry").astype("datetime64[m]")
    last = apt_at - np.timedelta64(7, "D")
    window = (last - created) / np.timedelta64(1, "m")
    movable = np.flatnonzero(
        (state.column("appointment", "AptStatus") == SCHEDULED)
        & (window > 60)
        & (created.astype("datetime64[D]") < day)
        & (last.astype("datetime64[D]") >= day)
    )
    chance = moved_on_open_day_p(window[movable] / (24 * 60))
    moved = movable[rng.random(len(movable)) < chance]
    n = len(moved)
    if not n:
        return
    moved_at = at_minute(np.full(n, day), rng.integers(8 * 60, 17 * 60, n))
    tomorrow = business_day(np.full(n, day + np.timedelta64(1, "D")))
    tomorrow = np.where(tomorrow <= day, tomorrow + np.timedelta64(3, "D"), tomorrow)  # Friday
    new_day = np.maximum(
        another_day(apt_at[moved].astype("datetime64[D]"), day + FUTURE_DAYS, rng), tomorrow
    )
    minutes_long = np.array([len(p) * 5 for p in state.column("appointment", "Pattern")[moved]])
    clinic = state.column("appointment", "ClinicNum")[moved]
    op, start = next_slots(
        state,
        clinic,
        new_day,
        minutes_long,
        state.column("appointment", "IsHygiene")[moved] == 1,
        rng,
    )
    new_at = at_minute(new_day, start)
    apt_num = state.column("appointment", "AptNum")[moved]
    out.update("appointment", apt_num, {"AptDateTime": new_at, "Op": op}, moved_at)

    # The visit's planned procedures, and their estimates, are dated by the visit.
    proc_apt = state.column("procedurelog", "AptNum")
    procs = np.flatnonzero(
        (state.column("procedurelog", "ProcStatus") == TP) & np.isin(proc_apt, apt_num)
    )
    of_visit = np.searchsorted(apt_num, proc_apt[procs])  # the state is in key order
    proc_num = state.column("procedurelog", "ProcNum")[procs]
    out.update("procedurelog", proc_num, {"ProcDate": new_day[of_visit]}, moved_at[of_visit])
    cp_proc = state.column("claimproc", "ProcNum")
    estimates = np.flatnonzero(
        (state.column("claimproc", "Status") == ESTIMATE) & np.isin(cp_proc, proc_num)
    )
    cp_visit = of_visit[np.searchsorted(proc_num, cp_proc[estimates])]
    out.update(
        "claimproc",
        state.column("claimproc", "ClaimProcNum")[estimates],
        {"ProcDate": new_day[cp_visit], "DateCP": new_day[cp_visit]},
        moved_at[cp_visit],
    )

    desk = Staff.of_state(state).desk_for(clinic, rng)
    rows = state.tables["appointment"].take(pa.array(moved))
    copy_to_history(
        rows,
        {"AptDateTime": new_at, "Op": op},
        desk,
        moved_at,
        np.full(n, CHANGED),
        keys,
        out,
    )
    log = _Events()
    log.add(
        perm=np.full(n, APPOINTMENT_MOVE),
        at=moved_at,
        user=desk,
        pat=state.column("appointment", "PatNum")[moved],
        fkey=apt_num,
        text=_text("Appointment moved from ", _when(apt_at[moved]), " to ", _when(new_at)),
    )
    _write_security_log(log, keys, out)
