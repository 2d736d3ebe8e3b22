"""The rates behind the practice's records: communications, charting, documents, tasks, logs.

Kept beside `params.py` in the same style: each figure with the fact or the office routine it
stands on; where a figure is the team's assumption about a typical US general practice running
OpenDental, it says so. The three record rates `params.py` already holds (REFERRAL_SOURCE_P,
TASKS_PER_PATIENT, PATIENT_LINK_SHARE) are used from there, not repeated here.
"""

from __future__ import annotations

# --- Appointment reminders and confirmations (commlog) ------------------------------------------
# Offices remind patients one to three days ahead (front-office routine). About a third of the
# reminders leave a commlog entry: manual calls and texts are logged, automated sends only where
# the office turned that on (assumption).
REMINDER_LOGGED_P = 0.3
REMINDER_DAYS_BEFORE = (1, 4)  # low inclusive, high exclusive
# Share of logged text reminders whose reply ("C" to confirm) is logged as a received message.
REMINDER_REPLY_LOGGED_P = 0.3
PHONE_CALL_MINUTES = (1, 6)

# --- Automated messaging (eReminders, eConfirmations, thank-yous) -----------------------------
# The practice turned on OpenDental's automated messaging four months before the as-of date
# (assumption: the history then shows the front desk's reminders before and the automation's
# after); from then on the eConnector reminds every patient it can reach by text or email, and the
# desk reminds the rest by hand. Every automated message leaves a commlog entry, so the months of
# automation weigh on the commlog volume (params.TRANSACTION_VOLUMES) more than anything else.
AUTOMATED_MESSAGING_MONTHS = 4
# Each clinic's rules. OpenDental allows up to two reminders and one confirmation per clinic; the
# lead times are common set-ups (a reminder two days ahead and one the same morning, a
# confirmation request three days ahead; assumption).
REMINDER_LEAD_HOURS = 48
SAME_DAY_REMINDER_LEAD_HOURS = 3
CONFIRMATION_LEAD_HOURS = 72
SAME_DAY_REMINDER_ENABLED_P = 0.6  # clinics that turned the same-day reminder on (assumption)
# A thank-you for scheduling goes out when a visit is booked, unless it is this close (assumption).
THANK_YOU_NOT_WITHIN_HOURS = 24
# The channels each rule has templates for (the others go by text, else email): the same-day
# reminder by text only, as an email that morning is read too late; the thank-you by email only,
# as it is not urgent and each text costs the practice (eServices bill per message). Assumption.
SAME_DAY_REMINDER_CHANNELS = "text"
THANK_YOU_CHANNELS = "email"
# Automated messages go out between these hours only (an office restricts sends to waking hours;
# assumption), a few minutes after they fall due (the eConnector works through its queue).
AUTOMATED_SEND_HOURS = (7, 21)
AUTOMATED_SEND_DELAY_MINUTES = (0, 10)  # low inclusive, high exclusive
# Sends that fail: numbers no longer in service, bounced emails (assumption; text-message delivery
# rates reported by SMS providers are 95-98%).
AUTOMATED_SEND_FAILED_P = 0.03
# Confirmed visits whose text confirmation request got a "C" reply the commlog records (the rest
# confirmed through the link or by phone; assumption).
AUTOMATED_CONFIRM_REPLY_P = 0.5

# --- Recall reminders -------------------------------------------------------------------------
# An overdue recall gets up to three contacts, about three weeks apart (recall systems in
# practice-management guides: a postcard or text, then a call, then a last reminder). Offices
# work only part of a long overdue list (assumption).
RECALL_OVERDUE_CHASED_P = 0.5
RECALL_OVERDUE_CONTACTS_MAX = 3
RECALL_CONTACT_SPACING_DAYS = 21
# Recall visits booked from a reminder rather than at the previous visit (assumption: most
# patients book their next cleaning at checkout).
RECALL_BOOKED_FROM_REMINDER_P = 0.15
# Of those reminded by text or email, the share who book through the reminder's Web Sched link
# rather than calling (OpenDental Web Sched Recall; assumption: a third). Web Sched logs the
# booking itself (commlog source WebSched, no user).
WEB_SCHED_BOOKED_P = 0.33
# Overdue recalls the front desk marks with a status (left message, texted, ...).
RECALL_STATUS_SET_P = 0.6
# Recalls more than a year overdue whose patient told the desk they moved or see another dentist:
# the desk disables the recall rather than delete it (OpenDental keeps a recall while its trigger
# procedures exist), which clears its due date. Assumption: one in ten.
RECALL_DISABLED_AFTER_DAYS = 365
RECALL_DISABLED_P = 0.1

