"""The front office: staff who clock in the way their timecards say, texts and emails that match
the automation's sends and the commlog, confirmation requests answered as the visits went, and
patient fields filled in for a share of the patients."""

from __future__ import annotations

import duckdb
import pytest
from tests.unit.synthetic.generated import AS_OF, scalar, unless_deleted_appointment

from dental_analytics.opendental import TABLES
from dental_analytics.synthetic.front_office_params import FRONT_OFFICE_VOLUMES, PATIENT_FIELDS

FRONT_OFFICE_TABLES = (
    "employee", "clockevent", "emailmessage", "smstomobile", "smsfrommobile",
    "confirmationrequest", "patfielddef", "patfield",
)  # fmt: skip
# Key columns of other tables that point at the front office's rows.
LINKS = (
    ("userod", "EmployeeNum"),
    ("timeadjust", "EmployeeNum"),
    ("appointment", "Assistant"),
)


def _count(raw: duckdb.DuckDBPyConnection, sql: str) -> int:
    return int(scalar(raw, sql))  # type: ignore[call-overload]


@pytest.mark.parametrize("name", FRONT_OFFICE_TABLES)
def test_volumes_within_half_and_twice(raw: duckdb.DuckDBPyConnection, name: str) -> None:
    count = _count(raw, f"select count(*) from raw.{name}")
    assert 0.5 * FRONT_OFFICE_VOLUMES[name] <= count <= 2 * FRONT_OFFICE_VOLUMES[name], count


@pytest.mark.parametrize(
    ("name", "column"),
    [
        (t, c.name)
        for t in FRONT_OFFICE_TABLES
        for c in TABLES[t].columns
        if c.fk_table and c.fk_in_scope
    ]
    + list(LINKS),
)
def test_keys_resolve(raw: duckdb.DuckDBPyConnection, name: str, column: str) -> None:
    col = TABLES[name].column(column)
    target = TABLES[col.fk_table or ""]
    key = target.column(col.fk_column or "").raw_name
    orphans = _count(
        raw,
        f"select count(*) from raw.{name} t where t.{col.raw_name} <> 0 and not exists "
        f"(select 1 from raw.{target.name} p where p.{key} = t.{col.raw_name}) "
        f"{unless_deleted_appointment(target.name, 't.' + col.raw_name)}",
    )
    assert orphans == 0


def test_staff_per_clinic_and_turnover(raw: duckdb.DuckDBPyConnection) -> None:
    """Six to eight people at work per clinic today; some former staff, hidden, over the years."""
    current = raw.execute(
        "select clinicnum, count(distinct employeenum) from raw.clockevent "
        "where cast(timedisplayed1 as date) > ? - interval 14 day group by 1",
        [AS_OF],
    ).fetchall()
    assert len(current) == _count(raw, "select count(*) from raw.clinic")
    assert all(5 <= n <= 9 for _, n in current), current
    hidden = _count(raw, "select count(*) from raw.employee where ishidden = 1")
    assert 0 < hidden < _count(raw, "select count(*) from raw.employee")


def test_timecards_are_the_weeks_clocked(raw: duckdb.DuckDBPyConnection) -> None:
    """OpenDental's weekly overtime: a week's clocked minutes (with adjustments and manual
    corrections) are forty hours plus the overtime the timecard moved, and never above forty
    hours in a week without it."""
    over, mismatched, overtime_weeks = raw.execute(
        """
        with clocked as (
            select employeenum, date_trunc('week', timedisplayed1) as week,
                sum(case when clockstatus <> 2
                    then epoch(timedisplayed2 - timedisplayed1) / 60 else 0 end
                    + epoch(adjust) / 60) as minutes
            from raw.clockevent group by all),
        timecard as (
            select employeenum, date_trunc('week', timeentry) as week,
                sum(epoch(reghours) / 60) as regular, sum(epoch(otimehours) / 60) as overtime
            from raw.timeadjust where ptodefnum = 0 group by all)
        select
            count(*) filter (where coalesce(overtime, 0) = 0
                and minutes + coalesce(regular, 0) > 2400.5),
            count(*) filter (where overtime > 0 and abs(minutes + regular - 2400) > 0.5),
            count(*) filter (where overtime > 0)
        from clocked left join timecard using (employeenum, week)
        """
    ).fetchone() or (None, None, None)
    assert over == 0 and mismatched == 0
    assert overtime_weeks and overtime_weeks > 100


def test_clock_events_are_ordered_and_in_the_past(raw: duckdb.DuckDBPyConnection) -> None:
    assert (
        _count(
            raw,
            "select count(*) from raw.clockevent where timedisplayed2 <= timedisplayed1 "
            f"or cast(timedisplayed2 as date) > date '{AS_OF}' "
            "or cast(timedisplayed1 as date) <> cast(timedisplayed2 as date)",
        )
        == 0
    )
    # Every break is taken inside a working stretch of the same employee.
    assert (
        _count(
            raw,
            "select count(*) from raw.clockevent b where b.clockstatus = 2 and not exists ("
            "select 1 from raw.clockevent w where w.employeenum = b.employeenum "
            "and w.clockstatus <> 2 and w.timedisplayed1 <= b.timedisplayed1 "
            "and w.timedisplayed2 >= b.timedisplayed2)",
        )
        == 0
    )


