"""Scheduling and procedures: what a completed, broken or booked appointment carries."""

from __future__ import annotations

import duckdb
import numpy as np
from tests.unit.synthetic.generated import AS_OF, scalar

from dental_analytics.synthetic.visits import (
    BROKEN,
    COMPLETE,
    SCHEDULED,
    UNSCHED,
    delete_some_broken,
    recall_visit_procedures,
    visit_outcome,
)


def test_completed_appointments_have_completed_procedures_on_their_date(
    raw: duckdb.DuckDBPyConnection,
) -> None:
    missing = scalar(
        raw,
        """
        select count(*) from raw.appointment a
        where a.aptstatus = 2 and not exists (
            select 1 from raw.procedurelog p
            where p.aptnum = a.aptnum and p.procstatus = 2
              and p.procdate = cast(a.aptdatetime as date) and p.patnum = a.patnum
        )
        """,
    )
    assert missing == 0


def test_procedures_on_an_appointment_belong_to_its_patient_and_day(
    raw: duckdb.DuckDBPyConnection,
) -> None:
    wrong = scalar(
        raw,
        """
        select count(*) from raw.procedurelog p join raw.appointment a on a.aptnum = p.aptnum
        where p.procstatus = 2 and (p.patnum <> a.patnum or p.procdate <> cast(a.aptdatetime as date))
        """,
    )
    assert wrong == 0


def test_broken_and_unscheduled_appointments_complete_nothing(
    raw: duckdb.DuckDBPyConnection,
) -> None:
    done = scalar(
        raw,
        """
        select count(*) from raw.procedurelog p join raw.appointment a on a.aptnum = p.aptnum
        where a.aptstatus in (3, 5) and p.procstatus = 2
        """,
    )
    assert done == 0


def test_hygiene_codes_take_the_hygienist_and_others_the_dentist(
    raw: duckdb.DuckDBPyConnection,
) -> None:
    wrong = scalar(
        raw,
        """
        select count(*)
        from raw.procedurelog p
        join raw.appointment a on a.aptnum = p.aptnum
        join raw.procedurecode c on c.codenum = p.codenum
        where p.procstatus = 2
          and p.provnum <> case when c.ishygiene = 1 and a.provhyg <> 0 then a.provhyg else a.provnum end
        """,
    )
    assert wrong == 0


def test_procedure_fees_come_from_the_patients_fee_schedule(raw: duckdb.DuckDBPyConnection) -> None:
    # OpenDental's lookup: the schedule's fee for the procedure's provider at its clinic, else
    # the provider's, else the clinic's, else the schedule's default.
    wrong = scalar(
        raw,
        """
        with looked_up as (
            select p.procnum, p.procfee, f.amount, row_number() over (
                partition by p.procnum order by f.provnum = 0, f.clinicnum = 0
            ) as pick
            from raw.procedurelog p
            join raw.patient pt on pt.patnum = p.patnum
            left join raw.fee f on f.feesched = pt.feesched and f.codenum = p.codenum
                and f.clinicnum in (0, p.clinicnum) and f.provnum in (0, p.provnum)
            -- an ortho contract's procedures are billed at its schedule's amounts
            -- (test_orthodontics)
            where not exists (
                select 1 from raw.orthocase oc
                where oc.patnum = p.patnum and oc.provnum = p.provnum
            )
        )
        select count(*) from looked_up
        where pick = 1 and (amount is null or procfee <> amount)
        """,
    )
    assert wrong == 0


def test_history_spans_three_years_and_bookings_three_months(
    raw: duckdb.DuckDBPyConnection,
) -> None:
    first, last_done, last_booked = raw.execute(
        """
        select min(cast(aptdatetime as date)),
               max(case when aptstatus = 2 then cast(aptdatetime as date) end),
               max(case when aptstatus = 1 then cast(aptdatetime as date) end)
        from raw.appointment
        """
    ).fetchone() or (None, None, None)
    assert (AS_OF - first).days <= 3 * 366
    assert last_done <= AS_OF
    assert 60 <= (last_booked - AS_OF).days <= 92


def test_appointments_fall_on_working_days(raw: duckdb.DuckDBPyConnection) -> None:
    assert scalar(raw, "select count(*) from raw.appointment where isodow(aptdatetime) > 5") == 0


