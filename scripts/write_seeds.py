"""Write the dbt seeds that the package owns (run after changing labels.py or the CDT ranges)."""

from pathlib import Path

from dental_analytics.opendental.labels import enum_label_seed
from dental_analytics.synthetic.catalog import cdt_category_seed

SEEDS = Path("dbt_dental_models/seeds")

if __name__ == "__main__":
    for name, text in (
        ("opendental_enum_labels.csv", enum_label_seed()),
        ("cdt_code_categories.csv", cdt_category_seed()),
    ):
        (SEEDS / name).write_text(text)
        print(f"wrote {SEEDS / name}")
