"""A simulated practice day: the same rules as history, over one day of a live practice's state.

`advance_day` takes the state a twin was in the evening before (`PracticeState`, read by
`warehouse.mysql_twin.read_state`) and returns what the office did on the day as a change set,
every row stamp on the simulated clock, so a simulated day is the same whenever it is run.
`warehouse.mysql_twin.apply_changes` writes it. The day's random stream comes from the seed and
the date, so replaying a day replays its draws.

The day runs the rules that have been moved onto the state so far, in the office's order, each
with its own random stream (so adding a rule leaves the others' draws alone):
- the day's appointments are kept, broken or sent to the unscheduled list, and a few left open
  (`visits.keep_appointments`, with history's `visit_outcome`, `broken_charges` and
  `delete_some_broken`): completed visits complete their procedures, broken ones may be charged
  a tracking code and some are deleted, the recall procedures of visits that did not happen are
  deleted with their estimates, and a visit left open stays Scheduled with its procedures; a
  deleted one gets its Deleted history row and security log entry (`audit.record_deletions`,
  as history's `build_audit` records them);
- the front desk checks the completed visits out (`payments.check_out_visits`): a prepayment
  for the visit is reallocated to it (its split deleted and entered again on the visit's
  procedure), some visits get a discount posted as an adjustment (`payments.discount_on_day`,
  history's `discount_at_checkout`, typed and written as `record_adjustments` does), and the
  family pays the rest of the estimated portion with history's `pays_at_checkout`, split over
  the providers as history splits it;
- the office makes the primary claim of each insured visit completed on the day
  (`claims.claim_visits`, one claim per visit as history's `send_claim`; the procedures'
  estimates become its lines, with the PPO write-off by `allowed_fee`'s rule);
- the recall system books the next hygiene visit of patients whose last one falls six months
  before the book's new last day (`visits.book_recall_on_day`: history's retention, jitter and
  `recall_visit_procedures`);
- the office sends the claims of recent visits (`claims.send_waiting_claims`, with history's
  delay after the visit and its `transmit_claims`);
- the carriers' payment runs answer claims whose turnaround has come (`claims.answer_claims`,
  paying as `claims.carrier_pays` does in history and posting checks with its
  `post_insurance_payment`);
- new families join at history's rate of new patients (`patients.join_practice`, with
  `build_patients`' steps: family, people, home office, coverage where the practice has plans,
  fee schedule, patient rows), and each new patient's first visit is booked on the call
  (`visits.book_first_visits`: history's first recall visit with a new patient's procedures);
- the procedures booked on the day (recall and first visits) of insured patients get the primary
  plan's estimate (`claims.estimate_booked_treatment`, history's `estimate_planned_treatment`:
  `plan_estimate` of the allowed fee at the plan's coverage percent, read from the twin's
  benefits, fee schedules and patplans), so the visit completes with a claim and the family is
  asked only for what the plan is not expected to pay;
- the front desk moves some booked appointments to another day (`audit.move_appointments`,
  history's move rate `moved_on_open_day_p` over each appointment's window and its
  `another_day`, into the first free chair of the visit's kind by `visits.next_slots`): the
  planned procedures and their estimates are dated by the visit again, and the move is recorded
  in the appointment's history (`audit.copy_to_history`) and the security log;
- on the practice's billing day (the first open day from the 5th: `payments.billing_run_on`)
  the office sends statements (`payments.bill_families_on_day`, history's `bill_family`): the
  families' ledger is read from the twin (`payments.ledger_of_state`: procedures, adjustments,
  payments, payment plans, insurance paid and expected) and aged by history's `age_ledger`, and
  each family owing more than `STATEMENT_MIN_BALANCE` beyond what insurance is expected to pay
  is billed, up to `STATEMENT_REPEAT_MAX` statements since its oldest unpaid charge; some
  repeat statements carry the billing charge;
- the front desk logs its reminders of visits a few days ahead for patients the automated
  messages cannot reach (`communications.remind_on_day`, history's `remind_appointment` one
  day at a time, in the commlog).
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from dental_analytics.synthetic.audit import move_appointments, record_deletions
from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.claims import (
    answer_claims,
    claim_visits,
    estimate_booked_treatment,
    send_waiting_claims,
)
from dental_analytics.synthetic.communications import remind_on_day
from dental_analytics.synthetic.context import rng_for
from dental_analytics.synthetic.patients import join_practice
from dental_analytics.synthetic.payments import bill_families_on_day, check_out_visits
from dental_analytics.synthetic.state import PracticeState
from dental_analytics.synthetic.visits import (
    book_first_visits,
    book_recall_on_day,
    keep_appointments,
)

# The stream of simulated days, apart from history's (0 is the practice, units count from 1),
# and one stream per rule within a day.
_SIMULATED_DAYS = 1_000_000
(
    _SEND_CLAIMS,
    _ANSWER_CLAIMS,
    _KEEP_APPOINTMENTS,
    _CHECK_OUT,
    _CLAIM_VISITS,
    _BOOK_RECALL,
    _NEW_PATIENTS,
    _DISCOUNTS,
    _REMINDERS,
    _ESTIMATES,
    _MOVES,
    _STATEMENTS,
    _DELETIONS,
) = range(13)


def advance_day(state: PracticeState, day: dt.date, seed: int) -> ChangeSet:
    """What the practice does on `day`, given its state the evening before."""
    keys = state.key_counter()
    today = np.datetime64(day, "D")

    def rng(rule: int) -> np.random.Generator:
        return rng_for(seed, _SIMULATED_DAYS, day.toordinal(), rule)

    changes = ChangeSet()
    completed = keep_appointments(state, today, keys, rng(_KEEP_APPOINTMENTS), changes)
    record_deletions(state, changes.deleted("appointment"), keys, rng(_DELETIONS), changes)
    check_out_visits(state, today, completed, keys, rng(_CHECK_OUT), changes, rng(_DISCOUNTS))
    claim_visits(state, today, completed, keys, rng(_CLAIM_VISITS), changes)
    book_recall_on_day(state, today, keys, rng(_BOOK_RECALL), changes)
    send_waiting_claims(state, today, keys, rng(_SEND_CLAIMS), changes)
    answer_claims(state, today, keys, rng(_ANSWER_CLAIMS), changes)
    new_patients = rng(_NEW_PATIENTS)
    newcomers = join_practice(state, today, keys, new_patients, changes)
    book_first_visits(state, today, newcomers, keys, new_patients, changes)
    estimate_booked_treatment(state, today, keys, rng(_ESTIMATES), changes)
    move_appointments(state, today, keys, rng(_MOVES), changes)
    bill_families_on_day(state, today, keys, rng(_STATEMENTS), changes)
    remind_on_day(state, today, keys, rng(_REMINDERS), changes)
    return changes