# --- Other calls and notes ----------------------------------------------------------------------
FINANCIAL_CALL_PER_STATEMENT = 0.1  # statements followed by a billing call (assumption)
# A family on its third monthly statement in a row (60+ days past due) gets a collections call
# more often than not (assumption: offices call past-due accounts before sending them out).
COLLECTIONS_CALL_P = 0.6
TREATMENT_FOLLOW_UP_P = 0.5  # unaccepted treatment plans get a follow-up call
POST_OP_CALL_P = 0.6  # extractions and root canals get a next-day call (clinical routine)
MISC_NOTES_PER_PATIENT = 0.08  # address changes, questions, messages

# --- Patient file -----------------------------------------------------------------------------
FAMILY_FINANCIAL_NOTE_P = 0.25  # guarantors with a family financial note
MEDICAL_ALERT_P = 0.12  # adults with a medical summary (premedication, allergy, ...)
EMERGENCY_CONTACT_P = 0.3  # adults with an in-case-of-emergency contact
# Of the links between patient records (params.PATIENT_LINK_SHARE), merges of duplicates found
# later; the rest are clones made for another office (assumption).
PATIENT_LINK_MERGE_SHARE = 0.6

# --- Referrals ----------------------------------------------------------------------------------
SPECIALIST_REFERRALS = 30  # endodontists, periodontists, oral surgeons, orthodontists, ...
PATIENT_REFERRALS = 18  # patients who refer friends and family, entered as referral sources
# Where the sources new patients name (params.REFERRAL_SOURCE_P) come from: other patients,
# marketing, other doctors (assumption; word of mouth and online search lead in practice surveys).
REFERRAL_SOURCE_KIND_P = {"patient": 0.4, "marketing": 0.45, "doctor": 0.15}
# Completed root canals and oral surgery the office refers out to a specialist for a second
# stage or follow-up (assumption).
REFERRED_OUT_P = 0.2
# Planned root canals and extractions not yet booked that the dentist refers to the specialist
# instead (molar endodontics, impacted teeth): OpenDental marks the planned procedure Referred
# (ProcStatus R) and attaches the referral to it. Assumption: a quarter; the specialist has
# seen the patient once a referral is this old.
PLANNED_REFERRED_OUT_P = 0.25
REFERRAL_CONSULTED_DAYS = 30

# --- Charting -------------------------------------------------------------------------------
GROUP_NOTE_P = 0.03  # completed multi-procedure visits whose procedures share a group note
# Adults 25+ charted with missing teeth (NIDCR: adults 20-64 keep 25.5 of 28 teeth on average).
MISSING_TEETH_P = 0.35
MISSING_TEETH_COUNT = (1, 5)  # low inclusive, high exclusive
HIDDEN_TEETH_P = 0.2  # adults under 30 with unerupted wisdom teeth charted as hidden
# Treatment plans signed by the patient (treatplan.Signature, DateTSigned). Offices take a signed
# plan as informed consent before treatment (ADA guidance on informed consent; assumption: some
# plans are accepted by phone and never signed, and a few patients sign a plan they then decline).
PLAN_SIGNED_P = 0.9
DECLINED_PLAN_SIGNED_P = 0.1
PLAN_SIGNED_MINUTES = (2, 15)  # after the plan is presented; low inclusive, high exclusive
# Planned treatment never booked that the patient turned down (another option chosen, or no
# treatment): when the treatment coordinator hears so, some is deleted from the chart (ProcStatus
# D, its insurance estimates with it) rather than left planned. Assumption: a fifth of what is
# still unbooked half a year after it was planned.
DECLINED_AFTER_DAYS = 180
DECLINED_DELETED_P = 0.2

# --- Documents ----------------------------------------------------------------------------------
# Radiographs stored in OpenDental's images module; the rest stay in the imaging bridge's own
# store (assumption: practices with sensor software keep part of the images there).
RADIOGRAPH_STORED_P = 0.6
INSURANCE_CARD_SCAN_P = 0.4  # insured patients whose card is scanned at the first visit
CONSENT_SCAN_P = 0.5  # surgery and root canals with a scanned signed consent

# --- Sheets (patient forms) -----------------------------------------------------------------
NEW_PATIENT_WEB_FORMS_P = 0.22  # new patients who fill registration and history online
MEDICAL_HISTORY_UPDATE_P = 0.15  # yearly history updates filled on an electronic sheet
CONSENT_SHEET_P = 0.3  # surgery and root canals consented on an electronic sheet

