"""A generated practice with each of OpenDental's own rules (int_opendental_rule_breaks) broken
exactly once, on rows of its own: the SQL runs on a loaded raw layer, DuckDB or PostgreSQL."""

from __future__ import annotations

# Payments with one split, and with several; claim payments (checks) likewise.
_SINGLE_SPLIT = "(select paynum from raw.paysplit group by paynum having count(*) = 1)"
_MULTI_SPLIT = "(select paynum from raw.paysplit group by paynum having count(*) > 1)"
# A check with one line and no scanned EOB attached, so deleting it breaks only its rule.
_SINGLE_LINE_CHECK = (
    "(select claimpaymentnum from raw.claimproc where claimpaymentnum > 0"
    " and claimpaymentnum not in (select claimpaymentnum from raw.eobattach)"
    " group by claimpaymentnum having count(*) = 1)"
)
_MULTI_LINE_CHECK = (
    "(select claimpaymentnum from raw.claimproc where claimpaymentnum > 0"
    " group by claimpaymentnum having count(*) > 1)"
)
_MISSING = 999_999_000  # a key no generated table reaches

# rule -> the statement that breaks it on one row (and no other rule).
BREAK_ONE_ROW: dict[str, str] = {
    "payment_splits_add_up": "update raw.payment set payamt = payamt + 1"
    f" where paynum = (select min(paynum) from {_SINGLE_SPLIT} as p)",
    "split_payment_exists": "delete from raw.payment"
    f" where paynum = (select max(paynum) from {_SINGLE_SPLIT} as p)",
    "split_dated_with_payment": "update raw.paysplit set datepay = datepay - 1"
    f" where splitnum = (select min(splitnum) from raw.paysplit where paynum in {_MULTI_SPLIT})",
    "split_procedure_exists": f"update raw.paysplit set procnum = {_MISSING + 1} where splitnum ="
    f" (select max(splitnum) from raw.paysplit where procnum > 0 and paynum in {_MULTI_SPLIT})",
    "split_adjustment_exists": f"update raw.paysplit set adjnum = {_MISSING + 2} where splitnum ="
    " (select max(splitnum) from raw.paysplit where procnum = 0 and adjnum = 0)",
    "claim_payment_adds_up": "update raw.claimpayment set checkamt = checkamt + 1"
    f" where claimpaymentnum = (select min(claimpaymentnum) from {_MULTI_LINE_CHECK} as c)",
    "claim_procedure_check_exists": "delete from raw.claimpayment"
    f" where claimpaymentnum = (select max(claimpaymentnum) from {_SINGLE_LINE_CHECK} as c)",
    "claim_procedure_dated_with_check": "update raw.claimproc set datecp = datecp - 1"
    " where claimprocnum = (select min(claimprocnum) from raw.claimproc where status = 1"
    f" and claimpaymentnum in {_MULTI_LINE_CHECK})",
    "claim_procedure_claim_exists": f"update raw.claimproc set claimnum = {_MISSING + 3}"
    " where claimprocnum = (select min(claimprocnum) from raw.claimproc where status = 0"
    " and claimnum > 0)",
    "claim_procedure_patient_matches_claim": "update raw.claimproc"
    " set patnum = (select max(patnum) from raw.patient) where claimprocnum ="
    " (select min(claimprocnum) from raw.claimproc where status = 1"
    f" and claimpaymentnum in {_SINGLE_LINE_CHECK})",
    "claim_procedure_procedure_exists": f"update raw.claimproc set procnum = {_MISSING + 4}"
    " where claimprocnum = (select max(claimprocnum) from raw.claimproc where status = 1"
    " and procnum > 0)",
    "completed_procedure_within_practice_days": "update raw.procedurelog"
    " set procdate = date '2027-01-15' where procnum ="
    " (select max(procnum) from raw.procedurelog where procstatus = 2)",
    "completed_appointment_within_practice_days": "update raw.appointment"
    " set aptdatetime = timestamp '2027-01-15 09:00:00' where aptnum ="
    " (select max(aptnum) from raw.appointment where aptstatus = 2)",
    "procedure_fee_not_negative": "update raw.procedurelog set procfee = -procfee where procnum ="
    " (select min(procnum) from raw.procedurelog where procstatus = 1 and procfee > 0)",
    "procedure_appointment_exists": f"update raw.procedurelog set aptnum = {_MISSING + 5}"
    " where procnum = (select min(procnum) from raw.procedurelog where procstatus = 2"
    " and aptnum > 0)",
    "adjustment_sign_matches_type": "update raw.adjustment set adjamt = -adjamt where adjnum ="
    " (select min(a.adjnum) from raw.adjustment as a"
    " inner join raw.definition as d on d.defnum = a.adjtype"
    " where d.itemvalue = '-' and a.adjamt < 0)",
    "adjustment_procedure_exists": f"update raw.adjustment set procnum = {_MISSING + 6}"
    " where adjnum = (select max(adjnum) from raw.adjustment)",
}
