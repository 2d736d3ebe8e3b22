"""Patients of record in families, their home office and providers, and their insurance.

One rule per step of taking on a family, in `build_patients`'s order: `form_families`,
`describe_people`, `assign_home_office`, `first_arrivals`, `enroll_insurance` (the subscriptions),
`attach_coverage` (each patient's plans), `choose_fee_schedule`, `write_patients`. Rates live in
`params`.

On a simulated day the same steps take on the families who join that day (`join_practice`), at
history's rate of new patients (`new_patients_per_day`), with the offices, plans and fee schedules
the practice's state shows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any, Protocol

import numpy as np

from dental_analytics.opendental import table
from dental_analytics.synthetic import names
from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.context import (
    Bools,
    Calendar,
    Days,
    Ints,
    KeyCounter,
    Strings,
    at_minute,
    choice_p,
)
from dental_analytics.synthetic.frame import NO_DATE, Frame
from dental_analytics.synthetic.offices import Offices
from dental_analytics.synthetic.params import (
    CHILD_AGE_RANGE,
    CLINICS_PER_UNIT,
    CONTACT_METHOD_P,
    COVERAGE_END_FOUND_DAYS,
    COVERAGE_ENDS_PER_YEAR,
    DENTIST_WORKDAYS_PER_WEEK,
    DUAL_COVERAGE_P,
    EXISTING_FIRST_VISIT_WINDOW_DAYS,
    EXISTING_PATIENT_SHARE,
    FAMILY_ARRIVAL_SPREAD_DAYS,
    FAMILY_SIZE_P,
    FEMALE_SHARE,
    GUARANTOR_AGE_RANGE,
    HISTORY_YEARS,
    HYGIENIST_WORKDAYS_PER_WEEK,
    INSURED_FAMILY_P,
    MEDICAID_TERTIARY_P,
    NEW_ARRIVALS_AFTER_AS_OF_DAYS,
    NEW_PATIENT_ENTERED_DAYS_AHEAD,
    NO_EMAIL_P,
    NO_EMAIL_SENIOR_P,
    OFFICE_OPEN_DAYS_PER_WEEK,
    PATIENT_STATUS_P,
    PATIENTS_PER_UNIT,
    PERIO_PATIENT_SHARE,
    SENIOR_AGE,
)
from dental_analytics.synthetic.practice import CASH, FEE_SCHEDULES, STANDARD, Practice
from dental_analytics.synthetic.state import PracticeState

_STATUS = table("patient").enum("PatStatus")
_POSITION = table("patient").enum("Position")
_RELATION = table("patplan").enum("Relationship")


class Chart(Protocol):
    """Patient columns by OpenDental name: a `Frame` of patients, or a live practice's."""

    def __getitem__(self, name: str) -> Any: ...


class HomeOffices(Protocol):
    """The offices a family can call home, and the providers each one's patients see."""

    @property
    def clinic_num(self) -> Ints: ...

    def dentists_of(self, clinic: int) -> Ints: ...

    def hygienists_of(self, clinic: int) -> Ints: ...


@dataclass
class Patients:
    frame: Frame  # added to the output once balances are known
    pat_num: Ints
    guarantor: Ints
    family: Ints  # family index 0..families-1
    clinic: Ints
    dentist: Ints
    hygienist: Ints
    birthdate: Days
    is_child: Bools
    status: Ints
    arrival: Days  # first visit inside the generated history (or later: prospective)
    is_new: Bools  # first visit ever falls inside the history
    is_perio: Bools
    fee_sched: Ints
    plan: Ints  # index into practice plans of the primary plan, -1 uninsured
    plan2: Ints  # secondary plan index, -1 none
    ins_sub: Ints  # InsSubNum of the primary coverage, 0 none
    ins_sub2: Ints
    relation1: Ints  # patplan Relationship code to the primary coverage's subscriber
    relation2: Ints  # ... and to the secondary's
    referral_source: Ints  # filled in by the referrals step
    plan_end: Days  # the primary coverage's last day (its DateTerm), NO_DATE while it lasts

    @property
    def n(self) -> int:
        return len(self.pat_num)

    @property
    def insured(self) -> Bools:
        return self.plan >= 0

    def index_of(self, pat_num: Ints) -> Ints:
        return (pat_num - self.pat_num[0]).astype(np.int64)

    def plan_on(self, pat: Ints, day: Days) -> Ints:
        """The primary plan (index, -1 none) covering each patient `pat` (index) on `day`:
        none after the coverage's last day."""
        end = self.plan_end[pat]
        return np.where((end == NO_DATE) | (day <= end), self.plan[pat], -1)