def test_no_one_clocks_in_on_a_day_of_leave(raw: duckdb.DuckDBPyConnection) -> None:
    clashes = _count(
        raw,
        "select count(*) from raw.timeadjust t join raw.clockevent c "
        "on c.employeenum = t.employeenum "
        "and cast(c.timedisplayed1 as date) = cast(t.timeentry as date) "
        "where t.ptodefnum <> 0 and epoch(t.ptohours) >= 8 * 3600",
    )
    assert clashes == 0
    assert _count(raw, "select count(*) from raw.timeadjust where employeenum = 0") == 0


def test_staff_schedules_match_their_clock(raw: duckdb.DuckDBPyConnection) -> None:
    """Front-desk, assistant and office staff have employee schedule rows (SchedType 3,
    EmployeeNum set, no provider) for exactly the days they clocked in, at that clinic, the day's
    first clock-in in the shift's first minutes; the schedule reaches a few weeks ahead."""
    employee_rows = raw.execute(
        "select count(*), count(*) filter (where employeenum = 0 or provnum <> 0) "
        "from raw.schedule where schedtype = 3"
    ).fetchone() or (0, 0)
    assert employee_rows[0] > 0 and employee_rows[1] == 0
    hygienists = "select employeenum from raw.userod where provnum <> 0 and employeenum <> 0"
    unscheduled = _count(
        raw,
        "select count(*) from (select distinct employeenum, clinicnum, "
        "cast(timedisplayed1 as date) as d from raw.clockevent) c "
        f"where c.employeenum not in ({hygienists}) and not exists ("
        "select 1 from raw.schedule s where s.schedtype = 3 and s.employeenum = c.employeenum "
        "and s.clinicnum = c.clinicnum and s.scheddate = c.d)",
    )
    assert unscheduled == 0
    unclocked = _count(
        raw,
        "select count(*) from raw.schedule s where s.schedtype = 3 "
        f"and s.scheddate <= date '{AS_OF}' and not exists ("
        "select 1 from raw.clockevent c where c.employeenum = s.employeenum "
        "and c.clinicnum = s.clinicnum and cast(c.timedisplayed1 as date) = s.scheddate)",
    )
    assert unclocked == 0
    late_or_early = _count(
        raw,
        "select count(*) from raw.schedule s join ("
        "select employeenum, cast(timedisplayed1 as date) as d, "
        "min(extract(hour from timedisplayed1) * 60 + extract(minute from timedisplayed1)) as m "
        "from raw.clockevent group by all) c on c.employeenum = s.employeenum "
        "and c.d = s.scheddate where s.schedtype = 3 "
        "and (c.m < epoch(s.starttime) / 60 or c.m > epoch(s.starttime) / 60 + 15)",
    )
    assert late_or_early == 0
    ahead = _count(
        raw, f"select count(*) from raw.schedule where schedtype = 3 and scheddate > date '{AS_OF}'"
    )
    assert ahead > 0


def test_appointment_history_shows_the_assistant(raw: duckdb.DuckDBPyConnection) -> None:
    differs = _count(
        raw,
        "select count(*) from raw.histappointment h join raw.appointment a on a.aptnum = h.aptnum "
        "where h.assistant <> a.assistant",
    )
    assert differs == 0


def test_assistants_were_at_work(raw: duckdb.DuckDBPyConnection) -> None:
    """Most dentist appointments have a chairside assistant, who clocked in that day at the
    appointment's clinic; hygiene appointments have none."""
    with_assistant, dentist = raw.execute(
        "select count(*) filter (where assistant <> 0), count(*) from raw.appointment "
        "where ishygiene = 0 and aptstatus in (1, 2, 5)"
    ).fetchone() or (0, 1)
    assert with_assistant / dentist > 0.8
    assert (
        _count(raw, "select count(*) from raw.appointment where ishygiene = 1 and assistant <> 0")
        == 0
    )
    absent = _count(
        raw,
        "select count(*) from raw.appointment a where a.assistant <> 0 "
        f"and cast(a.aptdatetime as date) <= date '{AS_OF}' and not exists ("
        "select 1 from raw.clockevent c where c.employeenum = a.assistant "
        "and c.clinicnum = a.clinicnum "
        "and cast(c.timedisplayed1 as date) = cast(a.aptdatetime as date))",
    )
    assert absent == 0