def test_appointments_in_a_chair_do_not_overlap(raw: duckdb.DuckDBPyConnection) -> None:
    overlaps = scalar(
        raw,
        """
        with a as (
            select op, aptdatetime as starts,
                   aptdatetime + to_minutes(cast(length(pattern) * 5 as bigint)) as ends
            from raw.appointment where aptstatus in (1, 2)
        )
        select count(*) from a x join a y
          on x.op = y.op and x.starts < y.starts and y.starts < x.ends
        """,
    )
    assert overlaps == 0


def test_first_visit_is_the_first_completed_visit_of_a_new_patient(
    raw: duckdb.DuckDBPyConnection,
) -> None:
    wrong = scalar(
        raw,
        """
        with first as (
            select patnum, min(procdate) as day from raw.procedurelog
            where procstatus = 2 and aptnum <> 0 group by patnum
        )
        select count(*) from raw.patient p join first f on f.patnum = p.patnum
        where p.datefirstvisit > f.day
        """,
    )
    assert wrong == 0


def test_nothing_is_planned_or_entered_after_the_as_of_date(raw: duckdb.DuckDBPyConnection) -> None:
    assert (
        scalar(
            raw,
            "select count(*) from raw.procedurelog where datetp > ? or secdateentry > ?",
            [AS_OF, AS_OF],
        )
        == 0
    )
    assert (
        scalar(
            raw, "select count(*) from raw.procedurelog where cast(datetstamp as date) > ?", [AS_OF]
        )
        == 0
    )


def test_only_visits_in_the_coming_week_are_confirmed(raw: duckdb.DuckDBPyConnection) -> None:
    not_called = scalar(
        raw, "select min(defnum) from raw.definition where category = 2 and itemname = 'Not called'"
    )
    early = scalar(
        raw,
        "select count(*) from raw.appointment where cast(aptdatetime as date) > ? + 7 and confirmed <> ?",
        [AS_OF, not_called],
    )
    assert early == 0


def test_patients_are_entered_before_their_appointments(raw: duckdb.DuckDBPyConnection) -> None:
    early = scalar(
        raw,
        """
        select count(*) from raw.appointment a join raw.patient p on p.patnum = a.patnum
        where cast(a.secdatetentry as date) < p.secdateentry
        """,
    )
    assert early == 0


def test_no_row_was_edited_after_the_as_of_date(raw: duckdb.DuckDBPyConnection) -> None:
    for table, column in [
        ("schedule", "datetstamp"),
        ("appointment", "datetstamp"),
        ("patient", "datetstamp"),
    ]:
        assert (
            scalar(
                raw, f"select count(*) from raw.{table} where cast({column} as date) > ?", [AS_OF]
            )
            == 0
        ), table


def test_visits_fall_on_days_their_provider_works(raw: duckdb.DuckDBPyConnection) -> None:
    """Hygiene visits on the hygienist's schedule days, others on the dentist's, in the office
    the provider works that day."""
    off_schedule = scalar(
        raw,
        """
        select count(*) from raw.appointment a
        where a.aptstatus in (1, 2, 5)
          and not exists (
            select 1 from raw.schedule s
            where s.schedtype = 1
              and s.provnum = case when a.ishygiene = 1 then a.provhyg else a.provnum end
              and s.scheddate = cast(a.aptdatetime as date)
              and s.clinicnum = a.clinicnum
        )
        """,
    )
    assert off_schedule == 0


def test_dentists_and_hygienists_roam_to_a_second_office(raw: duckdb.DuckDBPyConnection) -> None:
    """Some dentists and a hygienist work days in a second office (not only the orthodontist),
    on a weekday of their own there, never in two offices on one day; the office they visit is
    one they are linked to (providerclinic)."""
    roaming = raw.execute(
        """
        select p.issecondary, count(*) from (
            select provnum from raw.schedule where schedtype = 1
            group by provnum having count(distinct clinicnum) = 2
        ) r join raw.provider p on p.provnum = r.provnum
        group by p.issecondary
        """
    ).fetchall()
    assert dict(roaming).get(0, 0) >= 2 and dict(roaming).get(1, 0) >= 1
    assert (
        scalar(
            raw,
            "select count(*) from (select provnum, scheddate from raw.schedule "
            "where schedtype = 1 group by all having count(*) > 1)",
        )
        == 0
    )
    # In the office a roamer visits (where they have fewer days), one weekday only.
    visiting_weekdays = raw.execute(
        """
        with days as (
            select provnum, clinicnum, count(*) as n, count(distinct isodow(scheddate)) as wd
            from raw.schedule where schedtype = 1
              and provnum in (select provnum from raw.schedule where schedtype = 1
                              group by provnum having count(distinct clinicnum) = 2)
            group by all
        )
        select wd from days d
        where n < (select max(n) from days o where o.provnum = d.provnum)
        """
    ).fetchall()
    unlinked = scalar(
        raw,
        "select count(*) from (select distinct provnum, clinicnum from raw.schedule "
        "where schedtype = 1) s where not exists (select 1 from raw.providerclinic c "
        "where c.provnum = s.provnum and c.clinicnum = s.clinicnum)",
    )
    assert unlinked == 0
    assert len(visiting_weekdays) >= 3 and {wd for (wd,) in visiting_weekdays} == {1}