def _contact_methods(rng: np.random.Generator, n: int) -> Ints:
    """OpenDental ContactMethod codes in the mix of how patients want to be reached."""
    enum = table("patient").enum("PreferContactMethod")
    names = list(CONTACT_METHOD_P)
    codes = np.array([enum.code(name) for name in names])
    p = np.array(list(CONTACT_METHOD_P.values()))
    return codes[rng.choice(len(names), n, p=p / p.sum())]


@dataclass(frozen=True)
class Families:
    """Who belongs to which family, and each member's place in it."""

    sizes: Ints
    family: Ints  # per patient: family index
    rank: Ints  # 0 = guarantor, 1 = spouse or child, ...
    pat_num: Ints
    guarantor: Ints
    has_spouse: Bools  # per family
    is_spouse: Bools
    is_child: Bools

    @property
    def n_fam(self) -> int:
        return len(self.sizes)

    @property
    def first_member(self) -> Ints:
        return np.cumsum(self.sizes) - self.sizes


@dataclass(frozen=True)
class People:
    """Each patient's age, name, sex, position in the family and status."""

    age: Ints
    birthdate: Days
    female: Bools
    gender: Ints
    last_of_family: np.ndarray
    first: np.ndarray
    position: Ints
    status: Ints


@dataclass(frozen=True)
class Coverage:
    """Each patient's primary and secondary plan (-1 none), subscriptions and relationships."""

    plan: Ints
    plan2: Ints
    ins_sub: Ints
    ins_sub2: Ints
    relation1: Ints
    relation2: Ints