def test_each_reminder_points_at_its_message(raw: duckdb.DuckDBPyConnection) -> None:
    """A text reminder's MessageFk is a text of the same patient sent at the same minute, an
    email reminder's an email; a failed send's message failed too."""
    wrong = _count(
        raw,
        """
        select count(*) from raw.apptremindersent r
        left join raw.smstomobile s on r.messagetype = 1 and s.smstomobilenum = r.messagefk
        left join raw.emailmessage e on r.messagetype = 2 and e.emailmessagenum = r.messagefk
        where coalesce(s.patnum, e.patnum) is distinct from r.patnum
           or coalesce(s.datetimesent, e.msgdatetime) is distinct from r.datetimesent
           or (r.sendstatus = 4) <> coalesce(s.smsstatus = 5, e.sentorreceived = 17)
        """,
    )
    assert wrong == 0


def test_delivery_failures_are_a_few_percent(raw: duckdb.DuckDBPyConnection) -> None:
    failed, sent = raw.execute(
        "select count(*) filter (where smsstatus in (4, 5)), count(*) from raw.smstomobile "
        "where msgtype <> 1"
    ).fetchone() or (0, 1)
    assert 0.01 <= failed / sent <= 0.06
    # Failed texts are not charged; delivered ones are, per part.
    assert (
        _count(raw, "select count(*) from raw.smstomobile where smsstatus = 5 and msgchargeusd > 0")
        == 0
    )
    assert (
        _count(
            raw, "select count(*) from raw.smstomobile where smsstatus = 2 and msgchargeusd <= 0"
        )
        == 0
    )


def test_confirmation_requests_follow_the_visits(raw: duckdb.DuckDBPyConnection) -> None:
    """A positive answer is an appointment confirmed, answered between the request and the
    visit; a failed send got no answer; each text reply is a received text commlog entry."""
    confirmed_def = scalar(
        raw,
        "select defnum from raw.definition where category = 2 and itemname = 'Confirmed'",
    )
    bad = _count(
        raw,
        f"""
        select count(*) from raw.confirmationrequest c
        join raw.appointment a on a.aptnum = c.apptnum
        where (c.rsvpstatus = 2 and (a.confirmed <> {confirmed_def}
                or c.datetimersvp < c.datetimesent or c.datetimersvp > a.aptdatetime))
           or (c.sendstatus = 4 and c.rsvpstatus <> 6)
        """,
    )
    assert bad == 0
    positive, delivered = raw.execute(
        "select count(*) filter (where rsvpstatus = 2), count(*) filter (where sendstatus = 3) "
        "from raw.confirmationrequest"
    ).fetchone() or (0, 1)
    assert 0.3 <= positive / delivered <= 0.9
    unlinked = _count(
        raw,
        "select count(*) from raw.smsfrommobile t left join raw.commlog c "
        "on c.commlognum = t.commlognum "
        "where c.commlognum is null or c.mode_ <> 5 or c.sentorreceived <> 2 or c.patnum <> t.patnum",
    )
    assert unlinked == 0


def test_patient_fields_fill_their_share(raw: duckdb.DuckDBPyConnection) -> None:
    seen = _count(raw, "select count(*) from raw.patient where patstatus <> 4")
    for name, _, values, share in PATIENT_FIELDS:
        n = _count(raw, f"select count(*) from raw.patfield where fieldname = '{name}'")
        assert n > 0, name
        assert n / seen < 2 * share + 0.02, name
        if values and name != "School":
            outside = int(
                scalar(  # type: ignore[call-overload]
                    raw,
                    "select count(*) from raw.patfield where fieldname = $1 "
                    "and not list_contains($2, fieldvalue)",
                    [name, list(values)],
                )
            )
            assert outside == 0, name
    adults_at_school = _count(
        raw,
        "select count(*) from raw.patfield f join raw.patient p on p.patnum = f.patnum "
        f"where f.fieldname = 'School' and p.birthdate < date '{AS_OF}' - interval 19 year",
    )
    assert adults_at_school == 0
    assert _count(raw, "select count(distinct fieldname) from raw.patfielddef") == _count(
        raw, "select count(*) from raw.patfielddef"
    )


def test_logins_belong_to_current_staff_of_the_same_name(raw: duckdb.DuckDBPyConnection) -> None:
    """Each front-desk and hygienist login points at a current employee: the hygienist's is the
    provider's own person, the front desk's carries the employee's first name."""
    rows = raw.execute(
        "select u.username, u.provnum, e.fname, e.lname, e.ishidden, p.fname, p.lname "
        "from raw.userod u join raw.employee e on e.employeenum = u.employeenum "
        "left join raw.provider p on p.provnum = u.provnum"
    ).fetchall()
    unlinked_staff = _count(
        raw,
        "select count(*) from raw.userod u left join raw.provider p on p.provnum = u.provnum "
        "where u.employeenum = 0 and (u.usergroupnum = 2 or p.issecondary = 1)",
    )
    linked_dentists = _count(
        raw,
        "select count(*) from raw.userod u join raw.provider p on p.provnum = u.provnum "
        "where u.employeenum <> 0 and p.issecondary = 0",
    )
    assert rows and unlinked_staff == 0 and linked_dentists == 0
    for username, provnum, first, last, hidden, prov_first, prov_last in rows:
        assert hidden == 0
        if provnum:
            assert (first, last) == (prov_first, prov_last)
        else:
            assert username.startswith(first.lower())
