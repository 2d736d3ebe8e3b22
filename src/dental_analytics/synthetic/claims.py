"""Insurance claims for insured patients' completed procedures, and the carriers' payments.

One primary claim per visit (one claimproc per claimed procedure), a secondary claim where a
second plan covers the patient, estimates for planned treatment. The carrier pays its share of
the allowed fee; on a PPO plan the difference between the office fee and the allowed fee is
written off. A carrier's check (claimpayment) pays every claim it finalised that day for an
office, and its amount is the sum of the payments attached to it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dental_analytics.opendental import table
from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.context import (
    Calendar,
    Days,
    Floats,
    Ints,
    KeyCounter,
    at_minute,
    business_day,
    days,
    weekday,
)
from dental_analytics.synthetic.frame import NO_DATE, Frame
from dental_analytics.synthetic.offices import Offices
from dental_analytics.synthetic.params import (
    CLAIM_DENIED_P,
    CLAIM_SEND_DELAY_DAYS,
    CLAIM_TURNAROUND_DAYS_MEDIAN,
    CLAIM_TURNAROUND_SIGMA,
    CLAIM_UNDERPAID_P,
    SECONDARY_PAYS_P,
    SUPPLEMENTAL_P,
)
from dental_analytics.synthetic.patients import Patients
from dental_analytics.synthetic.practice import COVERAGE_LEVELS, PPO, Practice
from dental_analytics.synthetic.visits import TP, Visits

_CP = table("claimproc").enum("Status")
NOT_RECEIVED, RECEIVED, SUPPLEMENTAL, ESTIMATE = (
    _CP.code("NotReceived"),
    _CP.code("Received"),
    _CP.code("Supplemental"),
    _CP.code("Estimate"),
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


def carrier_pay_day(days: Days, carrier: Ints) -> Days:
    """The carrier's next weekly payment run on or after `days` (each carrier pays on one weekday)."""
    wait = (np.asarray(carrier) % 5 - weekday(days)) % 7
    return days.astype("datetime64[D]") + wait.astype("timedelta64[D]")


