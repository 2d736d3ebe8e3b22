"""Insurance claims for insured patients' completed procedures, and the carriers' payments.

One rule per thing the insurance desk and the carriers do, in `build_claims`'s order. The office
sends one primary claim per visit (`send_claim`, one claimproc per claimed procedure); the
carrier pays its share of the allowed fee on its weekly run, denies a few and underpays some
(`adjudicate_claim`; on a PPO plan the difference between the office fee and the allowed fee is
written off), and later pays part of some shortfalls (`pay_supplemental`). Where a second plan
covers the patient a secondary claim follows (`send_secondary_claim`,
`adjudicate_secondary_claim`). Planned treatment gets estimates (`estimate_planned_treatment`).
A carrier's check pays every claim it finalised that day for an office
(`bundle_checks`, `post_insurance_payment`), and its amount is the sum of the payments attached
to it. Snapshots, electronic transactions, scanned EOBs and the blue book follow the claims.
To change how claims are paid, change `carrier_pays`; rates live in `params`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dental_analytics.opendental import table
from dental_analytics.synthetic.catalog import category_of
from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.context import (
    Bools,
    Calendar,
    Days,
    Floats,
    Ints,
    KeyCounter,
    Strings,
    at_minute,
    business_day,
    days,
    weekday,
)
from dental_analytics.synthetic.frame import NO_DATE, Frame
from dental_analytics.synthetic.money_desk import inserted
from dental_analytics.synthetic.money_params import (
    ATTACHMENT_CATEGORIES,
    ATTACHMENT_HOLD_DAYS,
    CAPITATION_CHECK_DAY,
    CAPITATION_PMPM,
    HELD_FOR_ATTACHMENTS_P,
)
from dental_analytics.synthetic.offices import FRONT_DESK_GROUP, Offices
from dental_analytics.synthetic.params import (
    ALLOWED_OVERRIDE_P,
    CLAIM_DENIED_P,
    CLAIM_PAID_OVER_ESTIMATE_P,
    CLAIM_SEND_DELAY_DAYS,
    CLAIM_TURNAROUND_DAYS_MEDIAN,
    CLAIM_TURNAROUND_SIGMA,
    CLAIM_UNDERPAID_P,
    COVERAGE_END_FOUND_DAYS,
    EOB_IMAGE_EXTENSIONS,
    EOB_IMAGE_P,
    PATIENT_PERCENT_OVERRIDE_LEVEL,
    PATIENT_PERCENT_OVERRIDE_P,
    PATIENT_PERCENT_OVERRIDE_STEP,
    PREAUTH_P,
    SECONDARY_PAYS_P,
    SUPPLEMENTAL_P,
)
from dental_analytics.synthetic.patients import Patients
from dental_analytics.synthetic.practice import (
    BENEFIT_CODE_OF_LEVEL,
    COVERAGE_LEVELS,
    PPO,
    Practice,
    coverage_of_code,
)
from dental_analytics.synthetic.state import PracticeState
from dental_analytics.synthetic.visits import TP, Visits, fee_of

_CP = table("claimproc").enum("Status")
_BENEFIT = table("benefit").enum("BenefitType")
PREAUTH = _CP.code("Preauth")
NOT_RECEIVED, RECEIVED, SUPPLEMENTAL, ESTIMATE = (
    _CP.code("NotReceived"),
    _CP.code("Received"),
    _CP.code("Supplemental"),
    _CP.code("Estimate"),
)
CAP_CLAIM, CAP_COMPLETE, CAP_ESTIMATE = (
    _CP.code("CapClaim"),
    _CP.code("CapComplete"),
    _CP.code("CapEstimate"),
)


@dataclass(frozen=True)
class Claimprocs:
    """Every claimproc row, for the ledger: which procedure, its patient, and the money."""

    proc_index: Ints  # index into Visits procedures
    patient: Ints
    status: Ints
    ins_pay_amt: Floats
    ins_pay_est: Floats
    write_off: Floats
    date_cp: Days
    # The capitation carriers' accounts (patient, inssub, patplan, patientnote), added with the unit's
    # patients once every rule that reads the unit's coverage as its patients' has run.
    accounts: tuple[Frame, ...] = ()


def carrier_pay_day(days: Days, carrier: Ints) -> Days:
    """The carrier's next weekly payment run on or after `days` (each carrier pays on one weekday)."""
    wait = (np.asarray(carrier) % 5 - weekday(days)) % 7
    return days.astype("datetime64[D]") + wait.astype("timedelta64[D]")


@dataclass(frozen=True)
class PrimaryClaims:
    """One primary claim per visit: its procedures, when it went out and came back, the money."""

    sel: Ints  # the claimed procedures (index into Visits procedures)
    claim_of_proc: Ints  # per claimed procedure: its claim (0..n-1)
    first_proc: Ints  # per claim: its first procedure
    plan: Ints  # per claimed procedure: the primary plan (index into practice plans)
    allowed: Floats
    percent: Ints
    estimate: Floats
    write_off: Floats
    service: Days  # per claim
    sent: Days
    received: Days
    is_sent: Bools
    is_received: Bools
    held: Bools  # per claim: held in process for its attachments before it went out

    @property
    def n(self) -> int:
        return len(self.first_proc)


@dataclass(frozen=True)
class Payments:
    """What a carrier paid per claimed procedure, with its claimproc status and date."""

    paid: Floats
    status: Ints
    date_cp: Days


@dataclass(frozen=True)
class Supplementals:
    rows: Ints  # positions within the primary claims' procedures
    amount: Floats
    date: Days  # per primary claimed procedure (used at `rows`)


@dataclass(frozen=True)
class SecondaryClaims:
    """A secondary claim per primary claim whose patient has a second plan, sent once paid."""

    sel2: Ints  # positions within the primary claims' procedures
    plan: Ints
    estimate: Floats
    primary: Ints  # per claim: its primary claim
    claim_of_proc: Ints
    sent: Days
    is_sent: Bools
    received: Days
    is_received: Bools

    @property
    def n(self) -> int:
        return len(self.primary)


@dataclass(frozen=True)
class ClaimRows:
    """The claim rows written (primary claims first), for the claimprocs and the side tables."""

    claim_num: Ints
    patient: Ints
    sent: Days
    plan: Ints
    sub: Ints


@dataclass(frozen=True)
class ClaimprocRows:
    """Every claimproc row written: procedure, claim, status, plan and money."""

    num: Ints
    proc: Ints
    claim: Ints
    status: Ints
    estimate: Floats
    write_off: Floats
    paid: Floats
    date_cp: Days
    plan: Ints
    claim_type: np.ndarray  # "P" / "S"


def build_claims(
    cal: Calendar,
    practice: Practice,
    offices: Offices,
    patients: Patients,
    visits: Visits,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
    desk: np.random.Generator | None = None,
) -> Claimprocs:
    """The insurance side of the span: claims sent, what the carriers pay and when, the checks.

    `desk` is the insurance desk's own stream (capitation, overrides, EOB images), so its rules
    leave the claims stream's draws alone."""
    desk = desk if desk is not None else np.random.default_rng(0)
    benefits = override_patient_percentage(cal, practice, patients, keys, desk, out)
    primary = send_claim(cal, practice, patients, visits, rng, benefits)
    payments = adjudicate_claim(visits, primary, rng)
    payments = pay_more_than_estimated(patients, visits, primary, payments, desk)
    supplementals = pay_supplemental(cal, primary, payments, rng)
    secondary = send_secondary_claim(cal, practice, patients, visits, primary, rng)
    secondary_payments = adjudicate_secondary_claim(visits, primary, secondary, rng)
    claims = write_claims(
        cal, practice, offices, patients, visits, primary, payments, supplementals, secondary,
        secondary_payments, keys, rng, out,
    )  # fmt: skip
    planned = estimate_planned_treatment(cal, practice, patients, visits, benefits)
    cps = claimproc_rows(
        patients, visits, primary, payments, supplementals, secondary,
        secondary_payments, planned, claims, keys,
    )  # fmt: skip
    checks = bundle_checks(
        practice.plan_carrier[cps.plan],
        patients.clinic[visits.proc_patient[cps.proc]],
        cps.date_cp,
        cps.paid,
        np.isin(cps.status, [RECEIVED, SUPPLEMENTAL]) & paid_something(cps.claim, cps.paid),
        keys,
    )
    # A secondary claim's procedure shows what the primary paid on it.
    paid_other_ins = np.concatenate(
        [
            np.zeros(len(primary.sel)),
            payments.paid[secondary.sel2],
            np.zeros(len(supplementals.rows) + len(planned.procs)),
        ]
    )
    allowed_override = enter_allowed_override(practice, visits, cps, benefits, desk)
    write_claimprocs(
        cal, practice, offices, patients, visits, cps, checks, paid_other_ins, allowed_override,
        benefits, rng, out,
    )  # fmt: skip
    post_insurance_payment(
        checks,
        practice.carrier_name[np.searchsorted(practice.carrier_num, checks.carrier)],
        practice.defs("InsurancePaymentType"),
        int(practice.defs("ClaimPaymentGroups")[0]),
        offices.user_num,
        rng,
        out,
    )
    snapshot_claimed_procedures(cal, visits, cps, keys, out)
    snapshot_claims_of_ended_coverage(cal, practice, patients, visits, keys, out)
    sent = np.flatnonzero(claims.sent > NO_DATE)
    transmit_claims(
        claims.claim_num[sent],
        claims.sent[sent],
        practice.plan_carrier[claims.plan[sent]],
        patients.pat_num[claims.patient[sent]],
        practice.plan_num[claims.plan[sent]],
        claims.sub[sent],
        1,
        keys,
        rng,
        out,
    )
    scan_eob(checks, keys, rng, out, desk)
    record_blue_book(practice, visits, cps, benefits, keys, out)
    cap = complete_capitation_procedures(practice, patients, visits)
    cap_claims = send_capitation_claim(cal, practice, patients, visits, cap, desk)
    write_capitation(cal, practice, offices, patients, visits, cap, cap_claims, keys, desk, out)
    preauths = send_preauthorization(cal, practice, patients, visits, benefits, desk)
    write_preauthorizations(cal, practice, offices, patients, visits, preauths, keys, desk, out)
    checks_due = pay_capitation(cal, practice, patients)
    accounts = post_capitation_check(cal, practice, offices, patients, checks_due, keys, desk, out)
    return Claimprocs(
        proc_index=np.concatenate([cps.proc, cap.procs]),
        patient=visits.proc_patient[np.concatenate([cps.proc, cap.procs])],
        status=np.concatenate([cps.status, np.full(len(cap.procs), CAP_COMPLETE)]),
        ins_pay_amt=np.concatenate([cps.paid, np.zeros(len(cap.procs))]),
        ins_pay_est=np.concatenate([cps.estimate, np.zeros(len(cap.procs))]),
        write_off=np.concatenate([cps.write_off, cap.write_off]),
        date_cp=np.concatenate([cps.date_cp, visits.proc_date[cap.procs]]),
        accounts=accounts,
    )


def coverage_level(practice: Practice, visits: Visits) -> Ints:
    """Per procedure: its coverage level (index into COVERAGE_LEVELS: 100/80/50 categories)."""
    levels = np.array(COVERAGE_LEVELS, dtype=object)
    order = np.argsort(levels)
    by_code = order[np.searchsorted(levels, practice.codes.coverage, sorter=order)]
    return by_code[visits.proc_code]


def allowed_fee(practice: Practice, visits: Visits, procs: Ints, plan: Ints) -> Floats:
    """What the plan allows for each procedure: the PPO fee schedule's (capped at the office
    fee) on a PPO plan or a plan with an allowed-fee schedule, the office's fee otherwise."""
    fee = (visits.proc_fee * visits.proc_units)[procs]
    ppo_fee = practice.codes.fee[PPO, visits.proc_code[procs]] * visits.proc_units[procs]
    on_schedule = practice.plan_is_ppo[plan]
    if practice.plan_allowed_fee_sched is not None:
        on_schedule = on_schedule | (practice.plan_allowed_fee_sched[plan] > 0)
    return allowed_amount(fee, ppo_fee, on_schedule)


def allowed_amount(fee: Floats, schedule_fee: Floats, on_schedule: Bools) -> Floats:
    """What a plan allows for a procedure: on a plan paying from a fee schedule (PPO, Medicaid
    or flat copay, capitation) the schedule's fee, the office's `fee` at most; on other plans
    the office's fee."""
    return np.where(on_schedule, np.minimum(schedule_fee, fee), fee)


def plan_estimate(allowed: Floats, percent: Ints) -> Floats:
    """What a plan is expected to pay on a procedure: its coverage percent of the allowed fee,
    to the cent (OpenDental's estimate)."""
    return np.round(allowed * percent / 100, 2)


def sent_today_p(days_since_service: Ints, held: Bools | bool = False) -> Floats:
    """The chance the office sends a waiting claim today, given it has not yet: the same delay
    after the visit as in history (`CLAIM_SEND_DELAY_DAYS`, whole days, uniform), one day at a
    time. A claim `held` for its attachments waits `ATTACHMENT_HOLD_DAYS` more (the two
    delays' sum taken as uniform over its range)."""
    low = CLAIM_SEND_DELAY_DAYS[0] + np.where(held, ATTACHMENT_HOLD_DAYS[0], 0)
    high = CLAIM_SEND_DELAY_DAYS[1] + np.where(held, ATTACHMENT_HOLD_DAYS[1] - 1, 0)
    d = np.asarray(days_since_service, dtype=np.int64)
    return np.where(d < low, 0.0, 1.0 / np.maximum(high - d, 1))


