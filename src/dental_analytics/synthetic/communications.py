"""Talking to patients: the recall list and the communication log (commlog).

Every patient who has had a completed hygiene visit and is still a patient has one recall: due
six months (four for perio maintenance) after that visit, scheduled when their next hygiene visit
is booked. The front desk reminds patients of booked visits a few days ahead by the way each
patient prefers (since the practice turned automated messaging on, only those the automation
cannot reach by text or email: `automated_messages`), chases overdue recalls, calls about
balances after statements, follows up on treatment plans that were not booked and checks on
patients after surgery. Each of those leaves a commlog row dated when it happened, never after
the as-of date. The front desk's entries have the user as their source (CommSource User) and the
desk user who made them; the automation's have its source (ApptReminder, ApptThankYou) and no user.

One rule per thing the front desk does, in `build_communications`'s order:
`send_automated_messages`, `remind_appointment`, `remind_recall` (with
`book_through_web_sched`), `chase_overdue_recall` (with `disable_lost_recalls` and
`open_first_recalls`), `call_about_balance`, `follow_up_treatment_plan`, `call_after_surgery`,
`note_in_chart`, then `write_commlog`. Rates live in `params`.

A simulated day logs the desk's appointment reminders one day at a time (`remind_on_day`), over
the practice's state; the other rules run over history only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from dental_analytics.opendental import table
from dental_analytics.synthetic.automated_messages import (
    AutomatedMessages,
    build_automated_messages,
    reachable_by,
)
from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.context import (
    Bools,
    Calendar,
    Days,
    Ints,
    KeyCounter,
    Strings,
    Times,
    at_minute,
    business_day,
    days,
    minutes,
)
from dental_analytics.synthetic.frame import NO_DATE, NO_DATETIME, Frame
from dental_analytics.synthetic.patients import Chart, Patients
from dental_analytics.synthetic.practice import RECALL_TYPES, Practice, interval_months
from dental_analytics.synthetic.records_params import (
    COLLECTIONS_CALL_P,
    FINANCIAL_CALL_PER_STATEMENT,
    MISC_NOTES_PER_PATIENT,
    PHONE_CALL_MINUTES,
    POST_OP_CALL_P,
    RECALL_BOOKED_FROM_REMINDER_P,
    RECALL_CONTACT_SPACING_DAYS,
    RECALL_DISABLED_AFTER_DAYS,
    RECALL_DISABLED_P,
    RECALL_OVERDUE_CHASED_P,
    RECALL_OVERDUE_CONTACTS_MAX,
    RECALL_STATUS_SET_P,
    REMINDER_DAYS_BEFORE,
    REMINDER_LOGGED_P,
    REMINDER_REPLY_LOGGED_P,
    TREATMENT_FOLLOW_UP_P,
    WEB_SCHED_BOOKED_P,
)
from dental_analytics.synthetic.staff import Staff
from dental_analytics.synthetic.state import STATE_COLUMNS, PracticeState
from dental_analytics.synthetic.visit_history import (
    HygieneHistory,
    apt_index,
    last_per_group,
)
from dental_analytics.synthetic.visits import SCHEDULED, TP, UNSCHED, Visits

_MODE = table("commlog").enum("Mode_")
_SENT = table("commlog").enum("SentOrReceived")
_CONTACT = table("patient").enum("PreferConfirmMethod")
_TEXT_OK = table("patient").enum("TxtMsgOk")
_PAT_STATUS = table("patient").enum("PatStatus")
BY_USER = table("commlog").enum("CommSource").code("User")
BY_WEB_SCHED = table("commlog").enum("CommSource").code("WebSched")
NONE_MODE, EMAIL, MAIL, PHONE, IN_PERSON, TEXT = (
    _MODE.code(n) for n in ("None", "Email", "Mail", "Phone", "InPerson", "Text")
)
SENT, RECEIVED = _SENT.code("Sent"), _SENT.code("Received")
OF_RECORD, NON_PATIENT = _PAT_STATUS.code("Patient"), _PAT_STATUS.code("NonPatient")

PROPHY, CHILD_PROPHY, PERIO = 0, 1, 2  # rows of practice.RECALL_TYPES
_WORKDAY_MINUTES = (8 * 60 + 30, 17 * 60)

# Short, generic notes by the channel used (no clinical detail).
_REMINDER_NOTE = {
    TEXT: "Appointment reminder sent by text.",
    EMAIL: "Appointment reminder sent by email.",
    PHONE: "Reminder call for upcoming appointment.",
    MAIL: "Appointment reminder card mailed.",
}
_RECALL_NOTE = {
    TEXT: "Recall reminder sent by text.",
    EMAIL: "Recall reminder sent by email.",
    PHONE: "Called about recall, left message.",
    MAIL: "Recall postcard mailed.",
}
# The recall status the front desk sets after the last contact, by its channel.
_RECALL_STATUS = {TEXT: "Texted", EMAIL: "Emailed", PHONE: "Left message", MAIL: "Mailed postcard"}
_FINANCIAL_NOTES = (
    "Called about account balance.",
    "Patient called with a billing question.",
    "Discussed payment options for balance.",
    "Left message about statement.",
)
_COLLECTIONS_NOTES = (
    "Called about past-due balance, left message.",
    "Discussed past-due balance; patient will pay this week.",
    "Set up a payment arrangement for the past-due balance.",
)
_MISC_NOTES = (
    "Patient called to update address.",
    "Patient updated phone number.",
    "Patient asked about whitening options.",
    "Patient requested a copy of records.",
    "Patient asked about financing options.",
    "Left message to return call.",
    "Patient asked about office hours.",
)


def add_months(days: Days, months: Ints) -> Days:
    """`days` plus whole calendar months, clipped to the end of a shorter month."""
    month = days.astype("datetime64[M]")
    offset = days.astype("datetime64[D]") - month.astype("datetime64[D]")
    target = month + np.asarray(months).astype("timedelta64[M]")
    last_day = (target + np.timedelta64(1, "M")).astype("datetime64[D]") - np.timedelta64(1, "D")
    return np.asarray(np.minimum(target.astype("datetime64[D]") + offset, last_day), dtype="M8[D]")


def state_chart(state: PracticeState) -> dict[str, npt.NDArray[Any]]:
    """The state's patient columns, by OpenDental name, in PatNum order."""
    return {name: state.column("patient", name) for name in STATE_COLUMNS["patient"]}


