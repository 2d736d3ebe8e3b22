"""The generator knows no engine: it hands Arrow tables to the loaders and imports no loader."""

from __future__ import annotations

import subprocess
import sys


def test_the_generator_imports_nothing_from_the_warehouse() -> None:
    code = (
        "import sys, pkgutil, importlib, dental_analytics.synthetic as s\n"
        "for m in pkgutil.iter_modules(s.__path__):\n"
        "    importlib.import_module(f'dental_analytics.synthetic.{m.name}')\n"
        "print(sorted(n for n in sys.modules if n.startswith('dental_analytics.warehouse')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
