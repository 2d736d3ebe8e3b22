"""Write the dbt seed of OpenDental enum labels from the package (run after changing labels.py)."""

from pathlib import Path

from dental_analytics.opendental.labels import enum_label_seed

SEED = Path("dbt_dental_models/seeds/opendental_enum_labels.csv")

if __name__ == "__main__":
    SEED.write_text(enum_label_seed())
    print(f"wrote {SEED}")
