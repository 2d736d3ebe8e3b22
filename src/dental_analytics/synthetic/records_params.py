"""The rates behind the practice's records: communications, charting, documents, tasks, logs.

Kept beside `params.py` in the same style: each figure with the fact or the office routine it
stands on. Where a figure is the team's assumption about a typical US general practice running
OpenDental, it says so. `RECORD_VOLUMES` holds the reference counts (scale 1) of the record
tables that `params.TRANSACTION_VOLUMES` does not list.
"""

from __future__ import annotations

# --- Appointment reminders and confirmations (commlog) ------------------------------------------
# Offices remind patients one to three days ahead (front-office routine; OpenDental's eReminders
# default to two days). About half of the reminders leave a commlog entry: manual calls and texts
# are logged, automated sends are logged only where the office turned that on (assumption).
REMINDER_LOGGED_P = 0.45
REMINDER_DAYS_BEFORE = (1, 4)  # low inclusive, high exclusive
# Share of logged text reminders whose reply ("C" to confirm) is logged as a received message.
REMINDER_REPLY_LOGGED_P = 0.35
PHONE_CALL_MINUTES = (1, 6)

# --- Recall reminders -------------------------------------------------------------------------
# An overdue recall gets up to three contacts, about three weeks apart (recall systems in
# practice-management guides: a postcard or text, then a call, then a last reminder).
RECALL_OVERDUE_CONTACTS_MAX = 3
RECALL_CONTACT_SPACING_DAYS = 21
# Recall visits booked from a reminder rather than at the previous visit (assumption: most
# patients book their next cleaning at checkout; ADA HPI pre-appointment rates of 60-80%).
RECALL_BOOKED_FROM_REMINDER_P = 0.3
# Overdue recalls the front desk marks with a status (left message, texted, ...).
RECALL_STATUS_SET_P = 0.6

# --- Other calls and notes ----------------------------------------------------------------------
FINANCIAL_CALL_PER_STATEMENT = 0.1  # statements followed by a billing call (assumption)
TREATMENT_FOLLOW_UP_P = 0.5  # unaccepted treatment plans get a follow-up call
POST_OP_CALL_P = 0.6  # extractions and root canals get a next-day call (clinical routine)
MISC_NOTES_PER_PATIENT = 0.08  # address changes, questions, messages

# --- Patient file -----------------------------------------------------------------------------
FAMILY_FINANCIAL_NOTE_P = 0.25  # guarantors with a family financial note
MEDICAL_ALERT_P = 0.12  # adults with a medical summary (premedication, allergy, ...)
EMERGENCY_CONTACT_P = 0.3  # adults with an in-case-of-emergency contact
# Links between patient records: merges of duplicates found later and clones made for another
# office (assumption: one link per five patients of record, the reference data set's figure).
PATIENT_LINK_SHARE = 0.2
PATIENT_LINK_MERGE_SHARE = 0.6

# --- Referrals ----------------------------------------------------------------------------------
SPECIALIST_REFERRALS = 30  # endodontists, periodontists, oral surgeons, orthodontists, ...
PATIENT_REFERRALS = 18  # patients who refer friends and family, entered as referral sources
# New patients who name a referral source (new-patient intake forms ask; most answer).
REFERRAL_SOURCE_P = 0.7
# Where named sources come from: other patients, marketing, other doctors (practice-marketing
# surveys put word of mouth first).
REFERRAL_SOURCE_KIND_P = {"patient": 0.4, "marketing": 0.45, "doctor": 0.15}
# Completed root canals and oral surgery the office refers out to a specialist for a second
# stage or follow-up (assumption).
REFERRED_OUT_P = 0.2

# --- Charting -------------------------------------------------------------------------------
GROUP_NOTE_P = 0.03  # completed multi-procedure visits whose procedures share a group note
MISSING_TEETH_P = 0.35  # adults 25+ charted with missing teeth (NHANES: most adults miss some)
MISSING_TEETH_COUNT = (1, 5)  # low inclusive, high exclusive
HIDDEN_TEETH_P = 0.2  # young adults with unerupted wisdom teeth charted as hidden
TREATMENT_PLAN_PRESENTED_BY_DENTIST_P = 0.5

# --- Documents ----------------------------------------------------------------------------------
# Radiographs stored in OpenDental's images module; the rest stay in the imaging bridge's own
# store (assumption: practices with sensor software keep part of the images there).
RADIOGRAPH_STORED_P = 0.6
INSURANCE_CARD_SCAN_P = 0.4  # insured patients whose card is scanned at the first visit
CONSENT_SCAN_P = 0.5  # surgery and root canals with a scanned signed consent

# --- Sheets (patient forms) -----------------------------------------------------------------
NEW_PATIENT_WEB_FORMS_P = 0.3  # new patients who fill registration and history online
MEDICAL_HISTORY_UPDATE_P = 0.12  # yearly update forms, per returning patient-year
CONSENT_SHEET_P = 0.3  # surgery and root canals consented on an electronic sheet

# --- Tasks ----------------------------------------------------------------------------------
TASKS_PER_PATIENT = 0.2
GENERAL_TASK_SHARE = 0.2  # tasks about the office rather than a patient
TASK_DONE_DAYS = (0, 10)  # low inclusive, high exclusive
TASK_OPEN_P = 0.1  # tasks left open (viewed or new) even when old

# --- Appointment history and logs -----------------------------------------------------------
APPOINTMENT_MOVED_P = 0.08  # appointments moved to another time after booking
UNSCHEDULE_DAYS_BEFORE = (1, 10)  # cancellations come this many days before the visit

# --- Insurance verification -----------------------------------------------------------------
# Offices verify eligibility before each visit; one current row per patient plan, the most
# recent verification within the last year (OpenDental keeps older ones in insverifyhist).
VERIFY_DAYS_BEFORE_VISIT = (1, 8)
VERIFY_STATUS_P = {"Verified": 0.7, "Verified online": 0.2, "Benefits breakdown needed": 0.05,
                   "Verified, plan changed": 0.05}

# --- Staff time adjustments -----------------------------------------------------------------
STAFF_PER_CLINIC = 6  # front desk, assistants and hygienists on the timecard
PTO_DAYS_PER_STAFF_YEAR = 8  # BLS: private-industry workers average 8-11 paid vacation days
TIME_CORRECTIONS_PER_CLINIC_MONTH = 2  # missed clock-outs and other manual corrections
OVERTIME_WEEKS_P = 0.1  # staff-weeks with overtime moved from regular hours

# --- Reference volumes (scale 1) of the record tables not in params.TRANSACTION_VOLUMES ----------
RECORD_VOLUMES = {
    "referral": 60,
    "refattach": 2_500,
    "treatplan": 3_500,
    "proctp": 7_000,
    "procgroupitem": 500,
    "perioexam": 1_200,
    "toothinitial": 3_000,
    "sheetfield": 20_000,
    "histappointment": 30_000,
    "securitylog": 35_000,
    "entrylog": 15_000,
    "insverify": 2_500,
    "timeadjust": 600,
}
