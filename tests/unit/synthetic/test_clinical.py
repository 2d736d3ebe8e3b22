"""The clinical record: perio charts that follow the patient's state, notes on completed work,
active plans that hold the still-planned procedures, lab cases dated around their seat visit,
health histories with stated prevalences, and the realism figures the clinical rules move."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest
from tests.unit.synthetic.generated import AS_OF, SEED, scalar

from dental_analytics.synthetic.clinical_params import (
    ALLERGIES,
    CLINICAL_VOLUMES,
    LAB_WORK,
    NOTE_EDITED_P,
    SRP_WINDOW_DAYS,
)
from dental_analytics.synthetic.generate import generate


def _value(raw: duckdb.DuckDBPyConnection, sql: str) -> float:
    return float(scalar(raw, sql))  # type: ignore[arg-type]


@pytest.mark.parametrize("name", sorted(CLINICAL_VOLUMES))
def test_clinical_volumes_within_half_and_twice(raw: duckdb.DuckDBPyConnection, name: str) -> None:
    count = _value(raw, f"select count(*) from raw.{name}")
    assert 0.5 * CLINICAL_VOLUMES[name] <= count <= 2 * CLINICAL_VOLUMES[name], (name, count)


def test_probing_charts_six_sites_on_every_tooth_present(raw: duckdb.DuckDBPyConnection) -> None:
    rows = raw.execute(
        """
        select count(*),
            count(case when least(mbvalue, bvalue, dbvalue, mlvalue, lvalue, dlvalue) < 1
                or greatest(mbvalue, bvalue, dbvalue, mlvalue, lvalue, dlvalue) > 10 then 1 end),
            count(distinct perioexamnum)
        from raw.periomeasure where sequencetype = 4
        """
    ).fetchone()
    assert rows is not None
    assert rows[0] > 0 and rows[1] == 0
    assert rows[2] == _value(raw, "select count(*) from raw.perioexam")
    # No tooth charted missing is probed; each is skipped instead.
    probed_missing = _value(
        raw,
        """
        select count(*) from raw.periomeasure m
        join raw.perioexam e on e.perioexamnum = m.perioexamnum
        join raw.toothinitial t on t.patnum = e.patnum and t.initialtype = 0
            and cast(t.toothnum as integer) = m.inttooth
        where m.sequencetype = 4
        """,
    )
    assert probed_missing == 0


def test_pockets_are_deep_before_scaling_and_healthy_after(raw: duckdb.DuckDBPyConnection) -> None:
    rows = raw.execute(
        f"""
        with sites as (
            select m.perioexamnum, unnest([mbvalue, bvalue, dbvalue, mlvalue, lvalue, dlvalue]) as d
            from raw.periomeasure m where m.sequencetype = 4
        ),
        srp as (
            select p.patnum, p.procdate from raw.procedurelog p
            join raw.procedurecode c on c.codenum = p.codenum
            where c.proccode in ('D4341', 'D4342') and p.procstatus = 2
        ),
        exams as (
            select e.perioexamnum, exists (
                select 1 from srp where srp.patnum = e.patnum
                and srp.procdate between e.examdate and e.examdate + {SRP_WINDOW_DAYS}
            ) as before_srp
            from raw.perioexam e
        )
        select exams.before_srp, avg(case when d >= 5 then 1.0 else 0 end)
        from sites join exams using (perioexamnum) group by 1
        """
    ).fetchall()
    share = dict(rows)
    assert 0.1 <= share[True] <= 0.45  # untreated periodontitis: many 5 mm+ sites
    assert share[False] <= 0.05  # maintenance: a few residual pockets


def test_notes_only_on_completed_procedures_in_time(raw: duckdb.DuckDBPyConnection) -> None:
    wrong = _value(
        raw,
        f"""
        select count(*) from raw.procnote n join raw.procedurelog p on p.procnum = n.procnum
        where p.procstatus <> 2 or p.patnum <> n.patnum
            or cast(n.entrydatetime as date) < p.procdate
            or cast(n.entrydatetime as date) > date '{AS_OF}'
        """,
    )
    assert wrong == 0
    completed = _value(raw, "select count(*) from raw.procedurelog where procstatus = 2")
    noted = _value(raw, "select count(distinct procnum) from raw.procnote")
    assert 0.8 <= noted / completed <= 0.99
    edited = _value(
        raw,
        "select count(*) from (select procnum from raw.procnote group by 1 having count(*) > 1) x",
    )
    assert 0.5 * NOTE_EDITED_P <= edited / noted <= 1.5 * NOTE_EDITED_P
    unsigned = _value(
        raw, "select avg(case when signature = '' then 1.0 else 0 end) from raw.procnote"
    )
    assert 0.01 <= unsigned <= 0.1


def test_active_plans_hold_the_patients_planned_procedures(raw: duckdb.DuckDBPyConnection) -> None:
    wrong = _value(
        raw,
        """
        select count(*) from raw.treatplanattach a
        join raw.treatplan t on t.treatplannum = a.treatplannum
        join raw.procedurelog p on p.procnum = a.procnum
        where t.tpstatus <> 1 or p.procstatus <> 1 or p.patnum <> t.patnum
        """,
    )
    assert wrong == 0
    assert _value(raw, "select count(*) from raw.treatplanattach") > 0
    bad_priority = _value(
        raw,
        """
        select count(*) from raw.treatplanattach a
        left join raw.definition d on d.defnum = a.priority
        where a.priority <> 0 and d.defnum is null
        """,
    )
    assert bad_priority == 0


def test_accepted_plans_are_signed(raw: duckdb.DuckDBPyConnection) -> None:
    rows = raw.execute(
        """
        with accepted as (
            select distinct t.treatplannum from raw.treatplan t
            join raw.proctp l on l.treatplannum = t.treatplannum
            join raw.procedurelog p on p.procnum = l.procnumorig
            where p.aptnum <> 0
        )
        select t.treatplannum in (select treatplannum from accepted),
            avg(case when t.datetsigned > timestamp '1900-01-01' then 1.0 else 0 end),
            count(case when (t.signature = '') <> (t.datetsigned < timestamp '1900-01-01') then 1 end)
        from raw.treatplan t where t.tpstatus = 0 group by 1
        """
    ).fetchall()
    share = {r[0]: r[1] for r in rows}
    assert all(r[2] == 0 for r in rows)  # a signature and its time go together
    assert 0.8 <= share[True] <= 0.97
    assert share[False] <= 0.2


def test_lab_cases_are_dated_around_their_seat_visit(raw: duckdb.DuckDBPyConnection) -> None:
    wrong = _value(
        raw,
        """
        select count(*) from raw.labcase l join raw.appointment a on a.aptnum = l.aptnum
        where l.patnum <> a.patnum or l.datetimecreated > a.aptdatetime
            or (l.datetimesent > timestamp '1900-01-01' and l.datetimesent < l.datetimecreated)
            or (l.datetimerecd > timestamp '1900-01-01'
                and (l.datetimerecd < l.datetimesent or l.datetimerecd > a.aptdatetime))
            or (l.datetimechecked > timestamp '1900-01-01' and l.datetimechecked < l.datetimerecd)
        """,
    )
    assert wrong == 0
    assert _value(raw, "select count(*) from raw.labcase") > 100
    low = min(r[0] for _, r in LAB_WORK.values())
    assert _value(raw, "select min(labfee) from raw.labcase") >= low
    # Every case is seated at a visit with lab-made work on it.
    without_lab_work = _value(
        raw,
        """
        select count(*) from raw.labcase l where not exists (
            select 1 from raw.procedurelog p join raw.procedurecode c on c.codenum = p.codenum
            where p.aptnum = l.aptnum and (c.proccode like 'D2%' or c.proccode like 'D5%'
                or c.proccode like 'D6%' or c.proccode = 'D9944')
        )
        """,
    )
    assert without_lab_work == 0


def test_health_history_follows_age_and_stated_prevalence(raw: duckdb.DuckDBPyConnection) -> None:
    rows = raw.execute(
        f"""
        with seen as (select distinct patnum from raw.procedurelog where procstatus = 2),
        people as (
            select p.patnum, date_diff('year', p.birthdate, date '{AS_OF}') as age
            from raw.patient p join seen using (patnum)
        )
        select age >= 65, avg(case when exists (
            select 1 from raw.disease d join raw.diseasedef dd using (diseasedefnum)
            where d.patnum = people.patnum and dd.diseasename = 'Hypertension'
        ) then 1.0 else 0 end)
        from people where age >= 18 group by 1
        """
    ).fetchall()
    share = dict(rows)
    assert share[True] > 2 * share[False]  # hypertension rises with age
    seen = _value(raw, "select count(distinct patnum) from raw.procedurelog where procstatus = 2")
    pen = _value(
        raw,
        "select count(*) from raw.allergy a join raw.allergydef d using (allergydefnum) "
        "where d.description = 'Penicillin'",
    )
    assert abs(pen / seen - ALLERGIES["Penicillin"][1]) < 0.03
    bad_dates = _value(
        raw,
        "select count(*) from raw.medicationpat "
        "where datestop > date '1900-01-01' and datestop < datestart",
    )
    assert bad_dates == 0


def test_realism_perio_share_and_case_acceptance(raw: duckdb.DuckDBPyConnection) -> None:
    perio_share = _value(
        raw,
        """
        with v as (
            select p.patnum, p.procdate,
                max(case when c.proccode in ('D4341', 'D4342', 'D4910') then 1 else 0 end) as perio
            from raw.procedurelog p join raw.procedurecode c on c.codenum = p.codenum
            where p.procstatus = 2 and c.proccode in ('D1110', 'D1120', 'D4341', 'D4342', 'D4910')
            group by 1, 2
        )
        select avg(perio) from v
        """,
    )
    assert 0.2 <= perio_share <= 0.3  # DESIGN.md: ~25% of hygiene visits
    acceptance = _value(
        raw,
        f"""
        select sum(case when p.procstatus = 2 or (p.procstatus = 1 and a.aptstatus = 1)
                then p.procfee * (p.unitqty + p.baseunits) else 0 end)
            / sum(p.procfee * (p.unitqty + p.baseunits))
        from raw.procedurelog p join raw.procedurecode c on c.codenum = p.codenum
        left join raw.appointment a on a.aptnum = p.aptnum
        where p.procstatus in (1, 2, 6, 8) and c.proccode between 'D2000' and 'D8999'
            and c.proccode not in ('D4346', 'D4910')
            and case when p.procstatus = 2 then p.procdate else p.datetp end <= date '{AS_OF}'
        """,
    )
    assert 0.38 <= acceptance <= 0.52  # DESIGN.md: ~45% typical


def test_health_history_lists_are_practice_wide() -> None:
    totals: dict[str, int] = {}
    for batch in generate(2, SEED, dt.date(2026, 11, 24)):
        for name, data in batch.items():
            totals[name] = totals.get(name, 0) + data.num_rows
    assert totals["medication"] == 25
    assert totals["allergydef"] == len(ALLERGIES)
    assert totals["laboratory"] == 6  # each unit's own labs


BRANCHES = {
    # the perio chart's sequences the models read or skip
    "probing rows": "select count(*) from raw.periomeasure where sequencetype = 4",
    "bleeding rows": "select count(*) from raw.periomeasure where sequencetype = 6",
    "gum margin rows": "select count(*) from raw.periomeasure where sequencetype = 2",
    "mobility rows": "select count(*) from raw.periomeasure where sequencetype = 0",
    "furcation rows": "select count(*) from raw.periomeasure where sequencetype = 1",
    "skipped teeth": "select count(*) from raw.periomeasure where sequencetype = 5",
    "exams without deep pockets": """
        select count(*) from raw.perioexam e where not exists (
            select 1 from raw.periomeasure m where m.perioexamnum = e.perioexamnum
            and m.sequencetype = 4
            and greatest(mbvalue, bvalue, dbvalue, mlvalue, lvalue, dlvalue) >= 5)""",
    # procedure notes: signed, unsigned, edited, shared through a group note, missing
    "signed notes": "select count(*) from raw.procnote where signature <> ''",
    "unsigned notes": "select count(*) from raw.procnote where signature = ''",
    "edited notes": """
        select count(*) from (select procnum from raw.procnote group by 1 having count(*) > 1) x""",
    "group-note members": "select count(*) from raw.procgroupitem",
    "completed without a note": """
        select count(*) from raw.procedurelog p where p.procstatus = 2
        and not exists (select 1 from raw.procnote n where n.procnum = p.procnum)""",
    # plans and their attachments
    "signed plans": "select count(*) from raw.treatplan where signature <> ''",
    "unsigned plans": "select count(*) from raw.treatplan where signature = ''",
    "attachments with a priority": "select count(*) from raw.treatplanattach where priority <> 0",
    # lab cases at each step
    "cases received": "select count(*) from raw.labcase where datetimerecd > '1900-01-01'",
    "cases still out": "select count(*) from raw.labcase where datetimerecd < '1900-01-01'",
    "cases back late": "select count(*) from raw.labcase where datetimerecd > datetimedue",
    "cases seated at a booked visit": """
        select count(*) from raw.labcase l join raw.appointment a on a.aptnum = l.aptnum
        where a.aptstatus = 1""",
    # health history states
    "active problems": "select count(*) from raw.disease where probstatus = 0",
    "resolved problems": "select count(*) from raw.disease where probstatus = 1",
    "stopped medications": "select count(*) from raw.medicationpat where datestop > '1900-01-01'",
    "inactive allergies": "select count(*) from raw.allergy where statusisactive = 0",
    "premedication problems": """
        select count(*) from raw.disease d join raw.diseasedef dd using (diseasedefnum)
        where dd.diseasename in ('Prosthetic heart valve', 'History of infective endocarditis')""",
}


@pytest.mark.parametrize("branch", sorted(BRANCHES))
def test_every_clinical_branch_has_rows(raw: duckdb.DuckDBPyConnection, branch: str) -> None:
    """Each case the clinical models tell apart occurs in the generated practice at scale 1."""
    assert _value(raw, BRANCHES[branch]) > 0, branch