def build_claims(
    cal: Calendar,
    practice: Practice,
    offices: Offices,
    patients: Patients,
    visits: Visits,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> Claimprocs:
    codes = practice.codes
    pc = visits.proc_code
    pat = visits.proc_patient
    fee_total = visits.proc_fee * visits.proc_units
    billable = (
        visits.completed & (patients.plan[pat] >= 0) & (fee_total > 0) & (visits.proc_apt > 0)
    )
    level = np.searchsorted(
        np.array(COVERAGE_LEVELS, dtype=object),
        codes.coverage[pc],
        sorter=np.argsort(np.array(COVERAGE_LEVELS, dtype=object)),
    )
    level = np.argsort(np.array(COVERAGE_LEVELS, dtype=object))[level]

    def allowed_for(plan: Ints) -> Floats:
        ppo = practice.plan_is_ppo[plan]
        return np.where(ppo, np.minimum(codes.fee[PPO, pc_sel] * units_sel, fee_sel), fee_sel)

    # ---------------- primary claims: one per visit ------------------------------------------------
    sel = np.flatnonzero(billable)
    pc_sel, units_sel, fee_sel = pc[sel], visits.proc_units[sel], fee_total[sel]
    plan1 = patients.plan[pat[sel]]
    allowed1 = allowed_for(plan1)
    pct1 = practice.plan_coverage[plan1, level[sel]]
    est1 = np.round(allowed1 * pct1 / 100, 2)
    wo1 = np.round(fee_sel - allowed1, 2)

    apt_of = visits.proc_apt[sel]
    claim_apts, claim_of_proc = np.unique(apt_of, return_inverse=True)
    n1 = len(claim_apts)
    first_proc = np.zeros(n1, np.int64)
    first_proc[claim_of_proc[::-1]] = sel[::-1]
    service = visits.proc_date[first_proc]
    sent = business_day(service + days(rng.integers(*CLAIM_SEND_DELAY_DAYS, n1)))
    turnaround = np.maximum(
        5, rng.lognormal(np.log(CLAIM_TURNAROUND_DAYS_MEDIAN), CLAIM_TURNAROUND_SIGMA, n1)
    )
    carrier1 = practice.plan_carrier[patients.plan[pat[first_proc]]]
    received = carrier_pay_day(sent + days(turnaround), carrier1)
    is_sent = sent <= cal.today
    is_received = is_sent & (received <= cal.today)
    denied = rng.random(n1) < CLAIM_DENIED_P
    underpaid = ~denied & (rng.random(n1) < CLAIM_UNDERPAID_P)

    c_recv = is_received[claim_of_proc]
    factor = np.where(denied, 0.0, np.where(underpaid, rng.uniform(0.5, 0.95, n1), 1.0))[
        claim_of_proc
    ]
    paid1 = np.where(c_recv, np.round(est1 * factor, 2), 0.0)
    status1 = np.where(c_recv, RECEIVED, NOT_RECEIVED)
    datecp1 = np.where(c_recv, received[claim_of_proc], visits.proc_date[sel])

    # Supplemental payments: the carrier later pays part of a shortfall on an underpaid claim.
    short = (
        c_recv
        & (paid1 < est1)
        & (rng.random(len(sel)) < SUPPLEMENTAL_P / max(CLAIM_UNDERPAID_P, 1e-9))
    )
    supp_date = business_day(received[claim_of_proc] + days(rng.integers(20, 60, len(sel))))
    short &= supp_date <= cal.today
    supp_rows = np.flatnonzero(short)
    supp_amt = np.round((est1 - paid1)[supp_rows] * rng.uniform(0.5, 1.0, len(supp_rows)), 2)

    # ---------------- secondary claims for dual coverage --------------------------------------
    has2 = patients.plan2[pat[sel]] >= 0
    sel2 = np.flatnonzero(has2)  # positions within sel
    plan2 = patients.plan2[pat[sel[sel2]]]
    pc_sel, units_sel, fee_sel = pc[sel[sel2]], visits.proc_units[sel[sel2]], fee_total[sel[sel2]]
    allowed2 = np.minimum(allowed_for(plan2), allowed1[sel2])
    # What the primary's estimate leaves: a later supplemental payment cannot push the total past the fee.
    remaining = np.maximum(fee_total[sel[sel2]] - est1[sel2] - wo1[sel2], 0)
    est2 = np.minimum(
        np.round(allowed2 * practice.plan_coverage[plan2, level[sel[sel2]]] / 100, 2), remaining
    )
    claim2_apts, claim2_of_proc = np.unique(claim_of_proc[sel2], return_inverse=True)
    n2 = len(claim2_apts)
    primary_of_2 = claim2_apts  # index of the primary claim
    sent2 = business_day(received[primary_of_2] + days(rng.integers(1, 6, n2)))
    sent2_ok = is_received[primary_of_2] & (sent2 <= cal.today)
    carrier2 = practice.plan_carrier[patients.plan2[pat[first_proc[primary_of_2]]]]
    received2 = carrier_pay_day(
        sent2
        + days(
            np.maximum(
                5, rng.lognormal(np.log(CLAIM_TURNAROUND_DAYS_MEDIAN), CLAIM_TURNAROUND_SIGMA, n2)
            )
        ),
        carrier2,
    )
    recv2 = sent2_ok & (received2 <= cal.today)
    pays2 = rng.random(n2) < SECONDARY_PAYS_P
    c2_recv = recv2[claim2_of_proc]
    paid2 = np.where(c2_recv & pays2[claim2_of_proc], est2, 0.0)
    status2 = np.where(c2_recv, RECEIVED, NOT_RECEIVED)
    datecp2 = np.where(c2_recv, received2[claim2_of_proc], visits.proc_date[sel[sel2]])

    # ---------------- claims ------------------------------------------------------------------
    n_claims = n1 + n2
    claim_num = keys.take("claim", n_claims)
    claim_num1, claim_num2 = claim_num[:n1], claim_num[n1:]
    first2 = first_proc[primary_of_2]
    c_pat = np.concatenate([pat[first_proc], pat[first2]])
    c_service = np.concatenate([service, service[primary_of_2]])
    c_sent = np.concatenate([np.where(is_sent, sent, NO_DATE), np.where(sent2_ok, sent2, NO_DATE)])
    c_received = np.concatenate(
        [np.where(is_received, received, NO_DATE), np.where(recv2, received2, NO_DATE)]
    )
    status_letter = np.concatenate(
        [
            np.where(
                is_received, "R", np.where(is_sent, "S", np.where(rng.random(n1) < 0.5, "U", "W"))
            ),
            np.where(recv2, "R", np.where(sent2_ok, "S", "H")),
        ]
    )
    c_plan = np.concatenate([patients.plan[c_pat[:n1]], patients.plan2[c_pat[n1:]]])
    c_plan_other = np.concatenate([patients.plan2[c_pat[:n1]], patients.plan[c_pat[n1:]]])
    c_sub = np.concatenate([patients.ins_sub[c_pat[:n1]], patients.ins_sub2[c_pat[n1:]]])
    c_sub_other = np.concatenate([patients.ins_sub2[c_pat[:n1]], patients.ins_sub[c_pat[n1:]]])
    claim_index = np.concatenate([claim_of_proc, n1 + claim2_of_proc])
    fee_rows = np.concatenate([fee_total[sel], fee_total[sel[sel2]]])
    est_rows = np.concatenate([est1, est2])
    paid_rows = np.concatenate([paid1, paid2])
    wo_rows = np.concatenate([wo1, np.zeros(len(sel2))])
    supp_by_claim = np.bincount(claim_of_proc[supp_rows], weights=supp_amt, minlength=n_claims)

    def per_claim(values: Floats) -> Floats:
        return np.round(np.bincount(claim_index, weights=values, minlength=n_claims), 2)

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
            "ClaimFee": per_claim(fee_rows),
            "InsPayEst": per_claim(est_rows),
            "InsPayAmt": per_claim(paid_rows) + supp_by_claim,
            "ClaimType": np.concatenate([np.full(n1, "P"), np.full(n2, "S")]).astype(object),
            "ProvBill": dentist,
            "PlaceService": 0,
            "PatRelat": relation,
            "PlanNum2": np.where(
                c_plan_other >= 0, practice.plan_num[np.maximum(c_plan_other, 0)], 0
            ),
            "PatRelat2": np.where(c_plan_other >= 0, relation_other, 0),
            "WriteOff": per_claim(wo_rows),
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

    # ---------------- claimprocs: primary, secondary, supplemental, estimates -------------------
    tp = np.flatnonzero(
        (visits.proc_status == TP)
        & (patients.plan[pat] >= 0)
        & (fee_total > 0)
        & (visits.proc_date <= cal.horizon)
    )
    pc_sel, units_sel, fee_sel = pc[tp], visits.proc_units[tp], fee_total[tp]
    plan_tp = patients.plan[pat[tp]]
    est_tp = np.round(allowed_for(plan_tp) * practice.plan_coverage[plan_tp, level[tp]] / 100, 2)

    cp_proc = np.concatenate([sel, sel[sel2], sel[supp_rows], tp])
    cp_claim = np.concatenate(
        [
            claim_num1[claim_of_proc],
            claim_num2[claim2_of_proc],
            claim_num1[claim_of_proc[supp_rows]],
            np.zeros(len(tp), np.int64),
        ]
    )
    cp_status = np.concatenate(
        [status1, status2, np.full(len(supp_rows), SUPPLEMENTAL), np.full(len(tp), ESTIMATE)]
    )
    cp_paid = np.concatenate([paid1, paid2, supp_amt, np.zeros(len(tp))])
    cp_est = np.concatenate([est1, est2, np.zeros(len(supp_rows)), est_tp])
    cp_wo = np.concatenate([wo1, np.zeros(len(sel2)), np.zeros(len(supp_rows)), np.zeros(len(tp))])
    cp_datecp = np.concatenate([datecp1, datecp2, supp_date[supp_rows], visits.proc_date[tp]])
    cp_plan = np.concatenate([plan1, plan2, plan1[supp_rows], plan_tp])
    cp_sub = np.concatenate(
        [
            patients.ins_sub[pat[sel]],
            patients.ins_sub2[pat[sel[sel2]]],
            patients.ins_sub[pat[sel[supp_rows]]],
            patients.ins_sub[pat[tp]],
        ]
    )
    cp_pct = np.concatenate(
        [
            pct1,
            practice.plan_coverage[plan2, level[sel[sel2]]],
            pct1[supp_rows],
            practice.plan_coverage[plan_tp, level[tp]],
        ]
    )
    n_cp = len(cp_proc)
    cp_num = keys.take("claimproc", n_cp)
    cp_pat = pat[cp_proc]
    received_rows = np.isin(cp_status, [RECEIVED, SUPPLEMENTAL])

    # Carrier checks: one per carrier, office and day, paying everything finalised together.
    carrier = practice.plan_carrier[cp_plan]
    check_key = np.where(
        received_rows,
        carrier * 10_000_000 + patients.clinic[cp_pat] * 100_000 + cp_datecp.astype(np.int64),
        -1,
    )
    keys_u, check_of = np.unique(check_key[received_rows], return_inverse=True)
    n_chk = len(keys_u)
    chk_num = keys.take("claimpayment", n_chk)
    cp_payment = np.zeros(n_cp, np.int64)
    cp_payment[received_rows] = chk_num[check_of]
    rows_r = np.flatnonzero(received_rows)
    first_row = np.zeros(n_chk, np.int64)
    first_row[check_of[::-1]] = rows_r[::-1]
    check_amt = np.round(np.bincount(check_of, weights=cp_paid[rows_r], minlength=n_chk), 2)
    check_date = cp_datecp[first_row]

    cpf = Frame("claimproc", n_cp)
    cpf.update(
        {
            "ClaimProcNum": cp_num,
            "ProcNum": visits.proc_num[cp_proc],
            "ClaimNum": cp_claim,
            "PatNum": patients.pat_num[cp_pat],
            "ProvNum": visits.proc_prov[cp_proc],
            "FeeBilled": np.where(
                cp_status == ESTIMATE,
                0.0,
                np.where(cp_status == SUPPLEMENTAL, 0.0, fee_total[cp_proc]),
            ),
            "InsPayEst": cp_est,
            "Status": cp_status,
            "InsPayAmt": cp_paid,
            "ClaimPaymentNum": cp_payment,
            "PlanNum": practice.plan_num[cp_plan],
            "DateCP": cp_datecp,
            "WriteOff": cp_wo,
            "CodeSent": codes.proc_code[pc[cp_proc]],
            "AllowedOverride": -1.0,
            "Percentage": cp_pct,
            "PercentOverride": -1,
            "CopayAmt": -1.0,
            "PaidOtherIns": np.concatenate(
                [np.zeros(len(sel)), paid1[sel2], np.zeros(len(supp_rows) + len(tp))]
            ),
            "BaseEst": cp_est,
            "CopayOverride": -1.0,
            "ProcDate": visits.proc_date[cp_proc],
            "DateEntry": np.minimum(visits.proc_date[cp_proc], cal.today),
            "LineNumber": np.where(cp_claim > 0, 1, 0),
            "DedEst": -1.0,
            "DedEstOverride": -1.0,
            "InsEstTotal": cp_est,
            "InsEstTotalOverride": -1.0,
            "PaidOtherInsOverride": -1.0,
            "WriteOffEst": np.concatenate(
                [wo1, np.zeros(len(sel2) + len(supp_rows)), np.zeros(len(tp))]
            ),
            "WriteOffEstOverride": -1.0,
            "ClinicNum": patients.clinic[cp_pat],
            "InsSubNum": cp_sub,
            "PaymentRow": np.where(received_rows, 1, 0),
            "SecUserNumEntry": offices.user_num[rng.integers(0, len(offices.user_num), n_cp)],
            "DateInsFinalized": np.where(received_rows, cp_datecp, NO_DATE),
            "DateSuppReceived": np.where(cp_status == SUPPLEMENTAL, cp_datecp, NO_DATE),
        }
    )
    cpf.stamp(
        at_minute(np.minimum(visits.proc_date[cp_proc], cal.today), 17 * 60),
        at_minute(np.minimum(cp_datecp, cal.today), 15 * 60),
    )
    out.add(cpf)

    ins_types = practice.defs("InsurancePaymentType")
    chk = Frame("claimpayment", n_chk)
    chk.update(
        {
            "ClaimPaymentNum": chk_num,
            "CheckDate": check_date,
            "CheckAmt": check_amt,
            "CheckNum": np.array(
                [f"{x}" for x in rng.integers(100_000, 9_999_999, n_chk)], dtype=object
            ),
            "ClinicNum": patients.clinic[cp_pat[first_row]],
            "CarrierName": practice.carrier_name[
                np.searchsorted(practice.carrier_num, carrier[first_row])
            ],
            "DateIssued": business_day(check_date - days(rng.integers(2, 6, n_chk))),
            "PayType": ins_types[rng.integers(0, len(ins_types), n_chk)],
            "SecUserNumEntry": offices.user_num[rng.integers(0, len(offices.user_num), n_chk)],
            "SecDateEntry": check_date,
            "PayGroup": practice.defs("ClaimPaymentGroups")[0],
        }
    )
    chk.stamp(at_minute(check_date, 11 * 60))
    out.add(chk)

    _claim_side_tables(
        cal,
        practice,
        patients,
        visits,
        keys,
        rng,
        out,
        claim_num=claim_num,
        cp_datecp=cp_datecp,
        c_pat=c_pat,
        c_sent=c_sent,
        c_plan=c_plan,
        c_sub=c_sub,
        cp_num=cp_num,
        cp_proc=cp_proc,
        cp_claim=cp_claim,
        cp_status=cp_status,
        cp_est=cp_est,
        cp_wo=cp_wo,
        cp_paid=cp_paid,
        cp_plan=cp_plan,
        fee_total=fee_total,
        cp_type=np.concatenate(
            [
                np.full(len(sel), "P"),
                np.full(len(sel2), "S"),
                np.full(len(supp_rows) + len(tp), "P"),
            ]
        ).astype(object),
        chk_num=chk_num,
        check_date=check_date,
    )

    return Claimprocs(
        proc_index=cp_proc,
        patient=cp_pat,
        status=cp_status,
        ins_pay_amt=cp_paid,
        ins_pay_est=cp_est,
        write_off=cp_wo,
        date_cp=cp_datecp,
    )


def _claim_side_tables(
    cal: Calendar,
    practice: Practice,
    patients: Patients,
    visits: Visits,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
    *,
    claim_num: Ints,
    cp_datecp: Days,
    c_pat: Ints,
    c_sent: Days,
    c_plan: Ints,
    c_sub: Ints,
    cp_num: Ints,
    cp_proc: Ints,
    cp_claim: Ints,
    cp_status: Ints,
    cp_est: Floats,
    cp_wo: Floats,
    cp_paid: Floats,
    cp_plan: Ints,
    cp_type: np.ndarray,
    fee_total: Floats,
    chk_num: Ints,
    check_date: Days,
) -> None:
    """Snapshots, electronic transactions, EOB scans and blue-book rows that follow the claims."""
    # Snapshot of each claimed procedure when its claim was created.
    # OpenDental snapshots the procedures of primary claims.
    on_claim = np.flatnonzero(np.isin(cp_status, [NOT_RECEIVED, RECEIVED]) & (cp_type == "P"))
    n = len(on_claim)
    snap = Frame("claimsnapshot", n)
    proc_date = visits.proc_date[cp_proc[on_claim]]
    snap.update(
        {
            "ClaimSnapshotNum": keys.take("claimsnapshot", n),
            "ProcNum": visits.proc_num[cp_proc[on_claim]],
            "ClaimType": cp_type[on_claim],
            "Writeoff": cp_wo[on_claim],
            "InsPayEst": cp_est[on_claim],
            "Fee": fee_total[cp_proc[on_claim]],
            "DateTEntry": at_minute(
                np.minimum(proc_date + np.timedelta64(1, "D"), cal.today), 9 * 60
            ),
            "ClaimProcNum": cp_num[on_claim],
            "SnapshotTrigger": 0,
        }
    )
    out.add(snap)

    # One electronic claim transaction per sent claim.
    sent = np.flatnonzero(c_sent > np.datetime64("0001-01-01"))
    n = len(sent)
    et = Frame("etrans", n)
    et.update(
        {
            "EtransNum": keys.take("etrans", n),
            "DateTimeTrans": at_minute(c_sent[sent], rng.integers(8 * 60, 18 * 60, n)),
            "Etype": 0,
            "ClaimNum": claim_num[sent],
            "OfficeSequenceNumber": np.arange(n) + 1,
            "CarrierNum": practice.plan_carrier[c_plan[sent]],
            "PatNum": patients.pat_num[c_pat[sent]],
            "BatchNumber": rng.integers(1, 1000, n),
            "AckCode": np.where(rng.random(n) < 0.98, "A", "R").astype(object),
            "PlanNum": practice.plan_num[c_plan[sent]],
            "InsSubNum": c_sub[sent],
        }
    )
    out.add(et)

    # A third of carrier checks come with a scanned EOB.
    scanned = np.flatnonzero(rng.random(len(chk_num)) < 0.33)
    n = len(scanned)
    eob = Frame("eobattach", n)
    eob.update(
        {
            "EobAttachNum": keys.take("eobattach", n),
            "ClaimPaymentNum": chk_num[scanned],
            "DateTCreated": at_minute(check_date[scanned], 14 * 60),
            "FileName": np.array([f"EOB_{int(c)}.pdf" for c in chk_num[scanned]], dtype=object),
        }
    )
    out.add(eob)

    # Blue book: what out-of-network (non-PPO) plans actually paid per code, for future estimates.
    oon = np.flatnonzero((cp_status == RECEIVED) & ~practice.plan_is_ppo[cp_plan] & (cp_paid > 0))
    n = len(oon)
    bb = Frame("insbluebook", n)
    bb.update(
        {
            "InsBlueBookNum": keys.take("insbluebook", n),
            "ProcCodeNum": practice.codes.code_num[visits.proc_code[cp_proc[oon]]],
            "CarrierNum": practice.plan_carrier[cp_plan[oon]],
            "PlanNum": practice.plan_num[cp_plan[oon]],
            "InsPayAmt": cp_paid[oon],
            "AllowedOverride": -1.0,
            "GroupNum": practice.plan_group_num[cp_plan[oon]],
            "DateTEntry": at_minute(cp_datecp[oon], 16 * 60),  # written when the payment is entered
            "ProcNum": visits.proc_num[cp_proc[oon]],
            "ProcDate": visits.proc_date[cp_proc[oon]],
            "ClaimType": cp_type[oon],
            "ClaimNum": cp_claim[oon],
        }
    )
    out.add(bb)
