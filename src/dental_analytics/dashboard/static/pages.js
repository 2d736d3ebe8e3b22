// What each page draws from its report: per API table, KPI cards (single-row tables) and charts.
// Every table of the report is also shown as a table with its CSV download, so each chart's
// data can be read and downloaded too.
const BUCKETS = ["ar_0_30", "ar_31_60", "ar_61_90", "ar_over_90"];

export const PAGES = {
  home: {
    route: "/api/reports/dashboard",
    // The same report at the month-end before `end`: what balances (A/R) are compared with.
    previousMonthEnd: true,
    sections: {
      headline: { title: "Headline figures", headline: true },
      ar_buckets: {
        title: "A/R buckets",
        kpis: ["ar_balance", "ar_over_90", "ar_over_90_share"],
        compare: true, // against the previous month-end
        charts: [{ type: "bar", columns: BUCKETS, title: "A/R by age" }],
      },
      trend: {
        title: "Production vs collections",
        charts: [{ type: "line", x: "period", y: ["gross_production", "net_production", "collections"] }],
      },
      providers: {
        title: "Provider productivity",
        charts: [
          { type: "bar", x: "provider_id", y: ["gross_production", "net_production"] },
          { type: "bar", x: "provider_id", y: ["production_per_scheduled_hour"] },
        ],
      },
      next_business_day: {
        title: "Next business day",
        kpis: ["scheduled_production", "appointments_scheduled"],
      },
    },
  },
  revenue: {
    route: "/api/reports/revenue",
    sections: {
      lost_revenue: {
        title: "Lost revenue by category",
        charts: [{ type: "bar", x: "revenue_lost_category", y: ["revenue_lost"] }],
      },
      recovery_potential: {
        title: "Recovery potential",
        kpis: ["unscheduled_treatment", "recoverable_treatment", "unscheduled_procedures"],
      },
      unscheduled_backlog: {
        title: "Unscheduled treatment backlog by age",
        charts: [{ type: "bar", x: "age_band", y: ["unscheduled_treatment", "recoverable_treatment"] }],
      },
      collection_rate_by_provider: {
        title: "Collection rate by provider",
        charts: [{ type: "bar", x: "provider_id", y: ["collection_rate"] }],
      },
      trend: {
        title: "Production, adjustments, write-offs, collections",
        charts: [{ type: "line", x: "period", y: ["gross_production", "adjustments", "write_offs", "net_production", "collections"] }],
      },
      payer_mix: {
        title: "Payer mix",
        charts: [{ type: "bar", x: "payer_class", y: ["payer_production", "payer_collections", "payer_write_offs"] }],
      },
    },
  },
  providers: {
    route: "/api/reports/providers",
    sections: {
      performance: {
        title: "Provider comparison",
        charts: [
          { type: "bar", x: "provider_id", y: ["gross_production", "collections"] },
          { type: "bar", x: "provider_id", y: ["collection_rate"] },
          { type: "bar", x: "provider_id", y: ["production_per_scheduled_hour"] },
          { type: "bar", x: "provider_id", y: ["no_show_rate", "cancellation_rate"] },
        ],
      },
      case_acceptance: {
        title: "Case acceptance",
        charts: [{ type: "bar", x: "provider_id", y: ["case_acceptance"] }],
      },
      hygiene_reappointment: {
        title: "Hygiene reappointment",
        charts: [{ type: "bar", x: "provider_id", y: ["hygiene_reappointment_rate"] }],
      },
      procedure_mix: {
        title: "Procedure mix",
        charts: [{ type: "bar", x: "provider_id", group: "cdt_category", y: ["completed_production"], stack: true }],
      },
    },
  },
  patients: {
    route: "/api/patients",
    sections: {
      summary: { title: "Patients", kpis: ["active_patients", "patients"] },
      new_patients: {
        title: "New patients by referral source",
        charts: [{ type: "bar", x: "period", group: "referral_source_type", y: ["new_patients"], stack: true }],
      },
      new_patient_follow_up: {
        title: "New patients leaving with a next appointment",
        charts: [{ type: "line", x: "period", y: ["new_patient_next_appointment_rate"] }],
      },
      retention: {
        title: "Retention",
        charts: [{ type: "line", x: "period", y: ["practice_retention", "new_patient_retention"] }],
      },
      lifetime_value: {
        title: "Lifetime value by first-visit cohort",
        charts: [{ type: "bar", x: "period", y: ["lifetime_production_per_patient", "lifetime_collections_per_patient"] }],
      },
      attendance: {
        title: "Adherence: no-shows and cancellations",
        charts: [{ type: "line", x: "period", y: ["no_show_rate", "cancellation_rate"] }],
      },
      hygiene: {
        title: "Hygiene",
        charts: [{ type: "line", x: "period", y: ["hygiene_reappointment_rate", "perio_share"] }],
      },
      recall: {
        title: "Hygiene recall",
        charts: [{ type: "line", x: "period", y: ["recall_on_time_rate"] }],
      },
      unscheduled_treatment: {
        title: "Unscheduled treatment by age",
        charts: [{ type: "bar", x: "age_band", y: ["unscheduled_treatment"] }],
      },
      demographics: {
        title: "Demographics",
        charts: [{ type: "bar", x: "age_band", group: "gender", y: ["patients"] }],
      },
    },
  },
  ar: {
    route: "/api/reports/ar",
    sections: {
      buckets: {
        title: "A/R now",
        kpis: ["ar_balance", "ar_over_90_share", "ar_patient_portion", "ar_insurance_pending"],
        charts: [{ type: "bar", columns: BUCKETS, title: "A/R by age" }],
      },
      month_ends: {
        title: "A/R over month-ends",
        charts: [{ type: "bar", x: "period", y: BUCKETS, stack: true }],
      },
      ratios: {
        title: "Days sales outstanding",
        charts: [{ type: "line", x: "period", y: ["days_sales_outstanding"] }],
      },
      payment_plans: {
        title: "Payment plans",
        kpis: ["payment_plans_active", "payment_plan_balance", "payment_plans", "payment_plan_principal"],
      },
      collection: {
        title: "Write-offs and collections",
        charts: [{ type: "line", x: "period", y: ["write_offs", "net_production", "collections"] }],
      },
      outstanding_claims: {
        title: "Outstanding claims by carrier",
        charts: [{ type: "bar", x: "carrier_name", y: ["outstanding_claims_0_30", "outstanding_claims_31_60", "outstanding_claims_61_90", "outstanding_claims_over_90"], stack: true }],
      },
    },
  },
};

// The work lists: which take a provider filter (the others are not kept by provider).
export const WORKLISTS = [
  { name: "collections", title: "Collections", providers: false },
  { name: "unscheduled-treatment", title: "Unscheduled treatment", providers: true },
  { name: "recall-overdue", title: "Overdue recall", providers: false },
  { name: "outstanding-claims", title: "Outstanding claims", providers: true },
];