def contact_mode(chart: Chart, preference: str, who: Ints) -> Ints:
    """The commlog mode that reaches each patient (rows `who` of `chart`) by their `preference`
    column (a ContactMethod).

    No preference means the office's default: a text where texting is allowed and the patient has
    a cell phone, else email, else a call. "Do not call" patients get email, or mail.
    """
    pref = np.asarray(chart[preference])[who]
    cell = np.asarray(chart["WirelessPhone"])[who] != ""
    email = np.asarray(chart["Email"])[who] != ""
    texting = (np.asarray(chart["TxtMsgOk"])[who] != _TEXT_OK.code("No")) & cell
    default = np.where(texting, TEXT, np.where(email, EMAIL, PHONE))
    c = _CONTACT.code
    return np.select(
        [
            np.isin(pref, [c("HmPhone"), c("WkPhone")]),
            pref == c("WirelessPh"),
            pref == c("Email"),
            pref == c("TextMessage"),
            pref == c("Mail"),
            pref == c("DoNotCall"),
        ],
        [
            np.full(len(who), PHONE),
            np.where(texting, TEXT, PHONE),
            np.where(email, EMAIL, default),
            np.where(texting, TEXT, default),
            np.full(len(who), MAIL),
            np.where(email, EMAIL, MAIL),
        ],
        default,
    ).astype(np.int64)


def _notes(mode: Ints, by_mode: dict[int, str]) -> Strings:
    out = np.full(len(mode), "", dtype=object)
    for m, text in by_mode.items():
        out[mode == m] = text
    return out


def _work_time(rng: np.random.Generator, days: Days) -> Times:
    return at_minute(days, rng.integers(*_WORKDAY_MINUTES, len(days)))


@dataclass(frozen=True)
class Recalls:
    """One recall per patient still seen: its type, the visit it follows, when it is due."""

    patient: Ints  # patient index, ascending
    kind: Ints  # row of practice.RECALL_TYPES
    months: Ints
    previous: Ints  # appointment index of the last completed hygiene visit
    due: Days
    next_booked: Ints  # appointment index, -1 none

    @property
    def unbooked(self) -> Bools:
        return self.next_booked < 0


def plan_recalls(patients: Patients, visits: Visits, history: HygieneHistory) -> Recalls:
    """The recall of every patient of record (status Patient) with a completed hygiene visit."""
    who = np.flatnonzero((patients.status == OF_RECORD) & (history.last_done >= 0))
    kind = np.where(
        patients.is_perio[who], PERIO, np.where(patients.is_child[who], CHILD_PROPHY, PROPHY)
    )
    months = np.array([r[1] for r in RECALL_TYPES], dtype=np.int64)[kind]
    previous = history.last_done[who]
    return Recalls(
        patient=who,
        kind=kind,
        months=months,
        previous=previous,
        due=add_months(visits.apt_date[previous], months),
        next_booked=history.next_booked[who],
    )