def one_claim_per(key: Ints, procs: Ints) -> tuple[Ints, Ints]:
    """Procedures `procs` on one claim per value of `key` (a visit, a patient's day): each
    procedure's claim (0..n-1, in key order) and each claim's first procedure."""
    keys, claim_of = np.unique(key, return_inverse=True)
    first = np.zeros(len(keys), np.int64)
    first[claim_of[::-1]] = procs[::-1]
    return claim_of, first


def claim_turnaround(rng: np.random.Generator, n: int) -> Floats:
    """Days from sending a claim to the carrier's answer, before its weekly payment run: about
    three weeks (lognormal), at least five days."""
    return np.maximum(
        5, rng.lognormal(np.log(CLAIM_TURNAROUND_DAYS_MEDIAN), CLAIM_TURNAROUND_SIGMA, n)
    )


def answered_on_pay_run_p(days_out: Ints) -> Floats:
    """The chance that a claim sent `days_out` days ago is answered on this week's payment run,
    given it was not on last week's: the same turnaround as `claim_turnaround`, one week at a
    time (`carrier_pay_day` moves an answer to the carrier's next run)."""

    def answered_by(d: Floats) -> Floats:  # P(whole days of turnaround <= d)
        z = (np.log(np.maximum(d + 1, 1)) - np.log(CLAIM_TURNAROUND_DAYS_MEDIAN)) / (
            CLAIM_TURNAROUND_SIGMA * np.sqrt(2)
        )
        cdf = 0.5 * (1 + np.vectorize(math.erf, otypes=[float])(z))
        return np.where(d + 1 <= 5, 0.0, cdf)

    days_out = np.asarray(days_out, dtype=np.float64)
    before = answered_by(days_out - 7)
    return np.clip((answered_by(days_out) - before) / np.maximum(1 - before, 1e-12), 0, 1)


def send_claim(
    cal: Calendar,
    practice: Practice,
    patients: Patients,
    visits: Visits,
    rng: np.random.Generator,
    benefits: PatientBenefits | None = None,
) -> PrimaryClaims:
    """A primary claim for each insured visit's completed procedures, sent within days (or
    once its attachments are in, when it is held for them: `attachment_hold`); the carrier's
    answer comes back on its weekly payment run, in about three weeks."""
    pat = visits.proc_patient
    fee_total = visits.proc_fee * visits.proc_units
    plan = patients.plan_on(pat, visits.proc_date)
    # Capitation plans are not billed per procedure (`complete_capitation_procedures`).
    billable = (
        visits.completed
        & (plan >= 0)
        & ~practice.plan_is_capitation[np.maximum(plan, 0)]
        & (fee_total > 0)
        & (visits.proc_apt > 0)
    )
    sel = np.flatnonzero(billable)
    plan1 = plan[sel]
    allowed1 = allowed_fee(practice, visits, sel, plan1)
    pct1 = with_patient_benefits(
        practice.plan_coverage[plan1, coverage_level(practice, visits)[sel]],
        pat[sel],
        coverage_level(practice, visits)[sel],
        benefits,
    )
    claim_of_proc, first_proc = one_claim_per(visits.proc_apt[sel], sel)
    n1 = len(first_proc)
    service = visits.proc_date[first_proc]
    delay = rng.integers(*CLAIM_SEND_DELAY_DAYS, n1)
    turnaround = claim_turnaround(rng, n1)
    needs = np.bincount(
        claim_of_proc,
        weights=needs_attachments(practice.codes.proc_code[visits.proc_code[sel]]),
        minlength=n1,
    )
    # Its own stream, so the claims' other draws stay as they were.
    hold = attachment_hold(needs > 0, rng.spawn(1)[0])
    sent = business_day(service + days(delay + hold))
    carrier1 = practice.plan_carrier[plan[first_proc]]
    received = carrier_pay_day(sent + days(turnaround), carrier1)
    is_sent = sent <= cal.today
    return PrimaryClaims(
        sel=sel,
        claim_of_proc=claim_of_proc,
        first_proc=first_proc,
        plan=plan1,
        allowed=allowed1,
        percent=pct1,
        estimate=plan_estimate(allowed1, pct1),
        # Only in-network (fee-schedule) plans write off the fee above what they allow.
        write_off=np.where(
            practice.plan_is_ppo[plan1], np.round(fee_total[sel] - allowed1, 2), 0.0
        ),
        service=service,
        sent=sent,
        received=received,
        is_sent=is_sent,
        is_received=is_sent & (received <= cal.today),
        held=hold > 0,
    )


def needs_attachments(proc_code: Strings) -> Bools:
    """Which CDT codes carriers want images and a narrative for: major work (crowns, bridges,
    implants, dentures), root canals, and scaling and root planing."""
    return np.array(
        [
            coverage_of_code(c) == "major" or category_of(c) in ATTACHMENT_CATEGORIES
            for c in proc_code.tolist()
        ],
        dtype=bool,
    )


def attachment_hold(needs: Bools, rng: np.random.Generator) -> Ints:
    """Per claim: the days it is held in process (OpenDental's status I) for its attachments
    before it goes out, 0 if not held. Most claims with work carriers want images for are held
    (`HELD_FOR_ATTACHMENTS_P`), for `ATTACHMENT_HOLD_DAYS`."""
    n = len(needs)
    held = needs & (rng.random(n) < HELD_FOR_ATTACHMENTS_P)
    return np.where(held, rng.integers(*ATTACHMENT_HOLD_DAYS, n), 0)


def adjudicate_claim(visits: Visits, claims: PrimaryClaims, rng: np.random.Generator) -> Payments:
    """The carrier answers each claim once received (`carrier_pays`); until then its procedures
    stay not received, dated by the procedure."""
    c_recv = claims.is_received[claims.claim_of_proc]
    paid = carrier_pays(claims.estimate, claims.claim_of_proc, claims.n, rng)
    return Payments(
        paid=np.where(c_recv, paid, 0.0),
        status=np.where(c_recv, RECEIVED, NOT_RECEIVED),
        date_cp=np.where(
            c_recv, claims.received[claims.claim_of_proc], visits.proc_date[claims.sel]
        ),
    )


def carrier_pays(
    estimate: Floats, claim_of_proc: Ints, n_claims: int, rng: np.random.Generator
) -> Floats:
    """What a carrier pays on each procedure of the claims it answers: the estimate of its share
    of the allowed fee, except that it denies a few claims (nothing) and underpays some (50-95%).

    The one rule for how claims are paid, in history (`adjudicate_claim`) and in a simulated day
    (`simulate.answer_claims`).
    """
    denied = rng.random(n_claims) < CLAIM_DENIED_P
    underpaid = ~denied & (rng.random(n_claims) < CLAIM_UNDERPAID_P)
    factor = np.where(denied, 0.0, np.where(underpaid, rng.uniform(0.5, 0.95, n_claims), 1.0))
    return np.round(estimate * factor[claim_of_proc], 2)


def pay_supplemental(
    cal: Calendar, claims: PrimaryClaims, payments: Payments, rng: np.random.Generator
) -> Supplementals:
    """The carrier later pays part of a shortfall on an underpaid claim, sometimes."""
    n = len(claims.sel)
    c_recv = claims.is_received[claims.claim_of_proc]
    short = (
        c_recv
        & (payments.paid < claims.estimate)
        & (rng.random(n) < SUPPLEMENTAL_P / max(CLAIM_UNDERPAID_P, 1e-9))
    )
    date = business_day(claims.received[claims.claim_of_proc] + days(rng.integers(20, 60, n)))
    rows = np.flatnonzero(short & (date <= cal.today))
    shortfall = (claims.estimate - payments.paid)[rows]
    return Supplementals(
        rows=rows,
        amount=np.round(shortfall * rng.uniform(0.5, 1.0, len(rows)), 2),
        date=date,
    )


def send_secondary_claim(
    cal: Calendar,
    practice: Practice,
    patients: Patients,
    visits: Visits,
    primary: PrimaryClaims,
    rng: np.random.Generator,
) -> SecondaryClaims:
    """Where a second plan covers the patient, a secondary claim goes out days after the primary
    is paid, for what the primary's estimate leaves, within the second plan's allowance."""
    pat = visits.proc_patient
    sel = primary.sel
    sel2 = np.flatnonzero(patients.plan2[pat[sel]] >= 0)  # positions within sel
    procs = sel[sel2]
    plan2 = patients.plan2[pat[procs]]
    allowed2 = np.minimum(allowed_fee(practice, visits, procs, plan2), primary.allowed[sel2])
    # What the primary's estimate leaves: a later supplemental payment cannot push the total past the fee.
    fee = (visits.proc_fee * visits.proc_units)[procs]
    remaining = np.maximum(fee - primary.estimate[sel2] - primary.write_off[sel2], 0)
    pct = practice.plan_coverage[plan2, coverage_level(practice, visits)[procs]]
    claim2_apts, claim2_of_proc = np.unique(primary.claim_of_proc[sel2], return_inverse=True)
    n2 = len(claim2_apts)
    sent2 = business_day(primary.received[claim2_apts] + days(rng.integers(1, 6, n2)))
    sent2_ok = primary.is_received[claim2_apts] & (sent2 <= cal.today)
    carrier2 = practice.plan_carrier[patients.plan2[pat[primary.first_proc[claim2_apts]]]]
    turnaround = claim_turnaround(rng, n2)
    received2 = carrier_pay_day(sent2 + days(turnaround), carrier2)
    return SecondaryClaims(
        sel2=sel2,
        plan=plan2,
        estimate=np.minimum(np.round(allowed2 * pct / 100, 2), remaining),
        primary=claim2_apts,
        claim_of_proc=claim2_of_proc,
        sent=sent2,
        is_sent=sent2_ok,
        received=received2,
        is_received=sent2_ok & (received2 <= cal.today),
    )


def adjudicate_secondary_claim(
    visits: Visits, primary: PrimaryClaims, claims: SecondaryClaims, rng: np.random.Generator
) -> Payments:
    """Most secondary carriers pay their estimate once the claim is received; some pay nothing."""
    pays2 = rng.random(claims.n) < SECONDARY_PAYS_P
    c2_recv = claims.is_received[claims.claim_of_proc]
    return Payments(
        paid=np.where(c2_recv & pays2[claims.claim_of_proc], claims.estimate, 0.0),
        status=np.where(c2_recv, RECEIVED, NOT_RECEIVED),
        date_cp=np.where(
            c2_recv,
            claims.received[claims.claim_of_proc],
            visits.proc_date[primary.sel[claims.sel2]],
        ),
    )