def build_patients(
    n: int,
    cal: Calendar,
    practice: Practice,
    offices: Offices,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> Patients:
    """The practice's patients: families, who they are, their office, arrival and insurance.

    The patient rows are returned, not yet written: balances are filled in once the ledger
    exists, and new patients' first visits once their visits do.
    """
    fam = form_families(n, keys, rng)
    people = describe_people(cal, fam, rng)
    clinic, dentist, hygienist = assign_home_office(offices, fam, rng)
    dentist, hygienist = see_visiting_providers(
        offices, clinic, dentist, hygienist, rng.spawn(1)[0]
    )
    fam_arrival, arrival, is_new = first_arrivals(cal, fam, rng)
    is_perio = perio_patients(fam, people, rng)
    coverage = enroll_insurance(
        cal, practice.plan_num, offices.user_num, fam, fam_arrival, keys, rng, out
    )
    attach_coverage(cal, fam, coverage, arrival, keys, out)
    plan_end = end_coverage(cal, practice, fam, coverage, arrival, rng.spawn(1)[0], out)
    fee_sched = choose_fee_schedule(practice.fee_sched_num, coverage.plan, rng)
    # Existing patients were entered years before the history; new ones a week before their
    # first visit (moved back to their first booking once their visits exist).
    entered = np.minimum(arrival, cal.today) - np.where(
        is_new, NEW_PATIENT_ENTERED_DAYS_AHEAD, 365 * 4
    ).astype("timedelta64[D]")
    frame = write_patients(
        cal, practice.defs("BillingTypes"), practice.employer_num, offices.user_num, fam, people,
        coverage, clinic, dentist, hygienist, arrival, is_new, fee_sched, entered, rng,
    )  # fmt: skip
    add_medicaid_as_tertiary(
        cal, practice, offices.user_num, fam, coverage, arrival, keys, rng, out
    )
    return Patients(
        frame=frame,
        pat_num=fam.pat_num,
        guarantor=fam.guarantor,
        family=fam.family,
        clinic=clinic,
        dentist=dentist,
        hygienist=hygienist,
        birthdate=people.birthdate,
        is_child=fam.is_child,
        status=people.status,
        arrival=arrival,
        is_new=is_new,
        is_perio=is_perio,
        fee_sched=fee_sched,
        plan=coverage.plan,
        plan2=coverage.plan2,
        ins_sub=coverage.ins_sub,
        ins_sub2=coverage.ins_sub2,
        relation1=coverage.relation1,
        relation2=coverage.relation2,
        referral_source=np.zeros(n, np.int64),
        plan_end=plan_end,
    )


def end_coverage(
    cal: Calendar,
    practice: Practice,
    fam: Families,
    coverage: Coverage,
    arrival: Days,
    rng: np.random.Generator,
    out: ChangeSet,
) -> Days:
    """Some families with one plan lose it during the history (`COVERAGE_ENDS_PER_YEAR` from
    the family's first visit): the office enters the subscription's last day (inssub.DateTerm)
    once the carrier's rejection tells it (`COVERAGE_END_FOUND_DAYS` later) and keeps the
    patient's plan on file, so the family is self-pay from the day after the last. A
    capitation plan's members are left as they are (the carrier pays for them by the month).
    Returns each patient's last covered day, NO_DATE where coverage goes on."""
    n_fam = fam.n_fam
    guarantor_row = fam.first_member
    plan = coverage.plan[guarantor_row]
    dual = np.bincount(fam.family, weights=coverage.plan2 >= 0, minlength=n_fam) > 0
    eligible = (plan >= 0) & ~dual & ~practice.plan_is_capitation[np.maximum(plan, 0)]
    since = np.maximum(arrival[guarantor_row], cal.start)
    years = rng.exponential(1 / COVERAGE_ENDS_PER_YEAR, n_fam)
    last_day = since + np.round(years * 365).astype("timedelta64[D]")
    ends = eligible & (last_day < cal.today)
    found = np.minimum(last_day[ends] + np.timedelta64(COVERAGE_END_FOUND_DAYS, "D"), cal.today)
    out.amend(
        "inssub",
        coverage.ins_sub[guarantor_row[ends]],
        {"DateTerm": last_day[ends], "SecDateTEdit": at_minute(found, 11 * 60)},
    )
    fam_end = np.where(ends, last_day, NO_DATE)
    return fam_end[fam.family]


def form_families(n: int, keys: KeyCounter, rng: np.random.Generator) -> Families:
    """`n` patients in families: a guarantor, often a spouse, and children."""
    sizes = choice_p(rng, FAMILY_SIZE_P, n).astype(np.int64)
    sizes = sizes[np.cumsum(sizes) <= n]
    sizes = np.append(sizes, n - sizes.sum()) if sizes.sum() < n else sizes
    n_fam = len(sizes)
    family = np.repeat(np.arange(n_fam), sizes)
    rank = np.arange(n) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    pat_num = keys.take("patient", n)
    has_spouse = (sizes >= 2) & (rng.random(n_fam) < 0.75)
    is_spouse = (rank == 1) & has_spouse[family]
    return Families(
        sizes=sizes,
        family=family,
        rank=rank,
        pat_num=pat_num,
        guarantor=pat_num[(np.cumsum(sizes) - sizes)][family],
        has_spouse=has_spouse,
        is_spouse=is_spouse,
        is_child=(rank >= 1) & ~is_spouse,
    )


def describe_people(cal: Calendar, fam: Families, rng: np.random.Generator) -> People:
    """Ages near the guarantor's (children younger), names, sex and status."""
    n, n_fam, family, is_child = len(fam.family), fam.n_fam, fam.family, fam.is_child
    g_age = rng.integers(*GUARANTOR_AGE_RANGE, n_fam)
    age = np.where(
        is_child,
        rng.integers(*CHILD_AGE_RANGE, n),
        np.clip(g_age[family] + rng.integers(-6, 7, n), 19, 90),
    )
    birthdate = cal.today - (age * 365.25 + rng.integers(0, 365, n)).astype("timedelta64[D]")
    female = np.where(fam.is_spouse, rng.random(n) < 0.9, rng.random(n) < FEMALE_SHARE)
    gender = np.where(rng.random(n) < 0.01, 2, np.where(female, 1, 0))
    last_of_family = names.pick(rng, names.LAST, n_fam)
    first = np.where(
        female, names.pick(rng, names.FIRST_FEMALE, n), names.pick(rng, names.FIRST_MALE, n)
    )
    position = np.where(
        is_child,
        _POSITION.code("Child"),
        np.where(fam.has_spouse[family], _POSITION.code("Married"), _POSITION.code("Single")),
    )
    status_name = choice_p(rng, PATIENT_STATUS_P, n)
    status_name[is_child & (status_name == "Deceased")] = "Patient"
    status = np.array([_STATUS.code(s) for s in status_name])
    return People(age, birthdate, female, gender, last_of_family, first, position, status)


def assign_home_office(
    offices: HomeOffices, fam: Families, rng: np.random.Generator
) -> tuple[Ints, Ints, Ints]:
    """(clinic, dentist, hygienist) per patient: a family shares its office."""
    n = len(fam.family)
    fam_clinic = offices.clinic_num[rng.integers(0, len(offices.clinic_num), fam.n_fam)]
    clinic = fam_clinic[fam.family]
    dentist = np.empty(n, np.int64)
    hygienist = np.empty(n, np.int64)
    for k in offices.clinic_num:
        members = np.flatnonzero(clinic == k)
        dentist[members] = rng.choice(offices.dentists_of(k), len(members))
        hygienist[members] = rng.choice(offices.hygienists_of(k), len(members))
    return clinic, dentist, hygienist


def see_visiting_providers(
    offices: Offices, clinic: Ints, dentist: Ints, hygienist: Ints, rng: np.random.Generator
) -> tuple[Ints, Ints]:
    """(dentist, hygienist) per patient, some of an office's patients given to the provider who
    visits it a day a week (`offices.roam_providers`): the visitor's share of the office's
    provider days of that kind (one day against five a week per resident dentist, four per
    resident hygienist), so the visitor's book there fills about that day."""
    dentist, hygienist = dentist.copy(), hygienist.copy()
    roaming = offices.roaming
    for p, c in zip(roaming.provider.tolist(), roaming.clinic.tolist(), strict=True):
        is_hygienist = bool(offices.provider_is_hygienist[offices.provider_num == p][0])
        if is_hygienist:
            residents, week, seen_by = (
                offices.hygienists_of(c),
                HYGIENIST_WORKDAYS_PER_WEEK,
                hygienist,
            )
        else:
            residents, week, seen_by = offices.dentists_of(c), DENTIST_WORKDAYS_PER_WEEK, dentist
        share = 1 / (len(residents) * week + 1)
        members = np.flatnonzero(clinic == c)
        seen_by[members[rng.random(len(members)) < share]] = p
    return dentist, hygienist


def first_arrivals(
    cal: Calendar, fam: Families, rng: np.random.Generator
) -> tuple[Days, Days, Bools]:
    """(family arrival, patient arrival, is new): existing patients start in the first months,
    new families arrive evenly over the history."""
    n_fam = fam.n_fam
    fam_existing = rng.random(n_fam) < EXISTING_PATIENT_SHARE
    fam_arrival = np.where(
        fam_existing,
        cal.start
        + rng.integers(0, EXISTING_FIRST_VISIT_WINDOW_DAYS, n_fam).astype("timedelta64[D]"),
        cal.start
        + rng.integers(0, cal.history_days + NEW_ARRIVALS_AFTER_AS_OF_DAYS, n_fam).astype(
            "timedelta64[D]"
        ),
    )
    return fam_arrival, member_arrivals(fam, fam_arrival, rng), ~fam_existing[fam.family]


def member_arrivals(fam: Families, fam_arrival: Days, rng: np.random.Generator) -> Days:
    """Each patient's first visit: the family's members come within three weeks of each other."""
    spread = rng.integers(0, FAMILY_ARRIVAL_SPREAD_DAYS, len(fam.family))
    return fam_arrival[fam.family] + spread.astype("timedelta64[D]")


def perio_patients(fam: Families, people: People, rng: np.random.Generator) -> Bools:
    """Adults over thirty with periodontal disease, seen for perio maintenance."""
    n = len(fam.family)
    return ~fam.is_child & (people.age >= 30) & (rng.random(n) < PERIO_PATIENT_SHARE * 1.4)


def enroll_insurance(
    cal: Calendar,
    plan_num: Ints,
    user_num: Ints,
    fam: Families,
    fam_arrival: Days,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
    entered: np.datetime64 | None = None,
) -> Coverage:
    """The guarantor's employer plan (of the practice's `plan_num`) covers the family; some
    spouses have their own (inssub). The subscriptions are entered a month after they take
    effect, by the as-of date at the latest, or on `entered` (a family joining on a simulated
    day brings the coverage it already has)."""
    n_fam, family, sizes, pat_num = fam.n_fam, fam.family, fam.sizes, fam.pat_num
    n_plans = len(plan_num)
    fam_insured = rng.random(n_fam) < INSURED_FAMILY_P
    fam_plan = np.where(fam_insured, rng.integers(0, n_plans, n_fam), -1)
    fam_dual = fam_insured & fam.has_spouse & (rng.random(n_fam) < DUAL_COVERAGE_P / 0.75)
    fam_plan2 = np.where(fam_dual, (fam_plan + rng.integers(1, n_plans, n_fam)) % n_plans, -1)
    plan = fam_plan[family]
    plan2 = np.where(fam.is_spouse | fam.is_child, fam_plan2[family], -1)

    sub_fam = np.flatnonzero(fam_insured)
    sub2_fam = np.flatnonzero(fam_dual)
    n_sub = len(sub_fam) + len(sub2_fam)
    sub_num = keys.take("inssub", n_sub)
    fam_sub = np.zeros(n_fam, np.int64)
    fam_sub[sub_fam] = sub_num[: len(sub_fam)]
    fam_sub2 = np.zeros(n_fam, np.int64)
    fam_sub2[sub2_fam] = sub_num[len(sub_fam) :]
    first_member = np.cumsum(sizes) - sizes
    subscriber = np.concatenate(
        [pat_num[first_member[sub_fam]], pat_num[first_member[sub2_fam] + 1]]
    )
    sub_plan = np.concatenate([fam_plan[sub_fam], fam_plan2[sub2_fam]])
    # A plan takes effect before the family's first visit: years before for most, within the
    # history for a family that came with a new job's plan.
    effective = fam_arrival[np.concatenate([sub_fam, sub2_fam])] - rng.integers(
        30, 2000, n_sub
    ).astype("timedelta64[D]")
    s = Frame("inssub", n_sub)
    s.update(
        {
            "InsSubNum": sub_num,
            "PlanNum": plan_num[sub_plan],
            "Subscriber": subscriber,
            "DateEffective": effective,
            "ReleaseInfo": 1,
            "AssignBen": 1,
            "SubscriberID": np.array(
                [f"W{x:09d}" for x in rng.integers(0, 999_999_999, n_sub)], dtype=object
            ),
            "SecUserNumEntry": rng.choice(user_num, n_sub),
        }
    )
    on = np.minimum(effective + np.timedelta64(30, "D"), cal.today) if entered is None else entered
    s.stamp(at_minute(np.broadcast_to(on, n_sub), 10 * 60))
    if n_sub:
        out.add(s)
    ins_sub = np.where(plan >= 0, fam_sub[family], 0)
    # Within a dual-coverage family the spouse's own plan is primary for the spouse.
    ins_sub2 = np.where(plan2 >= 0, fam_sub2[family], 0)
    swap = fam.is_spouse & (plan2 >= 0)
    plan[swap], plan2[swap] = plan2[swap], plan[swap].copy()
    ins_sub[swap], ins_sub2[swap] = ins_sub2[swap], ins_sub[swap].copy()
    relation = np.where(
        fam.rank == 0,
        _RELATION.code("Self"),
        np.where(fam.is_spouse, _RELATION.code("Spouse"), _RELATION.code("Child")),
    )
    # How the patient is related to each coverage's subscriber (a spouse with their own plan is
    # its subscriber, and the spouse of the family's plan).
    return Coverage(
        plan=plan,
        plan2=plan2,
        ins_sub=ins_sub,
        ins_sub2=ins_sub2,
        relation1=np.where(swap, _RELATION.code("Self"), relation),
        relation2=np.where(swap, _RELATION.code("Spouse"), relation),
    )


def attach_coverage(
    cal: Calendar,
    fam: Families,
    coverage: Coverage,
    arrival: Days,
    keys: KeyCounter,
    out: ChangeSet,
) -> None:
    """patplan: ordinal 1 for every insured patient, ordinal 2 for dual coverage."""
    who1 = np.flatnonzero(coverage.plan >= 0)
    who2 = np.flatnonzero(coverage.plan2 >= 0)
    n_pp = len(who1) + len(who2)
    pp = Frame("patplan", n_pp)
    pp_pat = np.concatenate([who1, who2])
    pp.update(
        {
            "PatPlanNum": keys.take("patplan", n_pp),
            "PatNum": fam.pat_num[pp_pat],
            "Ordinal": np.concatenate([np.ones(len(who1), np.int64), np.full(len(who2), 2)]),
            "Relationship": np.concatenate([coverage.relation1[who1], coverage.relation2[who2]]),
            "InsSubNum": np.concatenate([coverage.ins_sub[who1], coverage.ins_sub2[who2]]),
        }
    )
    pp.stamp(at_minute(np.minimum(arrival[pp_pat], cal.today), 9 * 60))
    if n_pp:
        out.add(pp)


def add_medicaid_as_tertiary(
    cal: Calendar,
    practice: Practice,
    user_num: Ints,
    fam: Families,
    coverage: Coverage,
    arrival: Days,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """Some children covered by both parents' plans are also on their state's Medicaid or CHIP
    (`MEDICAID_TERTIARY_P`): the child is its subscriber, and it pays last (patplan ordinal 3).
    The practice bills only the primary and secondary plans for them; Medicaid stays on file."""
    medicaid = np.flatnonzero(practice.plan_is_medicaid)
    dual_child = np.flatnonzero(fam.is_child & (coverage.plan2 >= 0))
    who = dual_child[rng.random(len(dual_child)) < MEDICAID_TERTIARY_P]
    n = len(who)
    if not n or not len(medicaid):
        return
    sub_num = keys.take("inssub", n)
    effective = arrival[who] - rng.integers(30, 1500, n).astype("timedelta64[D]")
    s = Frame("inssub", n)
    s.update(
        {
            "InsSubNum": sub_num,
            "PlanNum": practice.plan_num[rng.choice(medicaid, n)],
            "Subscriber": fam.pat_num[who],
            "DateEffective": effective,
            "ReleaseInfo": 1,
            "AssignBen": 1,
            # State Medicaid IDs: the card's member number.
            "SubscriberID": np.array(
                [f"M{x:010d}" for x in rng.integers(0, 9_999_999_999, n)], dtype=object
            ),
            "SecUserNumEntry": rng.choice(user_num, n),
        }
    )
    s.stamp(at_minute(np.minimum(effective + np.timedelta64(30, "D"), cal.today), 10 * 60))
    out.add(s)
    pp = Frame("patplan", n)
    pp.update(
        {
            "PatPlanNum": keys.take("patplan", n),
            "PatNum": fam.pat_num[who],
            "Ordinal": 3,
            "Relationship": _RELATION.code("Self"),
            "InsSubNum": sub_num,
        }
    )
    pp.stamp(at_minute(np.minimum(arrival[who], cal.today), 9 * 60))
    out.add(pp)


def choose_fee_schedule(fee_sched_num: Ints, plan: Ints, rng: np.random.Generator) -> Ints:
    """The PPO's allowed fees bill as the office's own; some cash patients get a discount
    (`fee_sched_num` by STANDARD / PPO / CASH)."""
    return np.where(
        plan >= 0,
        fee_sched_num[STANDARD],
        np.where(rng.random(len(plan)) < 0.15, fee_sched_num[CASH], fee_sched_num[STANDARD]),
    )


def write_patients(
    cal: Calendar,
    billing_types: Ints,
    employer_num: Ints,
    user_num: Ints,
    fam: Families,
    people: People,
    coverage: Coverage,
    clinic: Ints,
    dentist: Ints,
    hygienist: Ints,
    arrival: Days,
    is_new: Bools,
    fee_sched: Ints,
    entered: Days,
    rng: np.random.Generator,
) -> Frame:
    """The patient rows, entered into the chart on `entered` (balances are filled in once the
    ledger exists)."""
    n, n_fam, family, pat_num = len(fam.family), fam.n_fam, fam.family, fam.pat_num
    is_child, age, first, last_of_family = (
        fam.is_child,
        people.age,
        people.first,
        people.last_of_family,
    )
    plan, guarantor = coverage.plan, fam.guarantor
    city = rng.integers(0, len(names.CITIES), n_fam)[family]
    fam_phone = names.phone_numbers(rng, n_fam)
    email_user = np.char.lower(names.join(".", first, last_of_family[family]).astype(str))
    email = names.join("@", email_user.astype(object), names.pick(rng, names.EMAIL_DOMAINS, n))
    p = Frame("patient", n)
    p.update(
        {
            "PatNum": pat_num,
            "LName": last_of_family[family],
            "FName": first,
            "MiddleI": np.where(
                rng.random(n) < 0.3, names.pick(rng, list("ABCDEFGHJKLMNPRSTW"), n), ""
            ).astype(object),
            "Preferred": np.where(rng.random(n) < 0.1, first, "").astype(object),
            "PatStatus": people.status,
            "Gender": people.gender,
            "Position": people.position,
            "Birthdate": people.birthdate,
            "SSN": np.array([f"9{x:08d}" for x in rng.integers(0, 99_999_999, n)], dtype=object),
            "Address": names.street_addresses(rng, n_fam)[family],
            "City": np.array([names.CITIES[i][0] for i in city], dtype=object),
            "State": names.STATE,
            "Zip": np.array([names.CITIES[i][1] for i in city], dtype=object),
            "HmPhone": fam_phone[family],
            "WirelessPhone": np.where(
                is_child & (age < 14), "", names.phone_numbers(rng, n)
            ).astype(object),
            "Guarantor": guarantor,
            "Email": np.where(is_child & (age < 14), "", email).astype(object),
            "PriProv": dentist,
            "SecProv": hygienist,
            "FeeSched": fee_sched,
            "BillingType": billing_types[0],
            "ImageFolder": names.join("", last_of_family[family], first, pat_num.astype(object)),
            "StudentStatus": np.where(is_child & (age >= 18), "F", "").astype(object),
            "EmployerNum": np.where(
                plan >= 0, employer_num[rng.integers(0, len(employer_num), n)], 0
            ),
            "ClinicNum": clinic,
            "HasIns": np.where(plan >= 0, "I", "").astype(object),
            "PreferConfirmMethod": _contact_methods(rng, n),
            "PreferContactMethod": _contact_methods(rng, n),
            "PreferRecallMethod": _contact_methods(rng, n),
            "Language": "eng",  # ISO 639-2, as OpenDental stores it
            "TxtMsgOk": rng.choice([0, 1, 2], n, p=[0.2, 0.7, 0.1]),
            "Country": "US",
            "BillingCycleDay": 1,
            "ResponsParty": np.where(is_child, guarantor, 0),
        }
    )
    # Existing patients were first seen years before the history; new ones get theirs once their
    # visits exist (`set_first_visits`).
    p["DateFirstVisit"] = np.where(is_new, NO_DATE, arrival - np.timedelta64(365 * 4, "D"))
    p["SecDateEntry"] = entered
    p["SecUserNumEntry"] = rng.choice(user_num, n)
    p.stamp(at_minute(entered, 9 * 60), at_minute(np.minimum(arrival, cal.today), 10 * 60))
    p["Email"] = leave_email_blank(p["Email"], age, rng.spawn(1)[0])
    return p


def leave_email_blank(email: Strings, age: Ints, rng: np.random.Generator) -> Strings:
    """Some patients give no email address (`NO_EMAIL_P`, `NO_EMAIL_SENIOR_P` from
    `SENIOR_AGE`): the office reaches them by phone, text and mail."""
    p_none = np.where(age >= SENIOR_AGE, NO_EMAIL_SENIOR_P, NO_EMAIL_P)
    return np.where(rng.random(len(email)) < p_none, "", email).astype(object)


def set_first_visits(patients: Patients, patient_index: Ints, completed_on: Days) -> None:
    """Set new patients' DateFirstVisit to the day of their first completed procedure."""
    first = np.full(patients.n, np.datetime64("9999-12-31"), dtype="datetime64[D]")
    np.minimum.at(first, patient_index, completed_on.astype("datetime64[D]"))
    seen = first < np.datetime64("9999-12-31")
    current = patients.frame["DateFirstVisit"]
    patients.frame["DateFirstVisit"] = np.where(patients.is_new & seen, first, current)


def enter_before_booking(patients: Patients, patient_index: Ints, booked_on: Days) -> None:
    """Move each patient's entry date back to their first booking: the chart comes first."""
    first = patients.frame["SecDateEntry"].astype("datetime64[D]").copy()
    np.minimum.at(first, patient_index, booked_on.astype("datetime64[D]"))
    patients.frame["SecDateEntry"] = first


def new_patients_per_day(clinics: int) -> float:
    """History's rate of new patients per practice day (the office's open days) for a practice
    of `clinics` offices: a unit's new families arrive evenly over the calendar days of the
    history and the weeks booked after it (`first_arrivals`); those who call while the office is
    closed are taken on the next open day."""
    span = 365 * HISTORY_YEARS + NEW_ARRIVALS_AFTER_AS_OF_DAYS
    per_calendar_day = PATIENTS_PER_UNIT * (1 - EXISTING_PATIENT_SHARE) / span
    return per_calendar_day * 7 / OFFICE_OPEN_DAYS_PER_WEEK * clinics / CLINICS_PER_UNIT


@dataclass(frozen=True)
class StateOffices:
    """A live practice's offices as its state shows them: the clinics with chairs, and the
    dentists and hygienists their patients have (`PriProv`, `SecProv`)."""

    clinic_num: Ints
    patient_clinic: Ints
    patient_dentist: Ints
    patient_hygienist: Ints

    @classmethod
    def of(cls, state: PracticeState) -> StateOffices:
        return cls(
            clinic_num=np.unique(state.column("operatory", "ClinicNum")).astype(np.int64),
            patient_clinic=state.column("patient", "ClinicNum"),
            patient_dentist=state.column("patient", "PriProv"),
            patient_hygienist=state.column("patient", "SecProv"),
        )

    def _of(self, provider: Ints, clinic: int) -> Ints:
        seen = provider[(self.patient_clinic == clinic) & (provider > 0)]
        return np.unique(seen if len(seen) else provider[provider > 0]).astype(np.int64)

    def dentists_of(self, clinic: int) -> Ints:
        return self._of(self.patient_dentist, clinic)

    def hygienists_of(self, clinic: int) -> Ints:
        return self._of(self.patient_hygienist, clinic)


@dataclass(frozen=True)
class Newcomers:
    """The patients who joined on a simulated day, with what booking their first visit needs."""

    pat_num: Ints
    status: Ints
    clinic: Ints
    dentist: Ints
    hygienist: Ints
    fee_sched: Ints
    is_child: Bools
    is_perio: Bools
    arrival: Days  # the first visit they ask for
    plan_num: Ints  # PlanNum of the primary coverage, 0 none
    plan_num2: Ints

    @property
    def n(self) -> int:
        return len(self.pat_num)


def join_practice(
    state: PracticeState,
    day: np.datetime64,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> Newcomers:
    """The families who call on a simulated `day` to become patients, at history's rate: formed,
    described, given a home office, coverage and fee schedule by `build_patients`'s steps, and
    entered on the day, each asking for a first visit a week or more ahead (`member_arrivals`).

    A family brings its employer plans (subscriptions and patient plans) when the practice has
    plans to choose from (history draws a second plan for dual coverage: two at least). History's
    statuses say where a patient ends up; on the day they join everyone is a patient, bar
    guarantors who are not patients themselves.
    """
    offices = StateOffices.of(state)
    n = int(rng.poisson(new_patients_per_day(len(offices.clinic_num))))
    if not n:
        none = np.zeros(0, np.int64)
        return Newcomers(
            none, none, none, none, none, none, none.astype(bool), none.astype(bool),
            none.astype("datetime64[D]"), none, none,
        )  # fmt: skip
    cal = Calendar(as_of=day.astype("datetime64[D]").astype(dt.date))
    fam = form_families(n, keys, rng)
    people = describe_people(cal, fam, rng)
    non_patient = _STATUS.code("NonPatient")
    people = replace(
        people,
        status=np.where(people.status == non_patient, non_patient, _STATUS.code("Patient")),
    )
    clinic, dentist, hygienist = assign_home_office(offices, fam, rng)
    fam_arrival = np.full(fam.n_fam, day + np.timedelta64(NEW_PATIENT_ENTERED_DAYS_AHEAD, "D"))
    arrival = member_arrivals(fam, fam_arrival, rng)
    is_perio = perio_patients(fam, people, rng)
    plan_num = state.column("insplan", "PlanNum").astype(np.int64)
    users = state.column("userod", "UserNum").astype(np.int64)
    if len(plan_num) >= 2:
        coverage = enroll_insurance(cal, plan_num, users, fam, fam_arrival, keys, rng, out, day)
        attach_coverage(cal, fam, coverage, arrival, keys, out)
    else:
        none, no_sub = np.full(n, -1, np.int64), np.zeros(n, np.int64)
        coverage = Coverage(none, none, no_sub, no_sub, no_sub, no_sub)
    fee_sched = choose_fee_schedule(_fee_schedules(state), coverage.plan, rng)
    employers = (
        state.column("employer", "EmployerNum").astype(np.int64)
        if len(state.tables["employer"])
        else np.zeros(1, np.int64)
    )
    frame = write_patients(
        cal, state.defs("BillingTypes"), employers, users, fam, people, coverage, clinic,
        dentist, hygienist, arrival, np.ones(n, bool), fee_sched, np.full(n, day), rng,
    )  # fmt: skip
    out.add(frame)

    def plan_of(plan: Ints) -> Ints:
        return np.where(plan >= 0, plan_num[np.maximum(plan, 0)] if len(plan_num) else 0, 0)

    return Newcomers(
        pat_num=fam.pat_num,
        status=people.status,
        clinic=clinic,
        dentist=dentist,
        hygienist=hygienist,
        fee_sched=fee_sched,
        is_child=fam.is_child,
        is_perio=is_perio,
        arrival=arrival,
        plan_num=plan_of(coverage.plan),
        plan_num2=plan_of(coverage.plan2),
    )


def _fee_schedules(state: PracticeState) -> Ints:
    """The practice's fee schedules by STANDARD / PPO / CASH, found by history's names (the
    first schedule where a name is missing)."""
    num = state.column("feesched", "FeeSchedNum").astype(np.int64)
    description = state.column("feesched", "Description")
    return np.array(
        [num[description == name][0] if (description == name).any() else num[0]
         for name, _ in FEE_SCHEDULES],
        dtype=np.int64,
    )  # fmt: skip
