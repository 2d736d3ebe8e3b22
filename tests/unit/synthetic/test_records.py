"""The records around the visits: volumes, keys that resolve, recall and appointment history
that agree with the visits, automated messages that follow their rules, and nothing that
happened dated after the as-of date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import duckdb
import pyarrow as pa
import pytest
from tests.unit.synthetic.generated import AS_OF, SEED, scalar

from dental_analytics.opendental import TABLES
from dental_analytics.synthetic.automated_messages import TICKS_PER_HOUR
from dental_analytics.synthetic.generate import generate
from dental_analytics.synthetic.params import FUTURE_DAYS, TRANSACTION_VOLUMES
from dental_analytics.synthetic.records_params import (
    AUTOMATED_MESSAGING_MONTHS,
    AUTOMATED_SEND_HOURS,
    RECORD_VOLUMES,
)

RECORD_TABLES = (
    "commlog", "recall", "patientnote", "patientlink", "referral", "refattach", "treatplan",
    "proctp", "procgroupitem", "perioexam", "toothinitial", "document", "sheet", "sheetfield",
    "task", "histappointment", "securitylog", "entrylog", "insverify", "timeadjust",
    "apptreminderrule", "apptremindersent", "userodpref",
)  # fmt: skip
# Dates that look ahead by nature: the time of a booked visit, and when a recall falls due
# (six months after the last cleaning, so it may lie beyond the generated horizon).
BOOKED = {
    ("recall", "DateScheduled"),
    ("histappointment", "AptDateTime"),
    ("apptremindersent", "ApptDateTime"),
}
FUTURE_FACING = BOOKED | {("recall", "DateDue"), ("recall", "DateDueCalc")}
HORIZON = AS_OF + dt.timedelta(days=FUTURE_DAYS)


def _generated() -> dict[str, pa.Table]:
    parts: dict[str, list[pa.Table]] = {}
    for batch in generate(1, SEED, AS_OF):
        for name, data in batch.items():
            parts.setdefault(name, []).append(data)
    return {name: pa.concat_tables(tables) for name, tables in parts.items()}


@pytest.fixture(scope="module")
def tables() -> dict[str, pa.Table]:
    return _generated()


@pytest.fixture(scope="module")
def con(tables: dict[str, pa.Table]) -> Iterator[duckdb.DuckDBPyConnection]:
    """The generated practice (scale 1), each table registered in an in-memory DuckDB."""
    connection = duckdb.connect()
    for name, data in tables.items():
        connection.register(name, data)
    yield connection
    connection.close()


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    return int(scalar(con, sql))  # type: ignore[call-overload]


def _dated_columns() -> list[tuple[str, str]]:
    return [
        (name, c.name)
        for name in RECORD_TABLES
        for c in TABLES[name].columns
        if c.kind in ("date", "timestamp") and (name, c.name) not in FUTURE_FACING
    ]


# --- volumes -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", RECORD_TABLES)
def test_volume_within_half_and_twice(con: duckdb.DuckDBPyConnection, name: str) -> None:
    figure = TRANSACTION_VOLUMES.get(name) or RECORD_VOLUMES[name]
    count = _count(con, f"select count(*) from {name}")
    assert 0.5 * figure <= count <= 2 * figure, (name, count, figure)


def test_one_note_per_patient(con: duckdb.DuckDBPyConnection) -> None:
    assert _count(con, "select count(distinct patnum) from patientnote") == _count(
        con, "select count(*) from patient"
    )
    assert _count(con, "select count(*) from patientnote") == _count(
        con, "select count(*) from patient"
    )


# --- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "column"), _dated_columns())
def test_nothing_that_happened_is_after_as_of(
    con: duckdb.DuckDBPyConnection, name: str, column: str
) -> None:
    later = _count(
        con, f"select count(*) from {name} where cast({column.lower()} as date) > '{AS_OF}'"
    )
    assert later == 0


@pytest.mark.parametrize(("name", "column"), sorted(BOOKED))
def test_booked_visits_are_within_the_horizon(
    con: duckdb.DuckDBPyConnection, name: str, column: str
) -> None:
    later = _count(
        con, f"select count(*) from {name} where cast({column.lower()} as date) > '{HORIZON}'"
    )
    assert later == 0


def test_old_tasks_are_done(con: duckdb.DuckDBPyConnection) -> None:
    open_old = _count(
        con,
        "select count(*) from task where taskstatus <> 2 "
        f"and datetimeentry < date '{AS_OF}' - interval 40 day",
    )
    assert open_old == 0
    unfinished_done = _count(
        con, "select count(*) from task where taskstatus = 2 and datetimefinished < datetimeentry"
    )
    assert unfinished_done == 0


# --- recall --------------------------------------------------------------------------------------


def test_recall_due_four_to_six_months_after_previous(con: duckdb.DuckDBPyConnection) -> None:
    bad = _count(
        con,
        "select count(*) from recall where isdisabled = 0 and dateprevious > date '1900-01-01' "
        "and (datedue <> dateduecalc "
        "or date_diff('month', dateprevious, datedue) not between 4 and 6 "
        "or date_diff('day', dateprevious, datedue) not between 118 and 185)",
    )
    assert bad == 0


def test_disabled_recalls_are_long_overdue_and_have_no_due_date(
    con: duckdb.DuckDBPyConnection,
) -> None:
    assert _count(con, "select count(*) from recall where isdisabled = 1") > 0
    bad = _count(
        con,
        "select count(*) from recall where isdisabled = 1 and (datedue > date '1900-01-01' "
        "or datescheduled > date '1900-01-01' "
        f"or dateduecalc >= date '{AS_OF}' - interval 365 day)",
    )
    assert bad == 0


def test_a_first_recall_has_no_dates_but_the_booked_cleaning(
    con: duckdb.DuckDBPyConnection,
) -> None:
    """A patient whose first cleaning is booked has a recall with no previous or due date."""
    first = "select * from recall where dateprevious < date '1900-01-01'"
    assert _count(con, f"select count(*) from ({first})") > 0
    bad = _count(
        con,
        f"""
        select count(*) from ({first}) as r
        where r.datedue > date '1900-01-01' or r.isdisabled = 1
            or r.datescheduled < date '{AS_OF}'
            or exists (
                select 1 from appointment as a
                where a.patnum = r.patnum and a.aptstatus = 2 and a.ishygiene = 1
            )
        """,
    )
    assert bad == 0


def test_recall_previous_is_the_last_completed_hygiene_visit(
    con: duckdb.DuckDBPyConnection,
) -> None:
    bad = _count(
        con,
        """
        with hygiene as (
            select patnum, max(cast(aptdatetime as date)) as last_visit
            from appointment
            where aptstatus = 2 and ishygiene = 1
            group by patnum
        )
        select count(*) from recall as r left join hygiene as h using (patnum)
        where r.dateprevious > date '1900-01-01'
            and (h.last_visit is null or h.last_visit <> r.dateprevious)
        """,
    )
    assert bad == 0


def test_recall_scheduled_is_the_next_booked_hygiene_visit(
    con: duckdb.DuckDBPyConnection,
) -> None:
    bad = _count(
        con,
        f"""
        with booked as (
            select patnum, min(cast(aptdatetime as date)) as next_visit
            from appointment
            -- a past visit left open (still Scheduled) is not booked
            where aptstatus = 1 and ishygiene = 1 and cast(aptdatetime as date) > date '{AS_OF}'
            group by patnum
        )
        select count(*) from recall as r left join booked as b using (patnum)
        where coalesce(b.next_visit, date '0001-01-01') <> r.datescheduled
        """,
    )
    assert bad == 0


def test_one_recall_per_patient_of_record_seen_or_booked_for_hygiene(
    con: duckdb.DuckDBPyConnection,
) -> None:
    expected = _count(
        con,
        "select count(distinct a.patnum) from appointment as a join patient as p using (patnum) "
        "where a.ishygiene = 1 and p.patstatus = 0 and (a.aptstatus = 2 "
        f"or (a.aptstatus = 1 and cast(a.aptdatetime as date) > date '{AS_OF}'))",
    )
    assert _count(con, "select count(distinct patnum) from recall") == expected
    assert _count(con, "select count(*) from recall") == expected


# --- communications --------------------------------------------------------------------------

# The appointments as booked: those in the book and those the office deleted, as the history's
# Deleted row copies them (OpenDental keeps what was sent and logged about a deleted visit).
_BOOKED = (
    "(select patnum, aptdatetime, ishygiene, secdatetentry from appointment union all "
    "select patnum, aptdatetime, ishygiene, secdatetentry from histappointment "
    "where histapptaction = 4)"
)


def test_appointment_reminders_come_before_a_visit_of_the_patient(
    con: duckdb.DuckDBPyConnection,
) -> None:
    stray = _count(
        con,
        f"""
        select count(*) from commlog as c
        join definition as d on d.defnum = c.commtype and d.itemname = 'Appointment related'
        -- thank-yous and Web Sched bookings are logged when the visit is booked
        where c.commsource not in (1, 6)
          and not exists (
            select 1 from {_BOOKED} as a
            where a.patnum = c.patnum
              and a.aptdatetime > c.commdatetime
              and a.aptdatetime <= c.commdatetime + interval 8 day
        )
        """,
    )
    assert stray == 0


def test_commlog_users_are_front_desk_of_the_patients_clinic(
    con: duckdb.DuckDBPyConnection,
) -> None:
    bad = _count(
        con,
        "select count(*) from commlog as c join patient as p using (patnum) "
        "join userod as u on u.usernum = c.usernum "
        "where u.provnum <> 0 or u.clinicnum <> p.clinicnum",
    )
    assert bad == 0


def test_front_desk_entries_have_a_user_and_automated_ones_none(
    con: duckdb.DuckDBPyConnection,
) -> None:
    # CommSource 0 = User (the front desk), 1 = WebSched, 3 = ApptReminder, 6 = ApptThankYou
    assert _count(con, "select count(*) from commlog where commsource not in (0, 1, 3, 6)") == 0
    assert _count(con, "select count(*) from commlog where (commsource = 0) <> (usernum <> 0)") == 0
    assert _count(con, "select count(*) from commlog where commsource = 3") > 0
    assert _count(con, "select count(*) from commlog where commsource = 6") > 0


def test_web_sched_logs_a_hygiene_visit_booked_online(con: duckdb.DuckDBPyConnection) -> None:
    assert _count(con, "select count(*) from commlog where commsource = 1") > 0
    stray = _count(
        con,
        f"""
        select count(*) from commlog as c
        where c.commsource = 1 and not exists (
            select 1 from {_BOOKED} as a
            where a.patnum = c.patnum and a.ishygiene = 1
              and date_trunc('minute', a.secdatetentry) = c.commdatetime)
        """,
    )
    assert stray == 0


# --- automated messages --------------------------------------------------------------------------

AUTOMATION_START = AS_OF - dt.timedelta(days=AUTOMATED_MESSAGING_MONTHS * 365 // 12)


def test_each_clinic_has_its_four_rules(con: duckdb.DuckDBPyConnection) -> None:
    # TypeCur 0 = Reminder (two per clinic), 1 = ConfirmationFutureDay, 4 = ScheduleThankYou
    bad = _count(
        con,
        """
        select count(*) from clinic as c
        where (select list(typecur order by typecur) from apptreminderrule as r
               where r.clinicnum = c.clinicnum) <> [0, 0, 1, 4]
        """,
    )
    assert bad == 0
    assert _count(con, "select count(*) from apptreminderrule where tsprior < 0") == 0
    assert (
        _count(con, f"select count(*) from apptreminderrule where tsprior % {TICKS_PER_HOUR}") == 0
    )
    # Templates use OpenDental's tags; every rule has a text or an email template, or both: the
    # same-day reminder (TSPrior under a day) only a text, the thank-you (4) only an email.
    assert (
        _count(
            con,
            "select count(*) from apptreminderrule where "
            "(templatesms <> '' and templatesms not like '%[NameF]%') "
            "or (templateemail = '') <> (templateemailsubject = '') "
            "or (templatesms = '') <> (typecur = 4) "
            f"or (templateemail = '') <> (typecur = 0 and tsprior < 24 * {TICKS_PER_HOUR}) "
            "or emailtemplatetype not in ('Regular', 'Html', 'RawHtml')",
        )
        == 0
    )
    assert _count(con, "select count(*) from apptreminderrule where isenabled = 0") > 0


def test_automation_sends_by_the_channels_a_rule_has_templates_for(
    con: duckdb.DuckDBPyConnection,
) -> None:
    """Same-day reminders go by text (MessageType 1), thank-yous by email (commlog mode 1)."""
    same_day = f"from apptremindersent where tsprior < 24 * {TICKS_PER_HOUR}"
    assert _count(con, f"select count(*) {same_day}") > 0
    assert _count(con, f"select count(*) {same_day} and messagetype <> 1") == 0
    assert _count(con, "select count(*) from commlog where commsource = 6") > 0
    assert _count(con, "select count(*) from commlog where commsource = 6 and mode_ <> 1") == 0


def test_reminders_follow_their_rule_and_appointment(con: duckdb.DuckDBPyConnection) -> None:
    bad = _count(
        con,
        f"""
        select count(*) from apptremindersent as s
        join apptreminderrule as r using (apptreminderrulenum)
        join appointment as a on a.aptnum = s.apptnum
        where r.typecur <> 0 or r.isenabled <> 1 or r.clinicnum <> s.clinicnum
           or s.tsprior <> r.tsprior
           or a.patnum <> s.patnum or a.clinicnum <> s.clinicnum
           or a.aptdatetime <> s.apptdatetime
           -- a cancelled visit was cancelled after its reminders went out
           or (a.aptstatus = 3 and not exists (
               select 1 from histappointment as h
               where h.aptnum = a.aptnum and h.histapptaction = 3   -- Cancelled
                 and h.histdatetstamp > s.datetimesent))
           or s.datetimesent >= s.apptdatetime                 -- before the visit
           or s.datetimesent <= a.secdatetentry                -- after the booking
           or s.datetimesent < s.apptdatetime - to_microseconds(s.tsprior // 10)
           or hour(s.datetimesent) not between {AUTOMATED_SEND_HOURS[0]} and {AUTOMATED_SEND_HOURS[1]}
           or cast(s.datetimesent as date) < date '{AUTOMATION_START}'
           or s.datetimeentry <> s.datetimesent
        """,
    )
    assert bad == 0


def test_some_visits_are_cancelled_in_answer_to_their_reminders(
    con: duckdb.DuckDBPyConnection,
) -> None:
    assert (
        _count(
            con,
            "select count(*) from apptremindersent as s "
            "join appointment as a on a.aptnum = s.apptnum where a.aptstatus = 3",
        )
        > 0
    )


def test_automation_reaches_patients_by_a_channel_they_have(
    con: duckdb.DuckDBPyConnection,
) -> None:
    # MessageType 1 = Text (texting allowed: TxtMsgOk <> 2 = No, and a cell phone), 2 = Email
    bad = _count(
        con,
        """
        select count(*) from apptremindersent as s join patient as p using (patnum)
        where not ((s.messagetype = 1 and p.txtmsgok <> 2 and p.wirelessphone <> '')
                or (s.messagetype = 2 and p.email <> ''))
        """,
    )
    assert bad == 0


def test_automated_commlogs_only_for_reminded_appointments(
    con: duckdb.DuckDBPyConnection,
) -> None:
    # Every reminder that went out (SendStatus 3) left one commlog entry at its time; a failed
    # one (4) none.
    sent = _count(con, "select count(*) from apptremindersent where sendstatus = 3")
    logged = _count(
        con,
        "select count(*) from commlog where commsource = 3 and sentorreceived = 1 "
        "and note like '%reminder%'",
    )
    assert sent == logged > 0
    unmatched = _count(
        con,
        """
        select count(*) from commlog as c
        where c.commsource = 3 and c.note like '%reminder%'
          and not exists (
            select 1 from apptremindersent as s
            where s.patnum = c.patnum and s.datetimesent = c.commdatetime and s.sendstatus = 3
              and c.mode_ = case s.messagetype when 1 then 5 else 1 end)
        """,
    )
    assert unmatched == 0
    # Confirmation requests and replies belong to a visit of the patient in the next days;
    # thank-yous to a visit booked minutes before.
    stray = _count(
        con,
        f"""
        select count(*) from commlog as c
        where c.commsource in (3, 6)
          and (c.usernum <> 0 or cast(c.commdatetime as date) < date '{AUTOMATION_START}'
               or not exists (
                 select 1 from {_BOOKED} as a
                 where a.patnum = c.patnum
                   and case when c.commsource = 6
                       then c.commdatetime between a.secdatetentry
                                               and a.secdatetentry + interval 15 minute
                       else a.aptdatetime > c.commdatetime
                            and a.aptdatetime <= c.commdatetime + interval 4 day end))
        """,
    )
    assert stray == 0


def test_front_desk_does_not_remind_what_the_automation_reminded(
    con: duckdb.DuckDBPyConnection,
) -> None:
    doubled = _count(
        con,
        """
        select count(*) from apptremindersent as s
        join commlog as c on c.patnum = s.patnum and c.commsource = 0
          and c.note like 'Appointment reminder%'
          and c.commdatetime between s.apptdatetime - interval 4 day and s.apptdatetime
        where s.sendstatus = 3
        """,
    )
    assert doubled == 0


# --- user preferences ----------------------------------------------------------------------------


def test_user_preferences_fit_their_user(con: duckdb.DuckDBPyConnection) -> None:
    # FkeyType 1 = ClinicLast (Fkey: the user's clinic), 13 = AcctProcBreakdown and
    # 23 = ShowAutomatedCommlog (front desk), 12 = SuppressLogOffMessage (providers),
    # 8 = PerioCurrentExamOnly (hygienists), 20 = LogOffTimerOverride (minutes)
    bad = _count(
        con,
        """
        select count(*) from userodpref as p join userod as u using (usernum)
        left join provider as d on d.provnum = u.provnum
        where (p.fkeytype = 1 and p.fkey <> u.clinicnum)
           or (p.fkeytype <> 1 and p.fkey <> 0)
           or (p.fkeytype in (13, 23) and u.provnum <> 0)
           or (p.fkeytype in (8, 12) and u.provnum = 0)
           or (p.fkeytype = 8 and d.issecondary is distinct from 1)  -- IsSecondary: hygienist
           or (p.fkeytype = 20 and try_cast(p.valuestring as integer) is null)
           or p.fkeytype not in (1, 4, 8, 12, 13, 20, 23)
        """,
    )
    assert bad == 0
    dupes = _count(
        con,
        "select count(*) from (select usernum, fkeytype from userodpref group by all "
        "having count(*) > 1)",
    )
    assert dupes == 0
    assert (
        _count(
            con,
            "select count(*) from userod where clinicnum <> 0 and usernum not in "
            "(select usernum from userodpref where fkeytype = 1)",
        )
        == 0
    )


# --- appointment history ---------------------------------------------------------------------


def test_history_rows_copy_existing_appointments(con: duckdb.DuckDBPyConnection) -> None:
    """Each history row copies its appointment; an appointment the office deleted has no row
    left, and its history ends with the deletion."""
    bad = _count(
        con,
        "select count(*) from histappointment as h left join appointment as a using (aptnum) "
        "where (a.aptnum is null and h.aptnum not in "
        "(select aptnum from histappointment where histapptaction = 4)) "
        "or a.patnum <> h.patnum or a.clinicnum <> h.clinicnum",
    )
    assert bad == 0
    after_deletion = _count(
        con,
        "select count(*) from histappointment as h join histappointment as d using (aptnum) "
        "where d.histapptaction = 4 and h.histdatetstamp > d.histdatetstamp",
    )
    assert after_deletion == 0


def test_every_appointment_has_one_creation_row_first(con: duckdb.DuckDBPyConnection) -> None:
    bad = _count(
        con,
        """
        with created as (
            select aptnum, count(*) as n, min(histdatetstamp) as at
            from histappointment where histapptaction = 0 group by aptnum
        )
        select count(*) from appointment as a left join created as c using (aptnum)
        where c.n is distinct from 1
           or c.at > (select min(histdatetstamp) from histappointment as h
                      where h.aptnum = a.aptnum)
        """,
    )
    assert bad == 0


def test_last_history_row_of_a_past_visit_shows_its_outcome(
    con: duckdb.DuckDBPyConnection,
) -> None:
    bad = _count(
        con,
        """
        with last_row as (
            select aptnum, arg_max(aptstatus, histdatetstamp) as status
            from histappointment group by aptnum
        )
        select count(*) from appointment as a join last_row as l using (aptnum)
        where a.aptstatus in (2, 3, 5) and l.status <> a.aptstatus
        """,
    )
    assert bad == 0


# --- charting --------------------------------------------------------------------------------


def test_plan_procedures_are_the_patients_planned_treatment(
    con: duckdb.DuckDBPyConnection,
) -> None:
    bad = _count(
        con,
        "select count(*) from proctp as t join procedurelog as p on p.procnum = t.procnumorig "
        "join treatplan as tp using (treatplannum) "
        "where p.patnum <> t.patnum or tp.patnum <> t.patnum or p.datetp <> tp.datetp",
    )
    assert bad == 0
    # One active plan per patient, without proctp lines (those belong to saved plans only).
    assert (
        _count(
            con,
            "select count(*) from (select patnum from treatplan where tpstatus = 1 group by patnum having count(*) > 1) x",
        )
        == 0
    )
    assert (
        _count(
            con,
            "select count(*) from proctp join treatplan using (treatplannum) where treatplan.tpstatus = 1",
        )
        == 0
    )
    assert (
        _count(
            con,
            "select count(*) from treatplan tp where tp.tpstatus = 0 "
            "and not exists (select 1 from proctp t where t.treatplannum = tp.treatplannum)",
        )
        == 0
    )


def test_missing_teeth_have_no_procedures(con: duckdb.DuckDBPyConnection) -> None:
    bad = _count(
        con,
        "select count(*) from toothinitial as t join procedurelog as p "
        "on p.patnum = t.patnum and p.toothnum = t.toothnum",
    )
    assert bad == 0


def test_records_of_a_visit_fall_on_a_completed_visit_of_the_patient(
    con: duckdb.DuckDBPyConnection,
) -> None:
    for sql in (
        "select patnum, examdate as day from perioexam",
        "select patnum, cast(datecreated as date) as day from document where imgtype = 1",
        # A follow-up of work done here on its day; a planned referral on the day it was planned.
        "select patnum, case when procnum in (select procnum from procedurelog where procstatus = 5) "
        "then refdate else dateproccomplete end as day from refattach where reftype = 0",
        "select patnum, datetp as day from treatplan",
    ):
        stray = _count(
            con,
            f"""
            select count(*) from ({sql}) as r
            where not exists (
                select 1 from appointment as a
                where a.patnum = r.patnum and a.aptstatus = 2
                  and cast(a.aptdatetime as date) = r.day
            )
            """,
        )
        assert stray == 0, sql


def test_referrals_out_are_the_patients_procedures(con: duckdb.DuckDBPyConnection) -> None:
    bad = _count(
        con,
        "select count(*) from refattach as r join procedurelog as p using (procnum) "
        "where r.procnum <> 0 and (p.patnum <> r.patnum or p.procstatus not in (2, 5) "
        "or (p.procstatus = 5) <> (r.dateproccomplete < date '1900-01-01'))",
    )
    assert bad == 0
    # Planned treatment referred out (ProcStatus 5 R) is attached to its referral.
    referred = "select procnum from procedurelog where procstatus = 5"
    assert _count(con, f"select count(*) from ({referred})") > 0
    unattached = _count(
        con,
        f"select count(*) from ({referred}) as p "
        "where not exists (select 1 from refattach as r where r.procnum = p.procnum)",
    )
    assert unattached == 0


def test_declined_treatment_deleted_from_the_chart_is_old_unbooked_and_without_estimates(
    con: duckdb.DuckDBPyConnection,
) -> None:
    deleted = "select * from procedurelog where procstatus = 6"
    assert _count(con, f"select count(*) from ({deleted})") > 0
    bad = _count(
        con,
        f"select count(*) from ({deleted}) as p where p.aptnum <> 0 "
        f"or p.datetp > date '{AS_OF}' - interval 180 day "
        "or exists (select 1 from claimproc as c where c.procnum = p.procnum)",
    )
    assert bad == 0


def test_verifications_point_at_patient_plans_and_plans(con: duckdb.DuckDBPyConnection) -> None:
    bad = _count(
        con,
        f"""
        select count(*) from insverify as v
        where (v.verifytype = 2 and not exists (
                  select 1 from patplan as p where p.patplannum = v.fkey))
           or (v.verifytype = 1 and not exists (
                  select 1 from insplan as p where p.plannum = v.fkey))
           or v.verifytype not in (1, 2)
           or v.datelastverified <= date '{AS_OF}' - interval 365 day
        """,
    )
    assert bad == 0


# --- determinism -----------------------------------------------------------------------------


def test_same_seed_same_records(tables: dict[str, pa.Table]) -> None:
    again = _generated()
    for name in RECORD_TABLES:
        assert again[name].equals(tables[name]), name