@dataclass(frozen=True)
class Confirmations:
    """Appointments confirmed through a logged reminder: when and by whom it was recorded."""

    apt: Ints  # appointment index
    at: Times
    user: Ints


class _Log:
    """Commlog rows collected block by block, numbered once all are in."""

    def __init__(self) -> None:
        self.blocks: list[dict[str, npt.NDArray[np.generic]]] = []

    def add(
        self,
        *,
        patient: Ints,
        at: Times,
        comm_type: Ints | int,
        mode: Ints | int,
        sent: Ints | int,
        note: Strings | str,
        user: Ints | int,
        source: Ints | int = BY_USER,
    ) -> None:
        n = len(patient)
        mode_a = np.broadcast_to(np.asarray(mode, dtype=np.int64), (n,))
        self.blocks.append(
            {
                "patient": patient,
                "at": at.astype("datetime64[m]"),
                "type": np.broadcast_to(np.asarray(comm_type, dtype=np.int64), (n,)),
                "mode": mode_a,
                "sent": np.broadcast_to(np.asarray(sent, dtype=np.int64), (n,)),
                "note": np.broadcast_to(np.asarray(note, dtype=object), (n,)),
                "user": np.broadcast_to(np.asarray(user, dtype=np.int64), (n,)),
                "source": np.broadcast_to(np.asarray(source, dtype=np.int64), (n,)),
            }
        )

    def column(self, name: str) -> npt.NDArray[np.generic]:
        return np.concatenate([b[name] for b in self.blocks])


def _write_recalls(
    practice: Practice,
    patients: Patients,
    visits: Visits,
    recalls: Recalls,
    status: Ints,
    contacted_at: Times,
    disabled: Bools,
    keys: KeyCounter,
    out: ChangeSet,
) -> None:
    """The recall rows; `status`, `contacted_at` (or NO_DATETIME) and `disabled` per recall (a
    disabled recall's due date is cleared, as OpenDental does)."""
    n = len(recalls.patient)
    booked = recalls.next_booked >= 0
    nxt = np.maximum(recalls.next_booked, 0)
    # Last edited when the visit was completed, the next one booked, or the status set.
    edited = np.asarray(visits.apt_at[recalls.previous] + np.timedelta64(60, "m"), dtype="M8[m]")
    edited = np.maximum(edited, np.where(booked, visits.apt_created[nxt], edited))
    edited = np.maximum(edited, contacted_at.astype(edited.dtype))
    interval = np.array([interval_months(m) for m in range(13)], dtype=np.int64)
    f = Frame("recall", n)
    f.update(
        {
            "RecallNum": keys.take("recall", n),
            "PatNum": patients.pat_num[recalls.patient],
            "DateDueCalc": recalls.due,
            "DateDue": np.where(disabled, NO_DATE, recalls.due),
            "DatePrevious": visits.apt_date[recalls.previous],
            "RecallInterval": interval[recalls.months],
            "RecallStatus": status,
            "RecallTypeNum": practice.recall_type_num[recalls.kind],
            "DateScheduled": np.where(booked, visits.apt_date[nxt], NO_DATE),
            "IsDisabled": disabled.astype(np.int64),
        }
    )
    f.stamp(edited)
    out.add(f)