def test_no_weekday_carries_the_weekend(raw: duckdb.DuckDBPyConnection) -> None:
    """Dates that would fall on a day off are spread over the working week, not piled on one day."""
    per_weekday = raw.execute(
        "select isodow(aptdatetime) as d, count(*) from raw.appointment where ishygiene = 1 group by d"
    ).fetchall()
    counts = dict(per_weekday)
    assert set(counts) == {1, 2, 3, 4}  # hygienists work Monday to Thursday
    assert max(counts.values()) < 1.3 * min(counts.values())


def test_patients_of_record_have_their_last_exam_before_the_history_paid_in_full(
    raw: duckdb.DuckDBPyConnection,
) -> None:
    """A patient seen before the history (first visit recorded before its first appointment)
    who comes to a visit in it has one completed periodic exam in the recall interval before
    the history, by their dentist at their office, paid in full on the procedure; new patients
    have nothing before their first visit."""
    first_apt = scalar(raw, "select min(cast(aptdatetime as date)) from raw.appointment")
    rows = raw.execute(
        """
        with before as (
            select p.procnum, p.patnum, p.procdate, p.procfee, p.provnum, p.clinicnum,
                   p.aptnum, c.proccode
            from raw.procedurelog p join raw.procedurecode c on c.codenum = p.codenum
            where p.procstatus = 2 and p.procdate < ?
        ),
        seen as (
            select distinct a.patnum from raw.appointment a where a.aptstatus = 2
        )
        select
            count(*),
            count(distinct b.patnum),
            count(case when b.proccode <> 'D0120' or b.aptnum <> 0 then 1 end),
            count(case when pt.datefirstvisit >= b.procdate then 1 end),
            count(case when b.provnum <> pt.priprov or b.clinicnum <> pt.clinicnum then 1 end),
            count(case when ? - b.procdate > 200 then 1 end),
            count(case when isodow(b.procdate) > 5 then 1 end),
            count(case when abs(b.procfee - coalesce(s.paid, 0)) > 0.005 then 1 end),
            (select count(*) from raw.patient pt2 join seen using (patnum)
             where pt2.datefirstvisit < ? and pt2.patnum not in (select patnum from before))
        from before b
        join raw.patient pt on pt.patnum = b.patnum
        left join (
            select procnum, sum(splitamt) as paid from raw.paysplit group by procnum
        ) s on s.procnum = b.procnum
        """,
        [first_apt, first_apt, first_apt],
    ).fetchone()
    assert rows is not None
    n, patients, not_an_exam, after_first_visit, elsewhere, too_early, weekend, unpaid, missing = (
        rows
    )
    assert n > 500 and patients == n
    assert not_an_exam == after_first_visit == elsewhere == too_early == weekend == unpaid == 0
    assert missing == 0


def test_adults_get_bitewings_every_two_years_and_children_every_year() -> None:
    """ADA/FDA radiograph selection: an adult recall patient's bitewings every other year (every
    fourth six-month visit), a child's yearly; an adult's full-mouth series every sixth visit
    (a child takes bitewings then too)."""
    codes = ["D0274", "D0272", "D0210"]
    cycle = np.tile(np.arange(12), 2)
    child = np.repeat([False, True], 12)
    visit, code = recall_visit_procedures(
        lambda c: codes.index(c) if c in codes else len(codes),
        child,
        np.zeros(24, bool),
        cycle,
        np.zeros(24, bool),
        np.random.default_rng(0),
    )
    adult_bwx = sorted(cycle[visit[(code == 0) & ~child[visit]]].tolist())
    child_bwx = sorted(cycle[visit[(code == 1) & child[visit]]].tolist())
    adult_fmx = sorted(cycle[visit[code == 2]].tolist())
    assert adult_bwx == [0, 4, 8]
    assert adult_fmx == [5, 11]
    assert child_bwx == [0, 2, 4, 5, 6, 8, 10, 11]