# --- Tasks ----------------------------------------------------------------------------------
GENERAL_TASK_SHARE = 0.2  # tasks about the office rather than a patient
TASK_DONE_DAYS = (0, 10)  # low inclusive, high exclusive
TASK_RECENT_DAYS = 30
TASK_OPEN_P = 0.3  # tasks of the last month still open (new or viewed)

# --- Appointment history and logs -----------------------------------------------------------
APPOINTMENT_MOVED_P = 0.08  # appointments moved to another time after booking
UNSCHEDULE_DAYS_BEFORE = (1, 10)  # cancellations come this many days before the visit
# A broken appointment the office deletes outright (visits.BROKEN_DELETED_P) is deleted after
# it is marked missed, while the desk works through the day's broken visits. Assumed.
DELETED_AFTER_MISSED_MINUTES = (10, 180)
# Cancellations that come in answer to the automation's reminder or confirmation request (the
# patient replies or calls once reminded): the visit had its messages, and is sent to the
# unscheduled list after the last of them. Assumption: a third of cancellations.
CANCELLED_AFTER_REMINDER_P = 0.33

# --- Insurance verification -----------------------------------------------------------------
# Offices verify eligibility before each visit; one current row per patient plan, the most
# recent verification within the last year (OpenDental keeps older ones in insverifyhist).
VERIFY_DAYS_BEFORE_VISIT = (1, 8)
VERIFY_STATUS_P = {
    "Verified": 0.7,
    "Verified online": 0.2,
    "Benefits breakdown needed": 0.05,
    "Verified, plan changed": 0.05,
}

# --- User preferences (userodpref) -----------------------------------------------------------
# What users set for themselves in OpenDental. Every user who works at a clinic has OpenDental
# remember it (ClinicLast); the rest are individual choices (assumption): tasks collapsed, a longer
# or shorter automatic log-off, procedure breakdowns shown in the account module (front desk),
# automated commlog entries hidden from the lists (front desk, once automation fills them), no
# log-off warning (providers), only the current exam in the perio chart (hygienists).
USER_PREFERENCE_P = {
    "TaskCollapse": 0.4,
    "LogOffTimerOverride": 0.25,
    "AcctProcBreakdown": 0.6,
    "ShowAutomatedCommlog": 0.5,
    "SuppressLogOffMessage": 0.3,
    "PerioCurrentExamOnly": 0.5,
}
LOG_OFF_TIMER_MINUTES = (10, 15, 30, 60)

# --- Staff time adjustments -----------------------------------------------------------------
STAFF_PER_CLINIC = 6  # front desk, assistants and hygienists on the timecard
# Recorded leave days a year (assumption, below BLS's ~11 paid vacation days after a year of
# service in private industry: part-time staff accrue less).
PTO_DAYS_PER_STAFF_YEAR = 8
TIME_CORRECTIONS_PER_CLINIC_MONTH = 2  # missed clock-outs and other manual corrections
OVERTIME_WEEKS_P = 0.1  # staff-weeks with overtime moved from regular hours

# --- Expected volumes (scale 1) of the record tables params.TRANSACTION_VOLUMES does not list -----
# Not from the reference data set: what the rates above give a unit of ~5,000 patients and
# ~14,000 appointments, kept so a change of rate that moves a volume a lot is noticed.
RECORD_VOLUMES = {
    "referral": SPECIALIST_REFERRALS + 12 + PATIENT_REFERRALS,  # 12 marketing sources
    "refattach": 2_800,  # ~70% of ~3,700 new patients, plus referrals out
    "treatplan": 4_000,  # a third of ~11,000 completed recall exams find treatment
    "proctp": 8_000,  # 1.8 procedures per plan
    "procgroupitem": 500,
    "perioexam": 700,  # ~450 perio patients seen over 1-3 years
    "toothinitial": 2_500,
    "sheetfield": 20_000,  # ~10 fields a sheet
    "histappointment": 30_000,  # booking, end, and some moves and confirmations
    "securitylog": 40_000,
    "entrylog": 14_000,  # one per appointment
    "insverify": 1_500,  # insured patients seen in the last year
    "timeadjust": 1_500,
    # ~1,500 visits in the four automated months, most patients reachable by text or email, two
    # reminder rules (the same-day one at some clinics)
    "apptremindersent": 2_000,
    "apptreminderrule": 20,  # four rules per clinic
    "userodpref": 55,  # ~2.5 per user, 22 users
}