def build_communications(
    cal: Calendar,
    practice: Practice,
    patients: Patients,
    visits: Visits,
    history: HygieneHistory,
    staff: Staff,
    clinics: Ints,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> tuple[Confirmations, AutomatedMessages]:
    """Generate `recall`, `commlog` and the automated-messaging tables into `out`; return the
    confirmations the front desk's reminders recorded, and the automation's messages."""
    commtype = {
        name: practice.def_num("CommLogTypes", name)
        for name in (
            "Appointment related",
            "Recall",
            "Financial",
            "Collections call",
            "Misc",
            "Treatment plan follow-up",
            "Post-op call",
        )
    }
    log = _Log()
    appointments = pa.concat_tables(out.inserts["appointment"])
    confirmed_def = practice.def_num("ApptConfirmed", "Confirmed")
    is_confirmed = appointments.column("confirmed").to_numpy() == confirmed_def
    automated = send_automated_messages(
        cal, patients, visits, clinics, is_confirmed, commtype, keys, rng, out, log
    )
    confirmations = remind_appointment(
        cal, patients, visits, staff, is_confirmed, automated, commtype, rng, log
    )
    remind_recall(patients, visits, history, staff, commtype, rng, log)
    chase_overdue_recall(
        cal, practice, patients, visits, history, staff, commtype, keys, rng, out, log
    )
    call_about_balance(cal, patients, staff, commtype, rng, out, log)
    follow_up_treatment_plan(cal, patients, visits, staff, commtype, rng, log)
    call_after_surgery(cal, practice, visits, staff, commtype, rng, log)
    note_in_chart(cal, patients, staff, commtype, rng, log)
    write_commlog(cal, patients.pat_num, log, keys, rng, out)
    return confirmations, automated


def send_automated_messages(
    cal: Calendar,
    patients: Patients,
    visits: Visits,
    clinics: Ints,
    is_confirmed: Bools,
    commtype: dict[str, int],  # CommLogTypes DefNum by name
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
    log: _Log,
) -> AutomatedMessages:
    """Automated reminders and confirmations, since the practice turned them on, in the log."""
    # Their own random stream, so the front desk's records keep their draws.
    automated = build_automated_messages(
        cal, patients, visits, clinics, is_confirmed, keys, rng.spawn(1)[0], out
    )
    log.add(
        patient=automated.patient,
        at=automated.at,
        comm_type=commtype["Appointment related"],
        mode=automated.mode,
        sent=np.where(automated.sent, SENT, RECEIVED),
        note=automated.note,
        user=0,
        source=automated.source,
    )
    return automated


def remind_appointment(
    cal: Calendar,
    patients: Patients,
    visits: Visits,
    staff: Staff,
    is_confirmed: Bools,
    automated: AutomatedMessages,
    commtype: dict[str, int],  # CommLogTypes DefNum by name
    rng: np.random.Generator,
    log: _Log,
) -> Confirmations:
    """Appointment reminders a few days ahead, by the patient's preferred channel; return the
    confirmations they recorded."""
    today = cal.today
    n_apt = len(visits.apt_num)
    remind_day = business_day(visits.apt_date - days(rng.integers(*REMINDER_DAYS_BEFORE, n_apt)))
    remind_at = _work_time(rng, remind_day)
    # Cancelled (unscheduled-list) visits are taken off before their reminder goes out; visits
    # the automation reminded need no call.
    logged = (
        (rng.random(n_apt) < REMINDER_LOGGED_P)
        & ~automated.reminded
        & (visits.apt_status != UNSCHED)
        & (remind_day <= today)
        & (remind_at > visits.apt_created.astype(remind_at.dtype))
        & (remind_at < visits.apt_at.astype(remind_at.dtype))
    )
    r = np.flatnonzero(logged)
    r_pat = visits.apt_patient[r]
    r_mode = contact_mode(patients.frame, "PreferConfirmMethod", r_pat)
    r_user = staff.desk_for(visits.apt_clinic[r], rng)
    log.add(
        patient=r_pat,
        at=remind_at[r],
        comm_type=commtype["Appointment related"],
        mode=r_mode,
        sent=SENT,
        note=_notes(r_mode, _REMINDER_NOTE),
        user=r_user,
    )
    # The appointment's Confirmed status says whether the patient confirmed; a reply to a text
    # is logged as a received message the same day.
    confirmed = is_confirmed[r]
    reply_delay = rng.integers(5, 180, len(r))
    reply_at = np.minimum(
        remind_at[r] + minutes(reply_delay),
        at_minute(remind_day[r], 20 * 60),
    )
    replied = confirmed & (r_mode == TEXT) & (rng.random(len(r)) < REMINDER_REPLY_LOGGED_P)
    replied &= reply_at < visits.apt_at[r].astype(reply_at.dtype)
    rp = np.flatnonzero(replied)
    log.add(
        patient=r_pat[rp],
        at=reply_at[rp],
        comm_type=commtype["Appointment related"],
        mode=TEXT,
        sent=RECEIVED,
        note="Patient replied to confirm.",
        user=r_user[rp],
    )
    confirm_at = np.where(
        replied, reply_at, remind_at[r] + minutes(np.where(r_mode == PHONE, 3, 0))
    )
    confirmations = Confirmations(
        apt=r[confirmed], at=confirm_at[confirmed], user=r_user[confirmed]
    )

    return confirmations


def remind_recall(
    patients: Patients,
    visits: Visits,
    history: HygieneHistory,
    staff: Staff,
    commtype: dict[str, int],  # CommLogTypes DefNum by name
    rng: np.random.Generator,
    log: _Log,
) -> None:
    """Recall reminders that led to a booking, days before the returning patient booked."""
    n_apt = len(visits.apt_num)
    returning = visits.apt_is_hygiene & (history.first_done[visits.apt_patient] >= 0)
    returning &= (
        visits.apt_date > visits.apt_date[np.maximum(history.first_done[visits.apt_patient], 0)]
    )
    from_reminder = np.flatnonzero(returning & (rng.random(n_apt) < RECALL_BOOKED_FROM_REMINDER_P))
    b_booked: Days = visits.apt_created[from_reminder].astype("datetime64[D]")
    b_day = business_day(b_booked - days(rng.integers(2, 21, len(from_reminder))))
    b_pat = visits.apt_patient[from_reminder]
    b_mode = contact_mode(patients.frame, "PreferRecallMethod", b_pat)
    log.add(
        patient=b_pat,
        at=_work_time(rng, b_day),
        comm_type=commtype["Recall"],
        mode=b_mode,
        sent=SENT,
        note=_notes(b_mode, _RECALL_NOTE),
        user=staff.desk_for(patients.clinic[b_pat], rng),
    )
    book_through_web_sched(visits, from_reminder, b_mode, commtype, rng.spawn(1)[0], log)


def book_through_web_sched(
    visits: Visits,
    booked: Ints,
    reminded_by: Ints,
    commtype: dict[str, int],  # CommLogTypes DefNum by name
    rng: np.random.Generator,
    log: _Log,
) -> None:
    """Some patients reminded by text or email (`reminded_by`, per visit of `booked`) book the
    visit through the reminder's Web Sched link (`WEB_SCHED_BOOKED_P`): Web Sched logs the
    booking when it is made, as its own source and with no user."""
    online = np.isin(reminded_by, [TEXT, EMAIL]) & (rng.random(len(booked)) < WEB_SCHED_BOOKED_P)
    apt = booked[online]
    log.add(
        patient=visits.apt_patient[apt],
        at=np.asarray(visits.apt_created[apt], dtype="datetime64[m]"),
        comm_type=commtype["Appointment related"],
        mode=NONE_MODE,
        sent=RECEIVED,
        note="Recall appointment booked online through Web Sched.",
        user=0,
        source=BY_WEB_SCHED,
    )


def chase_overdue_recall(
    cal: Calendar,
    practice: Practice,
    patients: Patients,
    visits: Visits,
    history: HygieneHistory,
    staff: Staff,
    commtype: dict[str, int],  # CommLogTypes DefNum by name
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
    log: _Log,
) -> None:
    """Overdue recalls get up to three contacts after the due date; the last one sets the
    recall's status, mostly. Writes the recall rows."""
    today = cal.today
    recalls = plan_recalls(patients, visits, history)
    chase = np.flatnonzero(recalls.unbooked & (recalls.due < today))
    chase = chase[rng.random(len(chase)) < RECALL_OVERDUE_CHASED_P]
    contacts = rng.integers(1, RECALL_OVERDUE_CONTACTS_MAX + 1, len(chase))
    o_rec = np.repeat(chase, contacts)
    o_k = np.arange(len(o_rec)) - np.repeat(np.cumsum(contacts) - contacts, contacts)
    o_day = business_day(
        recalls.due[o_rec]
        + days(7 + o_k * RECALL_CONTACT_SPACING_DAYS + rng.integers(0, 5, len(o_rec)))
    )
    keep = o_day <= today
    o_rec, o_day = o_rec[keep], o_day[keep]
    o_pat = recalls.patient[o_rec]
    o_mode = contact_mode(patients.frame, "PreferRecallMethod", o_pat)
    o_at = _work_time(rng, o_day)
    log.add(
        patient=o_pat,
        at=o_at,
        comm_type=commtype["Recall"],
        mode=o_mode,
        sent=SENT,
        note=_notes(o_mode, _RECALL_NOTE),
        user=staff.desk_for(patients.clinic[o_pat], rng),
    )
    # The last contact of a chased recall sets its status (left message, texted...), mostly.
    n_rec = len(recalls.patient)
    last_row = last_per_group(o_rec, o_at.astype(np.int64), n_rec)
    marked = np.flatnonzero((last_row >= 0) & (rng.random(n_rec) < RECALL_STATUS_SET_P))
    status_def = {m: practice.def_num("RecallUnschedStatus", s) for m, s in _RECALL_STATUS.items()}
    status = np.zeros(n_rec, np.int64)
    contacted_at = np.full(n_rec, NO_DATETIME).astype("datetime64[m]")
    for m, def_num in status_def.items():
        rows = marked[o_mode[last_row[marked]] == m]
        status[rows] = def_num
    contacted_at[marked] = o_at[last_row[marked]]
    disabled = disable_lost_recalls(today, recalls, rng.spawn(1)[0])
    _write_recalls(practice, patients, visits, recalls, status, contacted_at, disabled, keys, out)
    open_first_recalls(practice, patients, visits, history, keys, out)


def disable_lost_recalls(today: np.datetime64, recalls: Recalls, rng: np.random.Generator) -> Bools:
    """Per recall: disabled, because the patient, long overdue, said they moved or see another
    dentist (`RECALL_DISABLED_P` of those more than `RECALL_DISABLED_AFTER_DAYS` overdue)."""
    lost = recalls.unbooked & (
        recalls.due < today - np.timedelta64(RECALL_DISABLED_AFTER_DAYS, "D")
    )
    return lost & (rng.random(len(lost)) < RECALL_DISABLED_P)


def open_first_recalls(
    practice: Practice,
    patients: Patients,
    visits: Visits,
    history: HygieneHistory,
    keys: KeyCounter,
    out: ChangeSet,
) -> None:
    """The recall of a patient of record whose first cleaning here is booked but not yet done:
    OpenDental adds it with the type's interval and no previous or due date (no trigger
    procedure is complete yet), and the booked visit as its scheduled date."""
    who = np.flatnonzero(
        (patients.status == OF_RECORD) & (history.last_done < 0) & (history.next_booked >= 0)
    )
    n = len(who)
    if not n:
        return
    kind = np.where(
        patients.is_perio[who], PERIO, np.where(patients.is_child[who], CHILD_PROPHY, PROPHY)
    )
    months = np.array([r[1] for r in RECALL_TYPES], dtype=np.int64)[kind]
    interval = np.array([interval_months(m) for m in range(13)], dtype=np.int64)
    booked = history.next_booked[who]
    f = Frame("recall", n)
    f.update(
        {
            "RecallNum": keys.take("recall", n),
            "PatNum": patients.pat_num[who],
            "DateDueCalc": NO_DATE,
            "DateDue": NO_DATE,
            "DatePrevious": NO_DATE,
            "RecallInterval": interval[months],
            "RecallTypeNum": practice.recall_type_num[kind],
            "DateScheduled": visits.apt_date[booked],
        }
    )
    f.stamp(np.asarray(visits.apt_created[booked], dtype="M8[m]"))
    out.add(f)


def call_about_balance(
    cal: Calendar,
    patients: Patients,
    staff: Staff,
    commtype: dict[str, int],  # CommLogTypes DefNum by name
    rng: np.random.Generator,
    out: ChangeSet,
    log: _Log,
) -> None:
    """Billing calls after statements; collections calls once a balance is 60+ days past due."""
    today = cal.today
    if "statement" not in out.inserts:
        return
    statements = pa.concat_tables(out.inserts["statement"])
    # The billing run's statements, not the receipts and invoices printed at the desk.
    billing = (statements.column("isreceipt").to_numpy() == 0) & (
        statements.column("isinvoice").to_numpy() == 0
    )
    s_pat = patients.index_of(statements.column("patnum").to_numpy().astype(np.int64)[billing])
    s_day = statements.column("datesent").to_numpy().astype("datetime64[D]")[billing]
    # The family's third statement in a row (monthly billing) means 60+ days unpaid.
    order = np.lexsort((s_day, s_pat))
    month = s_day[order].astype("datetime64[M]").astype(np.int64)
    follows = np.r_[False, (s_pat[order][1:] == s_pat[order][:-1]) & (np.diff(month) == 1)]
    run_start = np.maximum.accumulate(np.where(~follows, np.arange(len(order)), 0))
    in_row = np.empty(len(order), np.int64)
    in_row[order] = np.arange(len(order)) - run_start + 1
    past_due = in_row >= 3
    call_p = np.where(past_due, COLLECTIONS_CALL_P, FINANCIAL_CALL_PER_STATEMENT)
    pick = np.flatnonzero(rng.random(len(s_pat)) < call_p)
    f_day = business_day(s_day[pick] + days(rng.integers(10, 30, len(pick))))
    pick, f_day = pick[f_day <= today], f_day[f_day <= today]
    f_pat = s_pat[pick]
    collections = past_due[pick]
    f_note = np.where(
        collections,
        np.asarray(_COLLECTIONS_NOTES, dtype=object)[
            rng.integers(0, len(_COLLECTIONS_NOTES), len(pick))
        ],
        np.asarray(_FINANCIAL_NOTES, dtype=object)[
            rng.integers(0, len(_FINANCIAL_NOTES), len(pick))
        ],
    )
    log.add(
        patient=f_pat,
        at=_work_time(rng, f_day),
        comm_type=np.where(collections, commtype["Collections call"], commtype["Financial"]),
        mode=PHONE,
        sent=np.where(f_note == _FINANCIAL_NOTES[1], RECEIVED, SENT),
        note=f_note,
        user=staff.desk_for(patients.clinic[f_pat], rng),
    )


def follow_up_treatment_plan(
    cal: Calendar,
    patients: Patients,
    visits: Visits,
    staff: Staff,
    commtype: dict[str, int],  # CommLogTypes DefNum by name
    rng: np.random.Generator,
    log: _Log,
) -> None:
    """Follow-up calls on treatment plans that were not booked."""
    today = cal.today
    open_tp = (visits.proc_status == TP) & (visits.proc_apt == 0) & (visits.proc_date_tp <= today)
    plan_key = visits.proc_patient[open_tp] * 100_000 + visits.proc_date_tp[open_tp].astype(
        np.int64
    )
    _, first = np.unique(plan_key, return_index=True)
    t_pat = visits.proc_patient[open_tp][first]
    t_day = business_day(
        visits.proc_date_tp[open_tp][first] + days(rng.integers(14, 35, len(first)))
    )
    t_keep = (t_day <= today) & (rng.random(len(first)) < TREATMENT_FOLLOW_UP_P)
    t_pat, t_day = t_pat[t_keep], t_day[t_keep]
    log.add(
        patient=t_pat,
        at=_work_time(rng, t_day),
        comm_type=commtype["Treatment plan follow-up"],
        mode=PHONE,
        sent=SENT,
        note="Called to follow up on treatment plan.",
        user=staff.desk_for(patients.clinic[t_pat], rng),
    )


def call_after_surgery(
    cal: Calendar,
    practice: Practice,
    visits: Visits,
    staff: Staff,
    commtype: dict[str, int],  # CommLogTypes DefNum by name
    rng: np.random.Generator,
    log: _Log,
) -> None:
    """Post-op calls the day after extractions and root canals."""
    today = cal.today
    category = practice.codes.category[visits.proc_code]
    surgical = visits.completed & np.isin(
        category, ["endodontics", "oral_and_maxillofacial_surgery"]
    )
    surgical &= visits.proc_apt > 0
    apts = np.unique(visits.proc_apt[surgical])
    a_idx = apt_index(visits, apts)
    p_day = business_day(visits.apt_date[a_idx] + np.timedelta64(1, "D"))
    p_keep = (p_day <= today) & (rng.random(len(a_idx)) < POST_OP_CALL_P)
    a_idx, p_day = a_idx[p_keep], p_day[p_keep]
    p_pat = visits.apt_patient[a_idx]
    log.add(
        patient=p_pat,
        at=_work_time(rng, p_day),
        comm_type=commtype["Post-op call"],
        mode=PHONE,
        sent=SENT,
        note="Post-op check call.",
        user=staff.desk_for(visits.apt_clinic[a_idx], rng),
    )


def note_in_chart(
    cal: Calendar,
    patients: Patients,
    staff: Staff,
    commtype: dict[str, int],  # CommLogTypes DefNum by name
    rng: np.random.Generator,
    log: _Log,
) -> None:
    """Miscellaneous notes through the patients' time with the practice."""
    today = cal.today
    seen = np.flatnonzero((patients.arrival <= today) & (patients.status != NON_PATIENT))
    m_pat = rng.choice(seen, int(MISC_NOTES_PER_PATIENT * patients.n)) if len(seen) else seen
    start: Days = np.maximum(patients.arrival[m_pat], cal.start)
    span = (today - start).astype(np.int64) + 1
    m_day = business_day(start + days((rng.random(len(m_pat)) * span).astype(np.int64)))
    m_day = np.minimum(m_day, today)
    m_note = np.asarray(_MISC_NOTES, dtype=object)[rng.integers(0, len(_MISC_NOTES), len(m_pat))]
    log.add(
        patient=m_pat,
        at=_work_time(rng, m_day),
        comm_type=commtype["Misc"],
        mode=np.where(m_note == _MISC_NOTES[5], PHONE, NONE_MODE),
        sent=np.where(m_note == _MISC_NOTES[5], SENT, RECEIVED),
        note=m_note,
        user=staff.desk_for(patients.clinic[m_pat], rng),
    )


def write_commlog(
    cal: Calendar,
    pat_num: Ints,
    log: _Log,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """The commlog rows, numbered in time order (the log's patients are indexes into
    `pat_num`)."""
    last_moment = at_minute(np.array([cal.today]), 24 * 60 - 1)[0]
    at = log.column("at").astype("datetime64[m]")
    order = np.argsort(at, kind="stable")
    at = np.minimum(at[order], last_moment)
    mode = log.column("mode")[order]
    n = len(at)
    call = (mode == PHONE) & (log.column("sent")[order] == SENT)
    ends = at + minutes(rng.integers(*PHONE_CALL_MINUTES, n))
    f = Frame("commlog", n)
    f.update(
        {
            "CommlogNum": keys.take("commlog", n),
            "PatNum": pat_num[log.column("patient")[order].astype(np.int64)],
            "CommDateTime": at,
            "CommType": log.column("type")[order],
            "Note": log.column("note")[order],
            "Mode_": mode,
            "SentOrReceived": log.column("sent")[order],
            "UserNum": log.column("user")[order],
            "DateTimeEnd": np.where(call, ends, NO_DATETIME.astype(ends.dtype)),
            "CommSource": log.column("source")[order],
        }
    )
    f.stamp(at)
    out.add(f)


def remind_on_day(
    state: PracticeState,
    day: np.datetime64,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """The front desk's logged appointment reminders on a simulated `day`: history's
    `remind_appointment` one day at a time.

    History gives each booked visit one reminder day, a business day `REMINDER_DAYS_BEFORE` it,
    logged at `REMINDER_LOGGED_P` by the patient's preferred channel (`contact_mode`), and since
    the practice turned automated messaging on only for patients the automation cannot reach
    (`reachable_by`). A day here logs a reminder for a visit whose reminder may fall today with
    the chance that it is logged today given none was logged on the days before (the visit's
    patient has no appointment commlog since it was booked): each visit gets at most one, on
    the days history spreads them over. The desk user is one of the office's (`Staff.desk_for`).
    """
    apt_at = state.column("appointment", "AptDateTime").astype("datetime64[m]")
    apt_day = apt_at.astype("datetime64[D]")
    lead = np.arange(*REMINDER_DAYS_BEFORE)
    ahead = np.flatnonzero(
        (state.column("appointment", "AptStatus") == SCHEDULED)
        & (apt_day >= day)
        & (apt_day <= day + np.timedelta64(int(lead.max()) + 2, "D"))
    )
    reminder_days = business_day(apt_day[ahead][:, None] - days(lead)[None, :])
    today = (reminder_days == day).sum(axis=1) / len(lead)
    before = (reminder_days < day).sum(axis=1) / len(lead)
    chance = REMINDER_LOGGED_P * today / (1 - REMINDER_LOGGED_P * before)
    logged = rng.random(len(ahead)) < chance
    remind_at = _work_time(rng, np.full(len(ahead), day))
    chart = state_chart(state)
    patient = np.searchsorted(chart["PatNum"], state.column("appointment", "PatNum")[ahead])
    booked_at = state.column("appointment", "SecDateTEntry")[ahead].astype("datetime64[m]")
    logged &= (reachable_by(chart) == 0)[patient] & (remind_at > booked_at)
    logged &= (remind_at < apt_at[ahead]) & ~_reminded_since(state, patient, booked_at)
    r = np.flatnonzero(logged)
    if not len(r):
        return
    mode = contact_mode(chart, "PreferConfirmMethod", patient[r])
    log = _Log()
    log.add(
        patient=patient[r],
        at=remind_at[r],
        comm_type=state.def_num("CommLogTypes", "Appointment related"),
        mode=mode,
        sent=SENT,
        note=_notes(mode, _REMINDER_NOTE),
        user=Staff.of_state(state).desk_for(
            state.column("appointment", "ClinicNum")[ahead][r], rng
        ),
    )
    cal = Calendar(as_of=day.astype("datetime64[D]").astype(dt.date))
    write_commlog(cal, chart["PatNum"], log, keys, rng, out)


def _reminded_since(state: PracticeState, patient: Ints, since: Times) -> Bools:
    """Whether each patient (rows of the state's patients) has an appointment commlog at or
    after `since`."""
    appointment_related = state.column("commlog", "CommType") == state.def_num(
        "CommLogTypes", "Appointment related"
    )
    log_patient = np.searchsorted(
        state.column("patient", "PatNum"), state.column("commlog", "PatNum")[appointment_related]
    )
    latest = np.full(len(state.column("patient", "PatNum")), np.datetime64("0001-01-01T00:00"))
    np.maximum.at(
        latest,
        log_patient,
        state.column("commlog", "CommDateTime")[appointment_related].astype("datetime64[m]"),
    )
    return latest[patient] >= since