def write_claims(
    cal: Calendar,
    practice: Practice,
    offices: Offices,
    patients: Patients,
    visits: Visits,
    primary: PrimaryClaims,
    payments: Payments,
    supplementals: Supplementals,
    secondary: SecondaryClaims,
    secondary_payments: Payments,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> ClaimRows:
    """The claim rows: primary claims, then secondary ones, with their totals and dates."""
    pat = visits.proc_patient
    n1, n2 = primary.n, secondary.n
    n_claims = n1 + n2
    claim_num = keys.take("claim", n_claims)
    first2 = primary.first_proc[secondary.primary]
    c_pat = np.concatenate([pat[primary.first_proc], pat[first2]])
    c_service = np.concatenate([primary.service, primary.service[secondary.primary]])
    c_sent = np.concatenate(
        [
            np.where(primary.is_sent, primary.sent, NO_DATE),
            np.where(secondary.is_sent, secondary.sent, NO_DATE),
        ]
    )
    c_received = np.concatenate(
        [
            np.where(primary.is_received, primary.received, NO_DATE),
            np.where(secondary.is_received, secondary.received, NO_DATE),
        ]
    )
    status_letter = np.concatenate(
        [
            np.where(
                primary.is_received,
                "R",
                np.where(
                    primary.is_sent,
                    "S",
                    np.where(primary.held, "I", np.where(rng.random(n1) < 0.5, "U", "W")),
                ),
            ),
            np.where(secondary.is_received, "R", np.where(secondary.is_sent, "S", "H")),
        ]
    )
    c_plan = np.concatenate([patients.plan[c_pat[:n1]], patients.plan2[c_pat[n1:]]])
    c_plan_other = np.concatenate([patients.plan2[c_pat[:n1]], patients.plan[c_pat[n1:]]])
    c_sub = np.concatenate([patients.ins_sub[c_pat[:n1]], patients.ins_sub2[c_pat[n1:]]])
    c_sub_other = np.concatenate([patients.ins_sub2[c_pat[:n1]], patients.ins_sub[c_pat[n1:]]])
    dentist = patients.dentist[c_pat]
    # The patient's relationship to the claim's subscriber, and to the other coverage's.
    relation = np.concatenate([patients.relation1[c_pat[:n1]], patients.relation2[c_pat[n1:]]])
    relation_other = np.concatenate(
        [patients.relation2[c_pat[:n1]], patients.relation1[c_pat[n1:]]]
    )
    cl = Frame("claim", n_claims)
    cl.update(
        {
            "ClaimNum": claim_num,
            "PatNum": patients.pat_num[c_pat],
            "DateService": c_service,
            "DateSent": c_sent,
            "ClaimStatus": status_letter.astype(object),
            "DateReceived": c_received,
            "PlanNum": practice.plan_num[c_plan],
            "ProvTreat": dentist,
            **_claim_totals(
                visits, primary, payments, supplementals, secondary, secondary_payments
            ),
            "ClaimType": np.concatenate([np.full(n1, "P"), np.full(n2, "S")]).astype(object),
            "ProvBill": dentist,
            "PlaceService": 0,
            "PatRelat": relation,
            "PlanNum2": np.where(
                c_plan_other >= 0, practice.plan_num[np.maximum(c_plan_other, 0)], 0
            ),
            "PatRelat2": np.where(c_plan_other >= 0, relation_other, 0),
            "ClinicNum": patients.clinic[c_pat],
            "InsSubNum": c_sub,
            "InsSubNum2": c_sub_other,
            "ClaimIdentifier": np.array(
                [f"{p}/{c}" for p, c in zip(patients.pat_num[c_pat], claim_num, strict=True)],
                dtype=object,
            ),
            "SecUserNumEntry": offices.user_num[rng.integers(0, len(offices.user_num), n_claims)],
            # Entered the day after the visit, or the day it went out when sent the same day.
            "SecDateEntry": np.where(
                c_sent != NO_DATE,
                np.minimum(c_sent, c_service + np.timedelta64(1, "D")),
                np.minimum(c_service + np.timedelta64(1, "D"), cal.today),
            ),
            "DateSentOrig": c_sent,
        }
    )
    cl.stamp(
        at_minute(np.minimum(c_service, cal.today), 17 * 60),
        at_minute(
            np.maximum(np.maximum(c_sent, c_received), np.minimum(c_service, cal.today)), 16 * 60
        ),
    )
    out.add(cl)
    return ClaimRows(claim_num=claim_num, patient=c_pat, sent=c_sent, plan=c_plan, sub=c_sub)


def _claim_totals(
    visits: Visits,
    primary: PrimaryClaims,
    payments: Payments,
    supplementals: Supplementals,
    secondary: SecondaryClaims,
    secondary_payments: Payments,
) -> dict[str, Floats]:
    """A claim's fee, estimate, payment (supplementals included) and write-off: the sums of
    its procedures'."""
    n1 = primary.n
    n_claims = n1 + secondary.n
    fee_total = visits.proc_fee * visits.proc_units
    claim_index = np.concatenate([primary.claim_of_proc, n1 + secondary.claim_of_proc])
    sel, sel2 = primary.sel, secondary.sel2
    fee_rows = np.concatenate([fee_total[sel], fee_total[sel[sel2]]])
    est_rows = np.concatenate([primary.estimate, secondary.estimate])
    paid_rows = np.concatenate([payments.paid, secondary_payments.paid])
    wo_rows = np.concatenate([primary.write_off, np.zeros(len(sel2))])
    supp_by_claim = np.bincount(
        primary.claim_of_proc[supplementals.rows],
        weights=supplementals.amount,
        minlength=n_claims,
    )

    def per_claim(values: Floats) -> Floats:
        return np.round(np.bincount(claim_index, weights=values, minlength=n_claims), 2)

    return {
        "ClaimFee": per_claim(fee_rows),
        "InsPayEst": per_claim(est_rows),
        "InsPayAmt": per_claim(paid_rows) + supp_by_claim,
        "WriteOff": per_claim(wo_rows),
    }


@dataclass(frozen=True)
class PlannedEstimates:
    """Per planned procedure of an insured patient: its estimate claimproc's status and money."""

    procs: Ints
    status: Ints  # Estimate, or CapEstimate on a capitation plan
    estimate: Floats
    write_off: Floats


def estimate_planned_treatment(
    cal: Calendar,
    practice: Practice,
    patients: Patients,
    visits: Visits,
    benefits: PatientBenefits | None = None,
) -> PlannedEstimates:
    """Insured patients' planned procedures (up to the horizon) and what the primary plan would
    pay for each: OpenDental's estimate claimprocs, by the coverage the patient has today. On a
    capitation plan the estimate is a CapEstimate: nothing from the carrier, the fee above the
    copay to be written off."""
    pat = visits.proc_patient
    fee_total = visits.proc_fee * visits.proc_units
    tp = np.flatnonzero(
        (visits.proc_status == TP)
        & (patients.plan_on(pat, np.full(len(pat), cal.today)) >= 0)
        & (fee_total > 0)
        & (visits.proc_date <= cal.horizon)
    )
    plan_tp = patients.plan[pat[tp]]
    pct = with_patient_benefits(
        practice.plan_coverage[plan_tp, coverage_level(practice, visits)[tp]],
        pat[tp],
        coverage_level(practice, visits)[tp],
        benefits,
    )
    cap = practice.plan_is_capitation[plan_tp]
    estimate = plan_estimate(allowed_fee(practice, visits, tp, plan_tp), pct)
    copay = capitation_copay(practice, visits, tp, plan_tp)
    return PlannedEstimates(
        procs=tp,
        status=np.where(cap, CAP_ESTIMATE, ESTIMATE),
        estimate=np.where(cap, 0.0, estimate),
        write_off=np.where(cap, np.round(fee_total[tp] - copay, 2), 0.0),
    )


@dataclass(frozen=True)
class Checks:
    """The carriers' checks: one per carrier, office and day, paying everything finalised then."""

    num: Ints
    of_row: Ints  # per claimproc row: its check's ClaimPaymentNum, 0 none
    amount: Floats
    date: Days
    carrier: Ints  # CarrierNum
    clinic: Ints


def claimproc_rows(
    patients: Patients,
    visits: Visits,
    primary: PrimaryClaims,
    payments: Payments,
    supplementals: Supplementals,
    secondary: SecondaryClaims,
    secondary_payments: Payments,
    planned_estimates: PlannedEstimates,
    claims: ClaimRows,
    keys: KeyCounter,
) -> ClaimprocRows:
    """One claimproc per procedure on a claim (primary, secondary), per supplemental payment,
    and per planned procedure's estimate."""
    sel, sel2, supp = primary.sel, secondary.sel2, supplementals.rows
    planned = planned_estimates.procs
    n1 = primary.n
    claim_num1, claim_num2 = claims.claim_num[:n1], claims.claim_num[n1:]
    proc = np.concatenate([sel, sel[sel2], sel[supp], planned])
    return ClaimprocRows(
        num=keys.take("claimproc", len(proc)),
        proc=proc,
        claim=np.concatenate(
            [
                claim_num1[primary.claim_of_proc],
                claim_num2[secondary.claim_of_proc],
                claim_num1[primary.claim_of_proc[supp]],
                np.zeros(len(planned), np.int64),
            ]
        ),
        status=np.concatenate(
            [
                payments.status,
                secondary_payments.status,
                np.full(len(supp), SUPPLEMENTAL),
                planned_estimates.status,
            ]
        ),
        estimate=np.concatenate(
            [
                primary.estimate,
                secondary.estimate,
                np.zeros(len(supp)),
                planned_estimates.estimate,
            ]
        ),
        write_off=np.concatenate(
            [
                primary.write_off,
                np.zeros(len(sel2)),
                np.zeros(len(supp)),
                planned_estimates.write_off,
            ]
        ),
        paid=np.concatenate(
            [payments.paid, secondary_payments.paid, supplementals.amount, np.zeros(len(planned))]
        ),
        date_cp=np.concatenate(
            [
                payments.date_cp,
                secondary_payments.date_cp,
                supplementals.date[supp],
                visits.proc_date[planned],
            ]
        ),
        plan=np.concatenate(
            [
                primary.plan,
                secondary.plan,
                primary.plan[supp],
                patients.plan[visits.proc_patient[planned]],
            ]
        ),
        claim_type=np.concatenate(
            [
                np.full(len(sel), "P"),
                np.full(len(sel2), "S"),
                np.full(len(supp) + len(planned), "P"),
            ]
        ).astype(object),
    )


def bundle_checks(
    carrier: Ints,
    clinic: Ints,
    date_cp: Days,
    paid: Floats,
    received_rows: Bools,
    keys: KeyCounter,
) -> Checks:
    """Carrier checks: one per carrier, office and day, paying everything finalised together.

    Takes per claimproc row its CarrierNum, ClinicNum, DateCP, payment and whether it is paid.
    """
    check_key = np.where(
        received_rows,
        carrier * 10_000_000 + clinic * 100_000 + date_cp.astype(np.int64),
        -1,
    )
    keys_u, check_of = np.unique(check_key[received_rows], return_inverse=True)
    n_chk = len(keys_u)
    chk_num = keys.take("claimpayment", n_chk)
    of_row = np.zeros(len(carrier), np.int64)
    of_row[received_rows] = chk_num[check_of]
    rows_r = np.flatnonzero(received_rows)
    first_row = np.zeros(n_chk, np.int64)
    first_row[check_of[::-1]] = rows_r[::-1]
    return Checks(
        num=chk_num,
        of_row=of_row,
        amount=np.round(np.bincount(check_of, weights=paid[rows_r], minlength=n_chk), 2),
        date=date_cp[first_row],
        carrier=carrier[first_row],
        clinic=clinic[first_row],
    )


def write_claimprocs(
    cal: Calendar,
    practice: Practice,
    offices: Offices,
    patients: Patients,
    visits: Visits,
    cps: ClaimprocRows,
    checks: Checks,
    paid_other_ins: Floats,
    allowed_override: Floats,
    benefits: PatientBenefits | None,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """History's claimproc rows (claim lines, supplementals, estimates) by `write_claimproc_lines`."""
    cp_proc = cps.proc
    cp_pat = visits.proc_patient[cp_proc]
    lines = ClaimprocLines(
        num=cps.num,
        proc_num=visits.proc_num[cp_proc],
        claim=cps.claim,
        pat_num=patients.pat_num[cp_pat],
        prov=visits.proc_prov[cp_proc],
        fee=(visits.proc_fee * visits.proc_units)[cp_proc],
        code=practice.codes.proc_code[visits.proc_code[cp_proc]],
        proc_date=visits.proc_date[cp_proc],
        clinic=patients.clinic[cp_pat],
        sub=np.where(cps.claim_type == "S", patients.ins_sub2[cp_pat], patients.ins_sub[cp_pat]),
        status=cps.status,
        estimate=cps.estimate,
        write_off=cps.write_off,
        paid=cps.paid,
        check=checks.of_row,
        plan_num=practice.plan_num[cps.plan],
        percent=_percentages(practice, visits, cps, benefits),
        paid_other_ins=paid_other_ins,
        date_cp=cps.date_cp,
        allowed_override=allowed_override,
        # A capitation estimate's patient portion is the plan's copay.
        copay=np.where(
            cps.status == CAP_ESTIMATE,
            np.round((visits.proc_fee * visits.proc_units)[cp_proc] - cps.write_off, 2),
            -1.0,
        ),
    )
    write_claimproc_lines(lines, cal.today, offices.user_num, rng, out)


@dataclass(frozen=True)
class ClaimprocLines:
    """Claimproc rows to write, one entry per row: the procedure, the claim (0 for an estimate),
    the plan and the money."""

    num: Ints
    proc_num: Ints
    claim: Ints
    pat_num: Ints
    prov: Ints
    fee: Floats  # the procedure's fee times its units
    code: Strings  # the CDT code sent
    proc_date: Days
    clinic: Ints
    sub: Ints  # InsSubNum
    status: Ints
    estimate: Floats
    write_off: Floats
    paid: Floats
    check: Ints  # ClaimPaymentNum, 0 none
    plan_num: Ints
    percent: Ints  # the plan's coverage percent of the procedure
    paid_other_ins: Floats
    date_cp: Days
    allowed_override: Floats  # the allowed amount keyed on the line, -1 none
    copay: Floats  # CopayAmt: a capitation estimate's copay, -1 none


def write_claimproc_lines(
    lines: ClaimprocLines,
    today: np.datetime64,
    desk_users: Ints,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """Claimproc rows as OpenDental fills them for each status, entered by the front desk
    (`desk_users`) on the procedure's day (`today` at the latest)."""
    n_cp = len(lines.num)
    cp_status, cp_est = lines.status, lines.estimate
    received_rows = np.isin(cp_status, [RECEIVED, SUPPLEMENTAL])
    cpf = Frame("claimproc", n_cp)
    cpf.update(
        {
            "ClaimProcNum": lines.num,
            "ProcNum": lines.proc_num,
            "ClaimNum": lines.claim,
            "PatNum": lines.pat_num,
            "ProvNum": lines.prov,
            "FeeBilled": np.where(
                np.isin(cp_status, [ESTIMATE, CAP_ESTIMATE]),
                0.0,
                np.where(cp_status == SUPPLEMENTAL, 0.0, lines.fee),
            ),
            "InsPayEst": cp_est,
            "Status": cp_status,
            "InsPayAmt": lines.paid,
            "ClaimPaymentNum": lines.check,
            "PlanNum": lines.plan_num,
            "DateCP": lines.date_cp,
            "WriteOff": lines.write_off,
            "CodeSent": lines.code,
            "AllowedOverride": lines.allowed_override,
            "Percentage": lines.percent,
            "PercentOverride": -1,
            "CopayAmt": lines.copay,
            "PaidOtherIns": lines.paid_other_ins,
            "BaseEst": cp_est,
            "CopayOverride": -1.0,
            "ProcDate": lines.proc_date,
            "DateEntry": np.minimum(lines.proc_date, today),
            "LineNumber": np.where(lines.claim > 0, 1, 0),
            "DedEst": -1.0,
            "DedEstOverride": -1.0,
            "InsEstTotal": cp_est,
            "InsEstTotalOverride": -1.0,
            "PaidOtherInsOverride": -1.0,
            "WriteOffEst": lines.write_off,
            "WriteOffEstOverride": -1.0,
            "ClinicNum": lines.clinic,
            "InsSubNum": lines.sub,
            "PaymentRow": np.where(received_rows, 1, 0),
            "SecUserNumEntry": desk_users[rng.integers(0, len(desk_users), n_cp)],
            "DateInsFinalized": np.where(received_rows, lines.date_cp, NO_DATE),
            "DateSuppReceived": np.where(cp_status == SUPPLEMENTAL, lines.date_cp, NO_DATE),
        }
    )
    cpf.stamp(
        at_minute(np.minimum(lines.proc_date, today), 17 * 60),
        at_minute(np.minimum(lines.date_cp, today), 15 * 60),
    )
    out.add(cpf)


def _percentages(
    practice: Practice,
    visits: Visits,
    cps: ClaimprocRows,
    benefits: PatientBenefits | None = None,
) -> Ints:
    """The plan's coverage percent for each claimproc's procedure (the patient's own on the
    primary plan, where a benefit row of theirs overrides it)."""
    level = coverage_level(practice, visits)[cps.proc]
    pct = practice.plan_coverage[cps.plan, level]
    own = with_patient_benefits(pct, visits.proc_patient[cps.proc], level, benefits)
    return np.where(cps.claim_type == "P", own, pct)


def post_insurance_payment(
    checks: Checks,
    carrier_name: Strings,
    pay_types: Ints,
    pay_group: int,
    desk_users: Ints,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """Each carrier check is posted as a claimpayment, for the sum of what it pays.

    `carrier_name` is per check; `pay_types` the practice's InsurancePaymentType DefNums,
    `pay_group` its claim payment group, `desk_users` the front-desk users who post checks.
    """
    n_chk = len(checks.num)
    chk = Frame("claimpayment", n_chk)
    chk.update(
        {
            "ClaimPaymentNum": checks.num,
            "CheckDate": checks.date,
            "CheckAmt": checks.amount,
            "CheckNum": np.array(
                [f"{x}" for x in rng.integers(100_000, 9_999_999, n_chk)], dtype=object
            ),
            "ClinicNum": checks.clinic,
            "CarrierName": carrier_name,
            "DateIssued": business_day(checks.date - days(rng.integers(2, 6, n_chk))),
            "PayType": pay_types[rng.integers(0, len(pay_types), n_chk)],
            "SecUserNumEntry": desk_users[rng.integers(0, len(desk_users), n_chk)],
            "SecDateEntry": checks.date,
            "PayGroup": pay_group,
        }
    )
    chk.stamp(at_minute(checks.date, 11 * 60))
    out.add(chk)


def snapshot_claimed_procedures(
    cal: Calendar, visits: Visits, cps: ClaimprocRows, keys: KeyCounter, out: ChangeSet
) -> None:
    """OpenDental snapshots each procedure of a primary claim when the claim is created."""
    on_claim = np.flatnonzero(
        np.isin(cps.status, [NOT_RECEIVED, RECEIVED]) & (cps.claim_type == "P")
    )
    n = len(on_claim)
    procs = cps.proc[on_claim]
    proc_date = visits.proc_date[procs]
    snap = Frame("claimsnapshot", n)
    snap.update(
        {
            "ClaimSnapshotNum": keys.take("claimsnapshot", n),
            "ProcNum": visits.proc_num[procs],
            "ClaimType": cps.claim_type[on_claim],
            "Writeoff": cps.write_off[on_claim],
            "InsPayEst": cps.estimate[on_claim],
            "Fee": (visits.proc_fee * visits.proc_units)[procs],
            "DateTEntry": at_minute(
                np.minimum(proc_date + np.timedelta64(1, "D"), cal.today), 9 * 60
            ),
            "ClaimProcNum": cps.num[on_claim],
            "SnapshotTrigger": 0,
        }
    )
    out.add(snap)


def snapshot_claims_of_ended_coverage(
    cal: Calendar,
    practice: Practice,
    patients: Patients,
    visits: Visits,
    keys: KeyCounter,
    out: ChangeSet,
) -> None:
    """Visits in the weeks after a family's plan ended (`COVERAGE_END_FOUND_DAYS`), before the
    office knew, were still claimed to it. The carrier rejected the claim (the patient was not
    covered); the office deleted it, which in OpenDental deletes its claim procedures too,
    entered the subscription's last day and billed the family. What is left of such a claim is
    the snapshot OpenDental took of each procedure when the claim was created, pointing at a
    claim procedure that no longer exists."""
    pat = visits.proc_patient
    end = patients.plan_end[pat]
    plan = np.maximum(patients.plan[pat], 0)
    fee_total = visits.proc_fee * visits.proc_units
    created = np.minimum(visits.proc_date + np.timedelta64(1, "D"), cal.today)
    procs = np.flatnonzero(
        (end > NO_DATE)
        & (visits.proc_date > end)
        & (visits.proc_date <= end + np.timedelta64(COVERAGE_END_FOUND_DAYS, "D"))
        & visits.completed
        & (visits.proc_date <= cal.today)
        & (fee_total > 0)
        & (visits.proc_apt > 0)
    )
    n = len(procs)
    allowed = allowed_fee(practice, visits, procs, plan[procs])
    percent = practice.plan_coverage[plan[procs], coverage_level(practice, visits)[procs]]
    snap = Frame("claimsnapshot", n)
    snap.update(
        {
            "ClaimSnapshotNum": keys.take("claimsnapshot", n),
            "ProcNum": visits.proc_num[procs],
            "ClaimType": "P",
            "Writeoff": np.where(
                practice.plan_is_ppo[plan[procs]], np.round(fee_total[procs] - allowed, 2), 0.0
            ),
            "InsPayEst": plan_estimate(allowed, percent),
            "Fee": fee_total[procs],
            "DateTEntry": at_minute(created[procs], 9 * 60),
            # The deleted claim procedures' keys: taken, and gone with the claim.
            "ClaimProcNum": keys.take("claimproc", n),
            "SnapshotTrigger": 0,
        }
    )
    out.add(snap)


def transmit_claims(
    claim_num: Ints,
    sent: Days,
    carrier: Ints,
    pat_num: Ints,
    plan_num: Ints,
    ins_sub: Ints,
    first_sequence: int,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """One electronic claim transaction per claim sent, numbered on from `first_sequence`; the
    clearinghouse accepts almost all."""
    n = len(claim_num)
    et = Frame("etrans", n)
    et.update(
        {
            "EtransNum": keys.take("etrans", n),
            "DateTimeTrans": at_minute(sent, rng.integers(8 * 60, 18 * 60, n)),
            "Etype": 0,
            "ClaimNum": claim_num,
            "OfficeSequenceNumber": np.arange(n) + first_sequence,
            "CarrierNum": carrier,
            "PatNum": pat_num,
            "BatchNumber": rng.integers(1, 1000, n),
            "AckCode": np.where(rng.random(n) < 0.98, "A", "R").astype(object),
            "PlanNum": plan_num,
            "InsSubNum": ins_sub,
        }
    )
    out.add(et)


def scan_eob(
    checks: Checks,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
    desk: np.random.Generator | None = None,
) -> None:
    """A third of carrier checks come with an EOB the office scans: the carrier's PDF, or an
    image (`EOB_IMAGE_P`) where the desk photographed or scanned a paper EOB."""
    scanned = np.flatnonzero(rng.random(len(checks.num)) < 0.33)
    n = len(scanned)
    extension = np.full(n, "pdf", dtype=object)
    if desk is not None:
        image = desk.random(n) < EOB_IMAGE_P
        kinds = np.array(EOB_IMAGE_EXTENSIONS, dtype=object)
        extension = np.where(image, kinds[desk.integers(0, len(kinds), n)], extension)
    eob = Frame("eobattach", n)
    eob.update(
        {
            "EobAttachNum": keys.take("eobattach", n),
            "ClaimPaymentNum": checks.num[scanned],
            "DateTCreated": at_minute(checks.date[scanned], 14 * 60),
            "FileName": np.array(
                [f"EOB_{int(c)}.{e}" for c, e in zip(checks.num[scanned], extension, strict=True)],
                dtype=object,
            ),
        }
    )
    out.add(eob)


def record_blue_book(
    practice: Practice,
    visits: Visits,
    cps: ClaimprocRows,
    benefits: PatientBenefits | None,
    keys: KeyCounter,
    out: ChangeSet,
) -> None:
    """Blue book: what out-of-network (non-PPO) plans actually paid per code, for estimates,
    with the allowed amount their EOBs state (`eob_allowed_amount`) on primary claims."""
    oon = np.flatnonzero(
        (cps.status == RECEIVED) & ~practice.plan_is_ppo[cps.plan] & (cps.paid > 0)
    )
    n = len(oon)
    procs = cps.proc[oon]
    bb = Frame("insbluebook", n)
    bb.update(
        {
            "InsBlueBookNum": keys.take("insbluebook", n),
            "ProcCodeNum": practice.codes.code_num[visits.proc_code[procs]],
            "CarrierNum": practice.plan_carrier[cps.plan[oon]],
            "PlanNum": practice.plan_num[cps.plan[oon]],
            "InsPayAmt": cps.paid[oon],
            "AllowedOverride": np.where(
                cps.claim_type[oon] == "P",
                eob_allowed_amount(practice, visits, cps, benefits)[oon],
                -1.0,
            ),
            "GroupNum": practice.plan_group_num[cps.plan[oon]],
            "DateTEntry": at_minute(
                cps.date_cp[oon], 16 * 60
            ),  # written when the payment is entered
            "ProcNum": visits.proc_num[procs],
            "ProcDate": visits.proc_date[procs],
            "ClaimType": cps.claim_type[oon],
            "ClaimNum": cps.claim[oon],
        }
    )
    out.add(bb)


def answer_claims(
    state: PracticeState,
    day: np.datetime64,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """A simulated day's payment runs: each carrier, on its weekday, answers the primary claims
    whose turnaround has come, pays them as `carrier_pays` says and sends one check per office.

    Updates the claims and their claimprocs (received, paid, dated `day`) and inserts the checks,
    every stamp on `day`.
    """
    claim_num = state.column("claim", "ClaimNum")
    sent = state.column("claim", "DateSent").astype("datetime64[D]")
    plan_rows = np.searchsorted(
        state.column("insplan", "PlanNum"), state.column("claim", "PlanNum")
    )
    carrier = state.column("insplan", "CarrierNum")[plan_rows]
    outstanding = (
        (state.column("claim", "ClaimStatus") == "S")
        & (state.column("claim", "ClaimType") == "P")
        & (sent < day)
    )
    on_pay_run = carrier_pay_day(np.full(len(carrier), day), carrier) == day
    days_out = (day - sent).astype(np.int64)
    chance = answered_on_pay_run_p(days_out)
    answered = np.flatnonzero(outstanding & on_pay_run & (rng.random(len(claim_num)) < chance))
    cp_claim = state.column("claimproc", "ClaimNum")
    cp_rows = np.flatnonzero(
        np.isin(cp_claim, claim_num[answered])
        & (state.column("claimproc", "Status") == NOT_RECEIVED)
    )
    claim_of_proc = np.searchsorted(claim_num[answered], cp_claim[cp_rows])
    estimate = state.column("claimproc", "InsPayEst")[cp_rows]
    paid = carrier_pays(estimate, claim_of_proc, len(answered), rng)
    n_cp = len(cp_rows)
    on_day = np.full(n_cp, day)
    cp_carrier = carrier[answered][claim_of_proc]
    # A denial comes without a check, as in history (`paid_something`).
    checks = bundle_checks(
        cp_carrier,
        state.column("claim", "ClinicNum")[answered][claim_of_proc],
        on_day,
        paid,
        paid_something(claim_of_proc + 1, paid),
        keys,
    )
    carrier_names = state.column("carrier", "CarrierName")[
        np.searchsorted(state.column("carrier", "CarrierNum"), checks.carrier)
    ]
    desk = state.column("userod", "UserGroupNum") == FRONT_DESK_GROUP
    post_insurance_payment(
        checks,
        carrier_names,
        state.defs("InsurancePaymentType"),
        int(state.defs("ClaimPaymentGroups")[0]),
        state.column("userod", "UserNum")[desk],
        rng,
        out,
    )
    out.update(
        "claimproc",
        state.column("claimproc", "ClaimProcNum")[cp_rows],
        {
            "Status": RECEIVED,
            "InsPayAmt": paid,
            "DateCP": on_day,
            "DateInsFinalized": on_day,
            "ClaimPaymentNum": checks.of_row,
            "PaymentRow": 1,
        },
        at_minute(on_day, 15 * 60),
    )
    claim_paid = np.round(np.bincount(claim_of_proc, weights=paid, minlength=len(answered)), 2)
    out.update(
        "claim",
        claim_num[answered],
        {"ClaimStatus": "R", "DateReceived": np.full(len(answered), day), "InsPayAmt": claim_paid},
        at_minute(np.full(len(answered), day), 16 * 60),
    )


def send_waiting_claims(
    state: PracticeState,
    day: np.datetime64,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """On a working day the office sends the primary claims waiting since recent visits, within
    days of the visit as in history, each with its electronic transaction."""
    status = state.column("claim", "ClaimStatus")
    waiting = np.isin(status, ["U", "W", "I"]) & (state.column("claim", "ClaimType") == "P")
    service = state.column("claim", "DateService").astype("datetime64[D]")
    chance = np.where(
        weekday(np.array([day]))[0] < 5,
        sent_today_p((day - service).astype(np.int64), status == "I"),
        0.0,
    )
    sent = np.flatnonzero(waiting & (service <= day) & (rng.random(len(service)) < chance))
    claim_num = state.column("claim", "ClaimNum")[sent]
    plan_num = state.column("claim", "PlanNum")[sent]
    carrier = state.column("insplan", "CarrierNum")[
        np.searchsorted(state.column("insplan", "PlanNum"), plan_num)
    ]
    sequence = state.column("etrans", "OfficeSequenceNumber")
    on_day = np.full(len(sent), day)
    transmit_claims(
        claim_num,
        on_day,
        carrier,
        state.column("claim", "PatNum")[sent],
        plan_num,
        state.column("claim", "InsSubNum")[sent],
        int(sequence.max()) + 1 if len(sequence) else 1,
        keys,
        rng,
        out,
    )
    out.update(
        "claim",
        claim_num,
        {"ClaimStatus": "S", "DateSent": on_day, "DateSentOrig": on_day},
        at_minute(on_day, 16 * 60),
    )


def claim_visits(
    state: PracticeState,
    day: np.datetime64,
    apt_num: Ints,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """The primary claim of each visit completed on `day` (`apt_num`) for an insured patient, as
    `send_claim` makes history's: one claim per visit for its completed procedures with a fee.

    The procedures' estimates become the claim's lines, not received and dated by the visit,
    with the plan's estimate and, on a PPO plan, the write-off down to the plan's fee schedule
    (`allowed_fee`'s rule). The claim waits to be sent (unsent or in the queue, as history
    leaves unsent claims, or held in process for its attachments: `attachment_hold`) for
    `send_waiting_claims`.
    """
    proc_apt = state.column("procedurelog", "AptNum")
    done = np.flatnonzero(
        (state.column("procedurelog", "ProcStatus") == TP) & np.isin(proc_apt, apt_num)
    )
    proc_num = state.column("procedurelog", "ProcNum")[done]
    cp_proc = state.column("claimproc", "ProcNum")
    complete_capitation_on_day(state, day, proc_num, out)
    lines = np.flatnonzero(
        (state.column("claimproc", "Status") == ESTIMATE) & np.isin(cp_proc, proc_num)
    )
    procs = done[np.searchsorted(proc_num, cp_proc[lines])]
    units = (
        state.column("procedurelog", "UnitQty")[procs]
        + state.column("procedurelog", "BaseUnits")[procs]
    )
    fee = state.column("procedurelog", "ProcFee")[procs] * units
    lines, procs, units, fee = lines[fee > 0], procs[fee > 0], units[fee > 0], fee[fee > 0]
    visits, claim_of_line = np.unique(proc_apt[procs], return_inverse=True)
    n = len(visits)
    if not n:
        return
    plan_num = state.column("claimproc", "PlanNum")[lines]
    write_off = estimated_write_off(state, procs, plan_num)
    estimate = state.column("claimproc", "InsPayEst")[lines]

    first = np.zeros(n, np.int64)
    first[claim_of_line[::-1]] = np.arange(len(lines))[::-1]
    apt_rows = np.searchsorted(state.column("appointment", "AptNum"), visits)
    pat_num = state.column("appointment", "PatNum")[apt_rows]
    dentist = state.column("appointment", "ProvNum")[apt_rows]
    sub = state.column("claimproc", "InsSubNum")[lines][first]
    coverage = _coverage_of(state, pat_num, sub)
    claim_num = keys.take("claim", n)
    on_day = np.full(n, day)
    users = state.column("userod", "UserNum")

    def per_claim(values: Floats) -> Floats:
        return np.round(np.bincount(claim_of_line, weights=values, minlength=n), 2)

    code = state.column("procedurelog", "CodeNum")[procs]
    proc_code = state.column("procedurecode", "ProcCode")[
        np.searchsorted(state.column("procedurecode", "CodeNum"), code)
    ]
    held = attachment_hold(per_claim(needs_attachments(proc_code)) > 0, rng.spawn(1)[0]) > 0

    cl = Frame("claim", n)
    cl.update(
        {
            "ClaimNum": claim_num,
            "PatNum": pat_num,
            "DateService": on_day,
            "ClaimStatus": np.where(held, "I", np.where(rng.random(n) < 0.5, "U", "W")).astype(
                object
            ),
            "PlanNum": plan_num[first],
            "ProvTreat": dentist,
            "ClaimFee": per_claim(fee),
            "InsPayEst": per_claim(estimate),
            "WriteOff": per_claim(write_off),
            "ClaimType": "P",
            "ProvBill": dentist,
            "PlaceService": 0,
            "PatRelat": coverage["relation"],
            "PlanNum2": coverage["plan2"],
            "PatRelat2": coverage["relation2"],
            "ClinicNum": state.column("appointment", "ClinicNum")[apt_rows],
            "InsSubNum": sub,
            "InsSubNum2": coverage["sub2"],
            "ClaimIdentifier": np.array(
                [f"{p}/{c}" for p, c in zip(pat_num, claim_num, strict=True)], dtype=object
            ),
            "SecUserNumEntry": users[rng.integers(0, len(users), n)],
            "SecDateEntry": on_day,
        }
    )
    cl.stamp(at_minute(on_day, 17 * 60))
    out.add(cl)
    line_day = np.full(len(lines), day)
    out.update(
        "claimproc",
        state.column("claimproc", "ClaimProcNum")[lines],
        {
            "ClaimNum": claim_num[claim_of_line],
            "Status": NOT_RECEIVED,
            "FeeBilled": fee,
            "WriteOff": write_off,
            "WriteOffEst": write_off,
            "DateCP": line_day,
            "ProcDate": line_day,
            "LineNumber": 1,
        },
        at_minute(line_day, 17 * 60),
    )


def complete_capitation_on_day(
    state: PracticeState, day: np.datetime64, proc_num: Ints, out: ChangeSet
) -> None:
    """The procedures `proc_num` completed on a simulated `day` whose estimates are a
    capitation plan's (CapEstimate) become CapComplete, as OpenDental changes them when the
    procedure is set complete: the copay and write-off kept, dated by the day, on no claim
    (history's `complete_capitation_procedures`)."""
    rows = np.flatnonzero(
        (state.column("claimproc", "Status") == CAP_ESTIMATE)
        & np.isin(state.column("claimproc", "ProcNum"), proc_num)
    )
    on_day = np.full(len(rows), day)
    out.update(
        "claimproc",
        state.column("claimproc", "ClaimProcNum")[rows],
        {"Status": CAP_COMPLETE, "DateCP": on_day, "ProcDate": on_day},
        at_minute(on_day, 17 * 60),
    )


def estimated_write_off(state: PracticeState, proc_rows: Ints, plan_num: Ints) -> Floats:
    """What the plan `plan_num` writes off on each procedure (rows of the state's procedurelog),
    by `allowed_fee`'s rule: on a fee-schedule plan (PPO, Medicaid or flat copay, capitation) the
    fee above the plan's fee schedule (the office's fee at most), nothing on other plans."""
    units = (
        state.column("procedurelog", "UnitQty")[proc_rows]
        + state.column("procedurelog", "BaseUnits")[proc_rows]
    )
    fee = state.column("procedurelog", "ProcFee")[proc_rows] * units
    code = state.column("procedurelog", "CodeNum")[proc_rows]
    return np.round(fee - allowed_on_plan(state, fee, code, units, plan_num), 2)


def allowed_on_plan(
    state: PracticeState, fee: Floats, code_num: Ints, units: Ints, plan_num: Ints
) -> Floats:
    """What the plan `plan_num` allows on each procedure (office fee `fee` times units already,
    code `code_num`), by `allowed_amount`'s rule over the twin's plans and fee schedules."""
    plan_rows = np.searchsorted(state.column("insplan", "PlanNum"), plan_num)
    # Plans paying from a fee schedule (PPO, Medicaid or flat copay, capitation: the ones
    # `build_practice` gives the PPO schedule) allow the schedule's fee; so do plans with an
    # allowed-fee schedule of their own (Tricare), from that schedule.
    allowed_sched = state.column("insplan", "AllowedFeeSched")[plan_rows]
    on_schedule = np.isin(state.column("insplan", "PlanType")[plan_rows], ["p", "f", "c"]) | (
        allowed_sched > 0
    )
    schedule = np.where(
        allowed_sched > 0, allowed_sched, state.column("insplan", "FeeSched")[plan_rows]
    )
    # Insurance schedules hold no clinic or provider fees (`practice.LOCALISED_SCHEDULES`): the
    # lookup finds their default fee for any provider at any clinic.
    anyone = np.zeros(len(code_num), np.int64)
    schedule_fee = fee_of(state, schedule, code_num, anyone, anyone) * units
    return allowed_amount(fee, schedule_fee, on_schedule)


def coverage_percent(
    state: PracticeState, plan_num: Ints, code_num: Ints, pat_num: Ints | None = None
) -> Ints:
    """The percent the plan `plan_num` pays on each code: the plan's coinsurance benefit for the
    code's coverage level (`coverage_of_code`; a benefit names its level by the code
    `BENEFIT_CODE_OF_LEVEL` gives it), as history's `plan_coverage`; with `pat_num`, a
    patient's own coinsurance row on that plan's coverage overrides it (history's
    `with_patient_benefits`)."""
    code_rows = np.searchsorted(state.column("procedurecode", "CodeNum"), code_num)
    proc_code = state.column("procedurecode", "ProcCode")
    level_of = {
        int(state.column("procedurecode", "CodeNum")[proc_code == code][0]): level
        for level, code in BENEFIT_CODE_OF_LEVEL.items()
    }
    coinsurance = state.column("benefit", "BenefitType") == _BENEFIT.code("CoInsurance")
    percent = {
        (plan, level_of.get(code, "")): pct
        for plan, code, pct in zip(
            state.column("benefit", "PlanNum")[coinsurance].tolist(),
            state.column("benefit", "CodeNum")[coinsurance].tolist(),
            state.column("benefit", "Percent")[coinsurance].tolist(),
            strict=True,
        )
    }
    levels = [coverage_of_code(c) for c in proc_code[code_rows].tolist()]
    pct = np.array(
        [percent.get((p, lvl), 0) for p, lvl in zip(plan_num.tolist(), levels, strict=True)],
        dtype=np.int64,
    )
    if pat_num is None:
        return pct
    # A patient's own rows hang on their coverage (PatPlanNum): (patient, plan, level) -> percent.
    plan_of_sub = dict(
        zip(
            state.column("inssub", "InsSubNum").tolist(),
            state.column("inssub", "PlanNum").tolist(),
            strict=True,
        )
    )
    coverage = {
        pp: (pat, plan_of_sub.get(sub, 0))
        for pp, pat, sub in zip(
            state.column("patplan", "PatPlanNum").tolist(),
            state.column("patplan", "PatNum").tolist(),
            state.column("patplan", "InsSubNum").tolist(),
            strict=True,
        )
    }
    own = {
        (*coverage[pp], level_of.get(code, "")): p
        for pp, code, p in zip(
            state.column("benefit", "PatPlanNum")[coinsurance].tolist(),
            state.column("benefit", "CodeNum")[coinsurance].tolist(),
            state.column("benefit", "Percent")[coinsurance].tolist(),
            strict=True,
        )
        if pp in coverage
    }
    return np.array(
        [
            own.get((pat, plan, lvl), p)
            for pat, plan, lvl, p in zip(
                pat_num.tolist(), plan_num.tolist(), levels, pct.tolist(), strict=True
            )
        ],
        dtype=np.int64,
    )


def primary_coverage(
    state: PracticeState, out: ChangeSet, pat_num: Ints, day: np.datetime64
) -> tuple[Ints, Ints]:
    """Each patient's primary subscription (InsSubNum) and its plan (PlanNum) on `day`, 0 when
    none: from the twin's patplan and inssub rows and those `out` inserts (a new family's
    coverage); a subscription past its last day (DateTerm) covers no one."""

    def rows(name: str, columns: tuple[str, ...]) -> list[list[int]]:
        mine = [state.column(name, c).tolist() for c in columns]
        for part in out.inserts.get(name, []):
            for have, c in zip(mine, columns, strict=True):
                have.extend(part.column(c.lower()).to_pylist())
        return mine

    pp_pat, pp_sub, pp_ordinal = rows("patplan", ("PatNum", "InsSubNum", "Ordinal"))
    term = state.column("inssub", "DateTerm").astype("datetime64[D]")
    lapsed = state.column("inssub", "InsSubNum")[(term > NO_DATE) & (term < day)]
    sub_plan = dict(zip(*rows("inssub", ("InsSubNum", "PlanNum")), strict=True))
    sub_plan.update(dict.fromkeys(lapsed.tolist(), 0))
    first = {p: s for p, s, o in zip(pp_pat, pp_sub, pp_ordinal, strict=True) if o == 1}
    sub = np.array([first.get(p, 0) for p in pat_num.tolist()], dtype=np.int64)
    plan = np.array([sub_plan.get(s, 0) for s in sub.tolist()], dtype=np.int64)
    return sub, plan


def estimate_booked_treatment(
    state: PracticeState,
    day: np.datetime64,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """The insurance estimates of the procedures booked on a simulated `day` (the planned
    procedures `out` inserts), as history's `estimate_planned_treatment` makes them: for an
    insured patient's procedure with a fee, one estimate claimproc (Status Estimate, on no
    claim) of what the primary plan would pay (`plan_estimate` of `allowed_on_plan` at the
    plan's `coverage_percent`), written by `write_claimproc_lines` and entered on `day`.

    `claim_visits` turns them into the claim's lines when the visit is completed, and
    `check_out_visits` asks the family for what they do not cover."""
    parts = [p for p in out.inserts.get("procedurelog", []) if p.num_rows]
    if not parts:
        return
    procs = pa.concat_tables(parts)
    procs = procs.filter(pc.equal(procs["procstatus"], TP))
    pat_num = procs["patnum"].to_numpy()
    units = procs["unitqty"].to_numpy() + procs["baseunits"].to_numpy()
    fee = procs["procfee"].to_numpy() * units
    sub, plan_num = primary_coverage(state, out, pat_num, day)
    insured = np.flatnonzero((plan_num > 0) & (fee > 0))
    n = len(insured)
    if not n:
        return
    code_num = procs["codenum"].to_numpy()[insured]
    plan_num, fee, units = plan_num[insured], fee[insured], units[insured]
    percent = coverage_percent(state, plan_num, code_num, pat_num[insured])
    estimate = plan_estimate(allowed_on_plan(state, fee, code_num, units, plan_num), percent)
    proc_date = procs["procdate"].to_numpy()[insured].astype("datetime64[D]")
    code_rows = np.searchsorted(state.column("procedurecode", "CodeNum"), code_num)
    desk = state.column("userod", "UserGroupNum") == FRONT_DESK_GROUP
    nothing = np.zeros(n)
    lines = ClaimprocLines(
        num=keys.take("claimproc", n),
        proc_num=procs["procnum"].to_numpy()[insured],
        claim=np.zeros(n, np.int64),
        pat_num=pat_num[insured],
        prov=procs["provnum"].to_numpy()[insured],
        fee=fee,
        code=state.column("procedurecode", "ProcCode")[code_rows],
        proc_date=proc_date,
        clinic=procs["clinicnum"].to_numpy()[insured],
        sub=sub[insured],
        status=np.full(n, ESTIMATE),
        estimate=estimate,
        write_off=nothing,
        paid=nothing,
        check=np.zeros(n, np.int64),
        plan_num=plan_num,
        percent=percent,
        paid_other_ins=nothing,
        date_cp=proc_date,
        allowed_override=np.full(n, -1.0),
        copay=np.full(n, -1.0),
    )
    write_claimproc_lines(lines, day, state.column("userod", "UserNum")[desk], rng, out)


def _coverage_of(state: PracticeState, pat_num: Ints, sub: Ints) -> dict[str, Ints]:
    """Per patient: the relationship to the subscriber of `sub`, and the other coverage (plan,
    subscription, relationship; 0 when none), from the patient's patplan rows."""
    pp_pat = state.column("patplan", "PatNum")
    pp_sub = state.column("patplan", "InsSubNum")
    pp_relation = state.column("patplan", "Relationship")
    sub_plan = dict(
        zip(
            state.column("inssub", "InsSubNum").tolist(),
            state.column("inssub", "PlanNum").tolist(),
            strict=True,
        )
    )
    rows: dict[int, list[int]] = {}
    for row in np.flatnonzero(np.isin(pp_pat, pat_num)).tolist():
        rows.setdefault(int(pp_pat[row]), []).append(row)
    relation, plan2, sub2, relation2 = (np.zeros(len(pat_num), np.int64) for _ in range(4))
    for k, (patient, own) in enumerate(zip(pat_num.tolist(), sub.tolist(), strict=True)):
        for i in rows.get(patient, []):
            if pp_sub[i] == own:
                relation[k] = pp_relation[i]
            elif not sub2[k]:
                sub2[k], relation2[k] = pp_sub[i], pp_relation[i]
                plan2[k] = sub_plan.get(int(pp_sub[i]), 0)
    return {"relation": relation, "plan2": plan2, "sub2": sub2, "relation2": relation2}


@dataclass(frozen=True)
class PatientBenefits:
    """Per patient (index into Patients): the coverage level (index into COVERAGE_LEVELS) whose
    percentage a benefit row of the patient's own overrides on the primary plan, -1 none."""

    level: Ints
    percent: Ints


def with_patient_benefits(
    pct: Ints, patient: Ints, level: Ints, benefits: PatientBenefits | None
) -> Ints:
    """The primary plan's percentages `pct` (per procedure of `patient` at coverage `level`),
    with the patient's own percentage where a benefit row of theirs overrides the plan's."""
    if benefits is None:
        return pct
    own = benefits.level[patient] == level
    return np.where(own, benefits.percent[patient], pct)


def override_patient_percentage(
    cal: Calendar,
    practice: Practice,
    patients: Patients,
    keys: KeyCounter,
    desk: np.random.Generator,
    out: ChangeSet,
) -> PatientBenefits:
    """Members of incentive plans whose coinsurance has stepped up get their own percentage for
    basic care (`PATIENT_PERCENT_OVERRIDE_P`): a benefit row on their primary coverage
    (PatPlanNum, no PlanNum), overriding the plan's, on commercial and PPO plans."""
    level = COVERAGE_LEVELS.index(PATIENT_PERCENT_OVERRIDE_LEVEL)
    plan = np.maximum(patients.plan, 0)
    plan_type = practice.plan_type if practice.plan_type is not None else np.full(len(plan), "")
    eligible = (patients.plan >= 0) & np.isin(plan_type[plan], ["", "p"])
    base = practice.plan_coverage[plan, level]
    chosen = eligible & (desk.random(patients.n) < PATIENT_PERCENT_OVERRIDE_P) & (base < 100)
    percent = np.minimum(base + PATIENT_PERCENT_OVERRIDE_STEP, 100)
    who = np.flatnonzero(chosen)
    pp_num, pp_pat, pp_ordinal = inserted(out, "patplan", "patplannum", "patnum", "ordinal")
    primary = pp_ordinal == 1
    order = np.argsort(pp_pat[primary])
    rows = np.searchsorted(pp_pat[primary], patients.pat_num[who], sorter=order)
    patplan = pp_num[primary][order][rows].astype(np.int64)
    btype = table("benefit").enum("BenefitType")
    assert btype is not None
    n = len(who)
    b = Frame("benefit", n)
    b.update(
        {
            "BenefitNum": keys.take("benefit", n),
            "PatPlanNum": patplan,
            "BenefitType": btype.code("CoInsurance"),
            "Percent": percent[who],
            "MonetaryAmt": -1.0,
            "TimePeriod": 2,  # calendar year, as the plan's own rows
            # The plan's coinsurance rows name a representative code per level: the override
            # names the same one, so it replaces the plan's percentage for that level.
            "CodeNum": practice.codes.num(BENEFIT_CODE_OF_LEVEL[PATIENT_PERCENT_OVERRIDE_LEVEL]),
            "CoverageLevel": 0,
        }
    )
    b.stamp(at_minute(np.minimum(patients.arrival[who], cal.today), 9 * 60))
    out.add(b)
    return PatientBenefits(
        level=np.where(chosen, level, -1).astype(np.int64),
        percent=np.where(chosen, percent, -1).astype(np.int64),
    )


def paid_something(claim: Ints, paid: Floats) -> Bools:
    """Per claimproc row: its claim was paid something. A denial comes back on an EOB without a
    check: the desk marks the claim received and attaches it to no insurance payment."""
    claims, of_row = np.unique(claim, return_inverse=True)
    by_claim = np.bincount(of_row, weights=paid, minlength=len(claims))
    return np.asarray((by_claim > 0)[of_row] | (claim == 0), dtype=bool)


def pay_more_than_estimated(
    patients: Patients,
    visits: Visits,
    claims: PrimaryClaims,
    payments: Payments,
    desk: np.random.Generator,
) -> Payments:
    """A few carriers pay more than the office estimated (`CLAIM_PAID_OVER_ESTIMATE_P`), up to
    the plan's whole allowed fee: never past what the plan allows, and only where no second plan
    pays after it (the secondary estimate is what the primary's leaves)."""
    n = claims.n
    over = desk.random(n) < CLAIM_PAID_OVER_ESTIMATE_P
    factor = desk.uniform(1.05, 1.3, n)
    single = patients.plan2[visits.proc_patient[claims.sel]] < 0
    rows = (
        over[claims.claim_of_proc]
        & single
        & (payments.paid == claims.estimate)
        & (payments.paid > 0)
    )
    fee = (visits.proc_fee * visits.proc_units)[claims.sel]
    ceiling = np.minimum(claims.allowed, fee - claims.write_off)
    raised = np.round(np.minimum(claims.estimate * factor[claims.claim_of_proc], ceiling), 2)
    return Payments(
        paid=np.where(rows, np.maximum(raised, payments.paid), payments.paid),
        status=payments.status,
        date_cp=payments.date_cp,
    )


def eob_allowed_amount(
    practice: Practice,
    visits: Visits,
    cps: ClaimprocRows,
    benefits: PatientBenefits | None = None,
) -> Floats:
    """Per claimproc row: the allowed amount the carrier's EOB states, what it paid over its
    percentage (no more than the fee); -1 where nothing was paid or nothing is covered."""
    fee = (visits.proc_fee * visits.proc_units)[cps.proc]
    pct = _percentages(practice, visits, cps, benefits)
    allowed = np.minimum(fee, np.round(cps.paid * 100 / np.maximum(pct, 1), 2))
    return np.where((cps.paid > 0) & (pct > 0), allowed, -1.0)


def enter_allowed_override(
    practice: Practice,
    visits: Visits,
    cps: ClaimprocRows,
    benefits: PatientBenefits | None,
    desk: np.random.Generator,
) -> Floats:
    """Per claimproc row: the allowed amount the desk keys from an out-of-network carrier's EOB
    onto some paid primary claim procedures (`ALLOWED_OVERRIDE_P`); -1 (none) elsewhere."""
    keyed = (
        (desk.random(len(cps.num)) < ALLOWED_OVERRIDE_P)
        & (cps.status == RECEIVED)
        & (cps.claim_type == "P")
        & ~practice.plan_is_ppo[cps.plan]
    )
    return np.where(keyed, eob_allowed_amount(practice, visits, cps, benefits), -1.0)


# --- Capitation -------------------------------------------------------------------------------


def capitation_copay(practice: Practice, visits: Visits, procs: Ints, plan: Ints) -> Floats:
    """The patient's copay on a capitation plan: the patient's share (100 less the plan's
    coverage percent) of the plan's schedule fee, as its copay schedule lists it."""
    allowed = allowed_fee(practice, visits, procs, plan)
    pct = practice.plan_coverage[plan, coverage_level(practice, visits)[procs]]
    return np.round(allowed * (100 - pct) / 100, 2)


@dataclass(frozen=True)
class CapitationProcs:
    """Completed procedures of patients on a capitation plan: OpenDental's CapComplete rows."""

    procs: Ints  # index into Visits procedures
    plan: Ints
    copay: Floats
    write_off: Floats


def complete_capitation_procedures(
    practice: Practice, patients: Patients, visits: Visits
) -> CapitationProcs:
    """Each completed, chargeable procedure of a patient whose primary plan is capitation gets a
    CapComplete claimproc, never on a claim: the patient owes the copay and the office writes
    off the rest of its fee; the carrier pays nothing per procedure."""
    pat = visits.proc_patient
    fee_total = visits.proc_fee * visits.proc_units
    plan = patients.plan[pat]
    procs = np.flatnonzero(
        visits.completed
        & (plan >= 0)
        & practice.plan_is_capitation[np.maximum(plan, 0)]
        & (fee_total > 0)
        & (visits.proc_apt > 0)
    )
    plan = plan[procs]
    copay = np.minimum(capitation_copay(practice, visits, procs, plan), fee_total[procs])
    return CapitationProcs(
        procs=procs, plan=plan, copay=copay, write_off=np.round(fee_total[procs] - copay, 2)
    )


@dataclass(frozen=True)
class CapitationClaims:
    """One capitation claim (encounter) per visit of a capitation patient, sent for tracking."""

    claim_of_proc: Ints  # per capitation procedure: its claim
    first_proc: Ints  # per claim: its first procedure (index into Visits procedures)
    patient: Ints
    plan: Ints
    service: Days
    sent: Days
    received: Days  # when the carrier acknowledged it (or the check that paid on it)
    is_sent: Bools
    is_received: Bools

    @property
    def n(self) -> int:
        return len(self.first_proc)


def send_capitation_claim(
    cal: Calendar,
    practice: Practice,
    patients: Patients,
    visits: Visits,
    cap: CapitationProcs,
    desk: np.random.Generator,
) -> CapitationClaims:
    """DHMOs want encounter data: each visit of a capitation patient goes out as a capitation
    claim (CapClaim lines) within days, as claims do; the carrier acknowledges it on its weekly
    run with nothing paid."""
    claim_of_proc, first_proc = one_claim_per(visits.proc_apt[cap.procs], cap.procs)
    n = len(first_proc)
    service = visits.proc_date[first_proc]
    sent = business_day(service + days(desk.integers(*CLAIM_SEND_DELAY_DAYS, n)))
    patient = visits.proc_patient[first_proc]
    plan = patients.plan[patient]
    received = carrier_pay_day(sent + days(claim_turnaround(desk, n)), practice.plan_carrier[plan])
    is_sent = sent <= cal.today
    return CapitationClaims(
        claim_of_proc=claim_of_proc,
        first_proc=first_proc,
        patient=patient,
        plan=plan,
        service=service,
        sent=sent,
        received=received,
        is_sent=is_sent,
        is_received=is_sent & (received <= cal.today),
    )


@dataclass(frozen=True)
class CapitationChecks:
    """The capitation carriers' monthly checks: per check its plan, amount and date."""

    plan: Ints  # index into practice plans
    amount: Floats
    date: Days
    members: Ints


def pay_capitation(cal: Calendar, practice: Practice, patients: Patients) -> CapitationChecks:
    """Each month every capitation plan pays `CAPITATION_PMPM` for each member (its patients of
    record by then, whether or not they came in), on one check early in the month
    (`CAPITATION_CHECK_DAY`)."""
    months = np.arange(cal.start.astype("datetime64[M]") + 1, cal.today.astype("datetime64[M]") + 1)
    day = business_day(months.astype("datetime64[D]") + days(CAPITATION_CHECK_DAY - 1))
    day = day[day <= cal.today]
    plans = np.flatnonzero(practice.plan_is_capitation)
    plan = np.repeat(plans, len(day))
    on = np.tile(day, len(plans))
    members = np.array(
        [
            int(((patients.plan == p) & (patients.arrival <= d)).sum())
            for p, d in zip(plan, on, strict=True)
        ],
        dtype=np.int64,
    )
    paid = members > 0
    return CapitationChecks(
        plan=plan[paid],
        amount=np.round(members[paid] * CAPITATION_PMPM, 2),
        date=on[paid],
        members=members[paid],
    )


def write_capitation(
    cal: Calendar,
    practice: Practice,
    offices: Offices,
    patients: Patients,
    visits: Visits,
    cap: CapitationProcs,
    claims: CapitationClaims,
    keys: KeyCounter,
    desk: np.random.Generator,
    out: ChangeSet,
) -> None:
    """The capitation rows as OpenDental keeps them: a CapComplete claimproc per procedure (the
    copay and the write-off, on no claim), and the capitation claims with a CapClaim line per
    procedure. OpenDental keeps a capitation claim's estimate and payment at zero, so that it
    never touches the patient's balance."""
    n, n_cap = claims.n, len(cap.procs)
    claim_num = keys.take("claim", n)
    sent = np.where(claims.is_sent, claims.sent, NO_DATE)
    received = np.where(claims.is_received, claims.received, NO_DATE)
    pat = claims.patient
    fee_total = visits.proc_fee * visits.proc_units
    fee = np.round(np.bincount(claims.claim_of_proc, weights=fee_total[cap.procs], minlength=n), 2)
    users = offices.user_num
    cl = Frame("claim", n)
    cl.update(
        {
            "ClaimNum": claim_num,
            "PatNum": patients.pat_num[pat],
            "DateService": claims.service,
            "DateSent": sent,
            "ClaimStatus": np.where(
                claims.is_received, "R", np.where(claims.is_sent, "S", "W")
            ).astype(object),
            "DateReceived": received,
            "PlanNum": practice.plan_num[claims.plan],
            "ProvTreat": patients.dentist[pat],
            "ClaimFee": fee,
            "InsPayEst": 0.0,
            "InsPayAmt": 0.0,
            "WriteOff": 0.0,
            "ClaimType": "Cap",
            **_patient_claim_header(practice, patients, pat, claim_num),
            "SecUserNumEntry": users[desk.integers(0, len(users), n)],
            "SecDateEntry": np.where(
                claims.is_sent,
                np.minimum(claims.sent, claims.service + np.timedelta64(1, "D")),
                np.minimum(claims.service + np.timedelta64(1, "D"), cal.today),
            ),
            "DateSentOrig": sent,
        }
    )
    cl.stamp(
        at_minute(np.minimum(claims.service, cal.today), 17 * 60),
        at_minute(
            np.maximum(np.maximum(sent, received), np.minimum(claims.service, cal.today)), 16 * 60
        ),
    )
    out.add(cl)

    procs = cap.procs
    n_rows = 2 * n_cap
    proc_date = np.tile(visits.proc_date[procs], 2)
    write_off = np.concatenate([cap.write_off, np.zeros(n_cap)])
    cp_pat = np.tile(visits.proc_patient[procs], 2)
    cpf = Frame("claimproc", n_rows)
    cpf.update(
        {
            "ClaimProcNum": keys.take("claimproc", n_rows),
            "ProcNum": np.tile(visits.proc_num[procs], 2),
            "ClaimNum": np.concatenate(
                [np.zeros(n_cap, np.int64), claim_num[claims.claim_of_proc]]
            ),
            "PatNum": patients.pat_num[cp_pat],
            "ProvNum": np.tile(visits.proc_prov[procs], 2),
            "FeeBilled": np.concatenate([np.zeros(n_cap), fee_total[procs]]),
            "InsPayEst": 0.0,
            "Status": np.concatenate([np.full(n_cap, CAP_COMPLETE), np.full(n_cap, CAP_CLAIM)]),
            "InsPayAmt": 0.0,
            "PlanNum": practice.plan_num[np.tile(cap.plan, 2)],
            "DateCP": proc_date,
            "WriteOff": write_off,
            "CodeSent": np.tile(practice.codes.proc_code[visits.proc_code[procs]], 2),
            "AllowedOverride": -1.0,
            "Percentage": -1,
            "PercentOverride": -1,
            "CopayAmt": np.concatenate([cap.copay, np.full(n_cap, -1.0)]),
            "BaseEst": 0.0,
            "CopayOverride": -1.0,
            "ProcDate": proc_date,
            "DateEntry": np.minimum(proc_date, cal.today),
            "LineNumber": np.concatenate([np.zeros(n_cap, np.int64), np.ones(n_cap, np.int64)]),
            "DedEst": -1.0,
            "DedEstOverride": -1.0,
            "InsEstTotal": 0.0,
            "InsEstTotalOverride": -1.0,
            "PaidOtherInsOverride": -1.0,
            "WriteOffEst": write_off,
            "WriteOffEstOverride": -1.0,
            "ClinicNum": patients.clinic[cp_pat],
            "InsSubNum": patients.ins_sub[cp_pat],
            "SecUserNumEntry": users[desk.integers(0, len(users), n_rows)],
        }
    )
    cpf.stamp(at_minute(np.minimum(proc_date, cal.today), 17 * 60))
    out.add(cpf)
    on = np.flatnonzero(claims.is_sent)
    transmit_claims(
        claim_num[on],
        claims.sent[on],
        practice.plan_carrier[claims.plan[on]],
        patients.pat_num[pat[on]],
        practice.plan_num[claims.plan[on]],
        patients.ins_sub[pat[on]],
        sum(len(t) for t in out.inserts.get("etrans", [])) + 1,
        keys,
        desk,
        out,
    )


@dataclass(frozen=True)
class CapitationAccounts:
    """One account per capitation plan whose checks come: the carrier's, a non-patient covered
    by the plan, at the office where most of the plan's members are seen."""

    plans: Ints  # plan indices, sorted
    pat_num: Ints
    sub_num: Ints
    clinic: Ints
    dentist: Ints
    carrier_name: Strings
    rows: tuple[Frame, ...]  # patient, inssub, patplan, patientnote


def post_capitation_check(
    cal: Calendar,
    practice: Practice,
    offices: Offices,
    patients: Patients,
    checks: CapitationChecks,
    keys: KeyCounter,
    desk: np.random.Generator,
    out: ChangeSet,
) -> tuple[Frame, ...]:
    """The monthly capitation check goes on the books the way OpenDental offices keep it off
    their members' accounts (OpenDental will not post a capitation claim's payment by total on a
    patient, as it would change the patient's balance): an account for the carrier (a
    non-patient, covered by the plan) is charged the month's capitation income as an adjustment,
    and the check pays it As Total (a claimproc with no procedure) on a claim made for it.

    Returns the accounts' patient, inssub, patplan and patientnote rows, for the caller to add
    with the unit's patients."""
    accounts = open_capitation_accounts(cal, practice, offices, patients, checks, keys)
    if accounts is None:
        return ()
    of = np.searchsorted(accounts.plans, checks.plan)
    charge_capitation_income(practice, offices, accounts, of, checks, keys, desk, out)
    check_num = pay_capitation_by_total(practice, offices, accounts, of, checks, keys, desk, out)
    post_insurance_payment(
        Checks(
            num=check_num,
            of_row=np.zeros(0, np.int64),
            amount=checks.amount,
            date=checks.date,
            carrier=practice.plan_carrier[checks.plan],
            clinic=accounts.clinic[of],
        ),
        accounts.carrier_name[of],
        practice.defs("InsurancePaymentType"),
        int(practice.defs("ClaimPaymentGroups")[0]),
        offices.user_num,
        desk,
        out,
    )
    return accounts.rows


def open_capitation_accounts(
    cal: Calendar,
    practice: Practice,
    offices: Offices,
    patients: Patients,
    checks: CapitationChecks,
    keys: KeyCounter,
) -> CapitationAccounts | None:
    """The carriers' accounts, opened a month before the history (None when no check comes)."""
    plans = np.unique(checks.plan)
    n_acc = len(plans)
    if not n_acc:
        return None
    setup = np.full(n_acc, cal.start - np.timedelta64(30, "D"))
    acc_num = keys.take("patient", n_acc)
    members_clinic = [
        np.bincount(patients.clinic[patients.plan == p]).argmax() if (patients.plan == p).any()
        else offices.clinic_num[0]
        for p in plans
    ]  # fmt: skip
    clinic = np.array(members_clinic, dtype=np.int64)
    dentist = np.array([offices.dentists_of(int(c))[0] for c in clinic], dtype=np.int64)
    carrier_name = practice.carrier_name[
        np.searchsorted(practice.carrier_num, practice.plan_carrier[plans])
    ]
    acc = Frame("patient", n_acc)
    acc.update(
        {
            "PatNum": acc_num,
            "LName": carrier_name,
            "FName": "Capitation",
            "PatStatus": table("patient").enum("PatStatus").code("NonPatient"),
            "Guarantor": acc_num,
            "PriProv": dentist,
            "ClinicNum": clinic,
            "HasIns": "I",
            "Language": "eng",
            "Country": "US",
            "BillingType": practice.defs("BillingTypes")[0],
            "SecDateEntry": setup,
            "SecUserNumEntry": offices.user_num[0],
        }
    )
    acc.stamp(at_minute(setup, 9 * 60))
    sub_num = keys.take("inssub", n_acc)
    sub = Frame("inssub", n_acc)
    sub.update(
        {
            "InsSubNum": sub_num,
            "PlanNum": practice.plan_num[plans],
            "Subscriber": acc_num,
            "DateEffective": setup,
            "ReleaseInfo": 1,
            "AssignBen": 1,
            "SubscriberID": np.array([f"CAP{int(n):06d}" for n in acc_num], dtype=object),
            "SecUserNumEntry": offices.user_num[0],
        }
    )
    sub.stamp(at_minute(setup, 9 * 60))
    pp = Frame("patplan", n_acc)
    pp.update(
        {
            "PatPlanNum": keys.take("patplan", n_acc),
            "PatNum": acc_num,
            "Ordinal": 1,
            "Relationship": table("patplan").enum("Relationship").code("Self"),
            "InsSubNum": sub_num,
        }
    )
    pp.stamp(at_minute(setup, 9 * 60))

    note = Frame("patientnote", n_acc)  # OpenDental keeps a note row for every account
    note.update(
        {
            "PatNum": acc_num,
            "OrthoMonthsTreatOverride": -1,
            "SecDateTEntry": at_minute(setup, 9 * 60),
        }
    )
    note.stamp(at_minute(setup, 9 * 60))
    return CapitationAccounts(
        plans=plans,
        pat_num=acc_num,
        sub_num=sub_num,
        clinic=clinic,
        dentist=dentist,
        carrier_name=carrier_name,
        rows=(acc, sub, pp, note),
    )


def charge_capitation_income(
    practice: Practice,
    offices: Offices,
    accounts: CapitationAccounts,
    of: Ints,
    checks: CapitationChecks,
    keys: KeyCounter,
    desk: np.random.Generator,
    out: ChangeSet,
) -> None:
    """Each month's capitation income charged to the carrier's account (`of`: per check, its
    account), as an adjustment of the practice's "Capitation income" type."""
    acc_num, clinic, dentist = accounts.pat_num, accounts.clinic, accounts.dentist
    n = len(checks.plan)
    on = checks.date
    users = offices.user_num
    adj = Frame("adjustment", n)
    adj.update(
        {
            "AdjNum": keys.take("adjustment", n),
            "AdjDate": on,
            "AdjAmt": checks.amount,
            "PatNum": acc_num[of],
            "AdjType": practice.def_num("AdjTypes", "Capitation income"),
            "ProvNum": dentist[of],
            "AdjNote": np.array([f"Capitation, {m} members" for m in checks.members], dtype=object),
            "ProcDate": on,
            "DateEntry": on,
            "ClinicNum": clinic[of],
            "SecUserNumEntry": users[desk.integers(0, len(users), n)],
        }
    )
    adj.stamp(at_minute(on, 11 * 60))
    out.add(adj)


def pay_capitation_by_total(
    practice: Practice,
    offices: Offices,
    accounts: CapitationAccounts,
    of: Ints,
    checks: CapitationChecks,
    keys: KeyCounter,
    desk: np.random.Generator,
    out: ChangeSet,
) -> Ints:
    """The checks received As Total on claims made on the carriers' accounts: one received claim
    and one claimproc with no procedure per check. Returns the checks' ClaimPaymentNums."""
    acc_num, sub_num = accounts.pat_num, accounts.sub_num
    clinic, dentist = accounts.clinic, accounts.dentist
    n = len(checks.plan)
    on = checks.date
    users = offices.user_num
    claim_num = keys.take("claim", n)
    cl = Frame("claim", n)
    cl.update(
        {
            "ClaimNum": claim_num,
            "PatNum": acc_num[of],
            "DateService": on,
            "DateSent": on,
            "ClaimStatus": "R",
            "DateReceived": on,
            "PlanNum": practice.plan_num[checks.plan],
            "ProvTreat": dentist[of],
            "ClaimFee": 0.0,
            "InsPayEst": 0.0,
            "InsPayAmt": checks.amount,
            "WriteOff": 0.0,
            "ClaimType": "P",
            "ProvBill": dentist[of],
            "PlaceService": 0,
            "PatRelat": table("patplan").enum("Relationship").code("Self"),
            "ClinicNum": clinic[of],
            "InsSubNum": sub_num[of],
            "ClaimIdentifier": np.array(
                [f"{p}/{c}" for p, c in zip(acc_num[of], claim_num, strict=True)], dtype=object
            ),
            "SecUserNumEntry": users[desk.integers(0, len(users), n)],
            "SecDateEntry": on,
            "DateSentOrig": on,
        }
    )
    cl.stamp(at_minute(on, 11 * 60))
    out.add(cl)
    check_num = keys.take("claimpayment", n)
    cpf = Frame("claimproc", n)
    cpf.update(
        {
            "ClaimProcNum": keys.take("claimproc", n),
            "ClaimNum": claim_num,
            "PatNum": acc_num[of],
            "ProvNum": dentist[of],
            "Status": RECEIVED,
            "InsPayAmt": checks.amount,
            "ClaimPaymentNum": check_num,
            "PlanNum": practice.plan_num[checks.plan],
            "DateCP": on,
            "AllowedOverride": -1.0,
            "Percentage": -1,
            "PercentOverride": -1,
            "CopayAmt": -1.0,
            "CopayOverride": -1.0,
            "ProcDate": on,
            "DateEntry": on,
            "LineNumber": 1,
            "DedEst": -1.0,
            "DedEstOverride": -1.0,
            "InsEstTotalOverride": -1.0,
            "PaidOtherInsOverride": -1.0,
            "WriteOffEstOverride": -1.0,
            "ClinicNum": clinic[of],
            "InsSubNum": sub_num[of],
            "PaymentRow": 1,
            "SecUserNumEntry": users[desk.integers(0, len(users), n)],
            "DateInsFinalized": on,
        }
    )
    cpf.stamp(at_minute(on, 11 * 60))
    out.add(cpf)
    return check_num


# --- Preauthorizations ------------------------------------------------------------------------


@dataclass(frozen=True)
class Preauths:
    """Preauthorizations: per procedure its preauth claim and the carrier's estimate."""

    procs: Ints  # index into Visits procedures
    claim_of_proc: Ints
    estimate: Floats  # what the office estimated
    approved: Floats  # what the carrier's answer says it will pay (0 until answered)
    first_proc: Ints  # per claim
    sent: Days  # per claim
    received: Days
    is_received: Bools


def send_preauthorization(
    cal: Calendar,
    practice: Practice,
    patients: Patients,
    visits: Visits,
    benefits: PatientBenefits | None,
    desk: np.random.Generator,
) -> Preauths:
    """Some planned major work (`PREAUTH_P`) is sent to the primary carrier as a
    preauthorization (ClaimType PreAuth, Preauth claimprocs) days after it is diagnosed, one per
    patient and diagnosis day; the carrier answers with what it would pay on its weekly run.
    Only work still planned, or done after the answer came back (offices wait for it)."""
    pat = visits.proc_patient
    plan = patients.plan_on(pat, visits.proc_date_tp)
    fee_total = visits.proc_fee * visits.proc_units
    level = coverage_level(practice, visits)
    major = level == COVERAGE_LEVELS.index("major")
    candidate = np.flatnonzero(
        major
        & (plan >= 0)
        & ~practice.plan_is_capitation[np.maximum(plan, 0)]
        & (fee_total > 0)
        & (visits.proc_date_tp > NO_DATE)
        & (visits.proc_date_tp <= cal.today)
        & (visits.completed | (visits.proc_status == TP))
        & (desk.random(len(pat)) < PREAUTH_P)
    )
    key = pat[candidate].astype(np.int64) * 1_000_000 + visits.proc_date_tp[candidate].astype(
        np.int64
    )
    claim_of, first = one_claim_per(key, candidate)
    n = len(first)
    sent = business_day(visits.proc_date_tp[first] + days(desk.integers(1, 6, n)))
    carrier = practice.plan_carrier[plan[first]]
    received = carrier_pay_day(sent + days(claim_turnaround(desk, n)), carrier)
    ok_claim = sent <= cal.today
    # Work done before the answer came back was not waiting on it: no preauth for it.
    done_early = visits.completed[candidate] & (visits.proc_date[candidate] < received[claim_of])
    keep = ok_claim[claim_of] & ~done_early
    procs = candidate[keep]
    claims_kept, claim_of_proc = np.unique(claim_of[keep], return_inverse=True)
    p = plan[procs]
    pct = with_patient_benefits(
        practice.plan_coverage[p, level[procs]], pat[procs], level[procs], benefits
    )
    estimate = np.round(allowed_fee(practice, visits, procs, p) * pct / 100, 2)
    is_received = received[claims_kept] <= cal.today
    return Preauths(
        procs=procs,
        claim_of_proc=claim_of_proc,
        estimate=estimate,
        approved=np.where(is_received[claim_of_proc], estimate, 0.0),
        first_proc=first[claims_kept],
        sent=sent[claims_kept],
        received=received[claims_kept],
        is_received=is_received,
    )


def write_preauthorizations(
    cal: Calendar,
    practice: Practice,
    offices: Offices,
    patients: Patients,
    visits: Visits,
    pre: Preauths,
    keys: KeyCounter,
    desk: np.random.Generator,
    out: ChangeSet,
) -> None:
    """The preauthorization claims and their Preauth claimprocs, as OpenDental keeps them: the
    carrier's answer is entered as the amount it would pay (InsPayAmt on the Preauth lines),
    which pays nothing and leaves the balance alone; each preauth goes out electronically."""
    n, n_cp = len(pre.first_proc), len(pre.procs)
    if not n:
        return
    claim_num = keys.take("claim", n)
    pat = visits.proc_patient[pre.first_proc]
    plan = patients.plan[pat]
    fee_total = visits.proc_fee * visits.proc_units
    received = np.where(pre.is_received, pre.received, NO_DATE)

    def per_claim(values: Floats) -> Floats:
        return np.round(np.bincount(pre.claim_of_proc, weights=values, minlength=n), 2)

    users = offices.user_num
    cl = Frame("claim", n)
    cl.update(
        {
            "ClaimNum": claim_num,
            "PatNum": patients.pat_num[pat],
            # A preauthorization's service date is the day the work was planned.
            "DateService": visits.proc_date_tp[pre.first_proc],
            "DateSent": pre.sent,
            "ClaimStatus": np.where(pre.is_received, "R", "S").astype(object),
            "DateReceived": received,
            "PlanNum": practice.plan_num[plan],
            "ProvTreat": patients.dentist[pat],
            "ClaimFee": per_claim(fee_total[pre.procs]),
            "InsPayEst": per_claim(pre.estimate),
            "InsPayAmt": per_claim(pre.approved),
            "WriteOff": 0.0,
            "ClaimType": "PreAuth",
            **_patient_claim_header(practice, patients, pat, claim_num),
            "SecUserNumEntry": users[desk.integers(0, len(users), n)],
            "SecDateEntry": pre.sent,
            "DateSentOrig": pre.sent,
        }
    )
    cl.stamp(at_minute(pre.sent, 10 * 60), at_minute(np.maximum(pre.sent, received), 16 * 60))
    out.add(cl)
    procs = pre.procs
    cp_pat = visits.proc_patient[procs]
    date_cp = np.where(pre.is_received, pre.received, pre.sent)[pre.claim_of_proc]
    cpf = Frame("claimproc", n_cp)
    cpf.update(
        {
            "ClaimProcNum": keys.take("claimproc", n_cp),
            "ProcNum": visits.proc_num[procs],
            "ClaimNum": claim_num[pre.claim_of_proc],
            "PatNum": patients.pat_num[cp_pat],
            "ProvNum": visits.proc_prov[procs],
            "FeeBilled": fee_total[procs],
            "InsPayEst": pre.estimate,
            "Status": PREAUTH,
            "InsPayAmt": pre.approved,
            "PlanNum": practice.plan_num[patients.plan[cp_pat]],
            "DateCP": date_cp,
            "CodeSent": practice.codes.proc_code[visits.proc_code[procs]],
            "AllowedOverride": -1.0,
            "Percentage": -1,
            "PercentOverride": -1,
            "CopayAmt": -1.0,
            "BaseEst": pre.estimate,
            "CopayOverride": -1.0,
            "ProcDate": visits.proc_date_tp[procs],
            "DateEntry": pre.sent[pre.claim_of_proc],
            "LineNumber": 1,
            "DedEst": -1.0,
            "DedEstOverride": -1.0,
            "InsEstTotal": pre.estimate,
            "InsEstTotalOverride": -1.0,
            "PaidOtherInsOverride": -1.0,
            "WriteOffEstOverride": -1.0,
            "ClinicNum": patients.clinic[cp_pat],
            "InsSubNum": patients.ins_sub[cp_pat],
            "SecUserNumEntry": users[desk.integers(0, len(users), n_cp)],
        }
    )
    cpf.stamp(at_minute(pre.sent[pre.claim_of_proc], 10 * 60), at_minute(date_cp, 16 * 60))
    out.add(cpf)
    transmit_claims(
        claim_num,
        pre.sent,
        practice.plan_carrier[plan],
        patients.pat_num[pat],
        practice.plan_num[plan],
        patients.ins_sub[pat],
        sum(len(t) for t in out.inserts.get("etrans", [])) + 1,
        keys,
        desk,
        out,
    )


def _patient_claim_header(
    practice: Practice, patients: Patients, pat: Ints, claim_num: Ints
) -> dict[str, object]:
    """The columns of a claim on patient `pat`'s primary plan that name the patient's coverage
    (both plans, relationships, subscriptions), the office and the billing dentist."""
    other = patients.plan2[pat] >= 0
    return {
        "ProvBill": patients.dentist[pat],
        "PlaceService": 0,
        "PatRelat": patients.relation1[pat],
        "PlanNum2": np.where(other, practice.plan_num[np.maximum(patients.plan2[pat], 0)], 0),
        "PatRelat2": np.where(other, patients.relation2[pat], 0),
        "ClinicNum": patients.clinic[pat],
        "InsSubNum": patients.ins_sub[pat],
        "InsSubNum2": patients.ins_sub2[pat],
        "ClaimIdentifier": np.array(
            [f"{p}/{c}" for p, c in zip(patients.pat_num[pat], claim_num, strict=True)],
            dtype=object,
        ),
    }