def test_some_broken_appointments_are_deleted_leaving_their_history_and_reminders(
    raw: duckdb.DuckDBPyConnection,
) -> None:
    """A deleted appointment has no row; its history ends with the deletion (a copy showing it
    broken, after it was marked missed), the security log has its AppointmentDelete entry, no
    procedure or lab case still points at it, and the reminders sent for it stay."""
    deleted, broken = raw.execute(
        """
        select
            count(distinct h.aptnum) filter (where h.histapptaction = 4),
            count(distinct h.aptnum) filter (where h.histapptaction = 2)
        from raw.histappointment h
        """
    ).fetchone() or (0, 0)
    assert 0.05 * broken < deleted < 0.3 * broken  # BROKEN_DELETED_P of the broken
    wrong = scalar(
        raw,
        """
        select count(*) from raw.histappointment h
        where h.histapptaction = 4 and (
            h.aptstatus <> 5
            or exists (select 1 from raw.appointment a where a.aptnum = h.aptnum)
            or not exists (
                select 1 from raw.histappointment m
                where m.aptnum = h.aptnum and m.histapptaction = 2
                  and m.histdatetstamp < h.histdatetstamp
            )
            or not exists (
                select 1 from raw.securitylog s
                where s.permtype = 237 and s.fkey = h.aptnum and s.logdatetime = h.histdatetstamp
            )
        )
        """,
    )
    assert wrong == 0
    dangling = scalar(
        raw,
        """
        select count(*) from (
            select aptnum from raw.procedurelog where aptnum > 0
            union all select aptnum from raw.labcase where aptnum > 0
        ) x
        where not exists (select 1 from raw.appointment a where a.aptnum = x.aptnum)
        """,
    )
    assert dangling == 0
    reminded = scalar(
        raw,
        """
        select count(*) from raw.apptremindersent r
        where exists (
            select 1 from raw.histappointment h
            where h.aptnum = r.apptnum and h.histapptaction = 4
        )
        """,
    )
    assert reminded > 0


def test_deleted_appointments_leave_planned_treatment_and_broken_charges(
    raw: duckdb.DuckDBPyConnection,
) -> None:
    """The treatment planned on a deleted visit stays planned without an appointment, and the
    broken-appointment charge of its day stays on the patient."""
    planned, charged = raw.execute(
        """
        with gone as (
            select aptnum, patnum, cast(aptdatetime as date) as day
            from raw.histappointment where histapptaction = 4
        )
        select
            (select count(*) from raw.procedurelog p join gone g
                on g.patnum = p.patnum and g.day = p.procdate
             where p.procstatus = 1 and p.aptnum = 0),
            (select count(*) from raw.procedurelog p join gone g
                on g.patnum = p.patnum and g.day = p.procdate
             join raw.procedurecode c on c.codenum = p.codenum
             where p.procstatus = 2 and c.proccode in ('D9986', 'D9987'))
        """
    ).fetchone() or (0, 0)
    assert planned > 0 and charged > 0


def test_a_few_past_appointments_are_left_open_with_their_procedures_planned(
    raw: duckdb.DuckDBPyConnection,
) -> None:
    """The front desk never closed a few visits: still Scheduled after their date, none of
    their procedures completed, at about LEFT_OPEN_P of the past appointments."""
    open_, past = raw.execute(
        """
        select count(*) filter (where aptstatus = 1), count(*)
        from raw.appointment where cast(aptdatetime as date) <= ?
        """,
        [AS_OF],
    ).fetchone() or (0, 0)
    assert 0.001 * past < open_ < 0.02 * past
    done = scalar(
        raw,
        """
        select count(*) from raw.procedurelog p join raw.appointment a on a.aptnum = p.aptnum
        where a.aptstatus = 1 and p.procstatus <> 1
        """,
    )
    assert done == 0


def test_only_broken_appointments_are_deleted_and_a_few_visits_are_left_open() -> None:
    rng = np.random.default_rng(7)
    status = np.array([COMPLETE, BROKEN, UNSCHED, SCHEDULED] * 5_000)
    deleted = delete_some_broken(status, rng)
    assert set(status[deleted]) == {BROKEN}
    assert 0.1 < deleted.sum() / (status == BROKEN).sum() < 0.2  # BROKEN_DELETED_P
    fate = visit_outcome(200_000, rng)
    assert set(fate) == {COMPLETE, BROKEN, UNSCHED, SCHEDULED}
    assert 0.003 < (fate == SCHEDULED).mean() < 0.007  # LEFT_OPEN_P
