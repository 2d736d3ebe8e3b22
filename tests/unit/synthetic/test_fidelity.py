"""The fidelity report, measured on the generated warehouse, is within every target."""

from __future__ import annotations

from tests.unit.synthetic.generated import AS_OF

from dental_analytics.warehouse.fidelity import measure
from dental_analytics.warehouse.url import Target


def test_every_fidelity_target_is_met(warehouse_target: Target) -> None:
    measures, volumes = measure(warehouse_target, AS_OF, scale=1)
    off = [(m.name, m.measured, m.target) for m in measures if not m.ok]
    assert off == []
    off_volume = [(m.name, m.measured, m.target) for m in volumes if not m.ok]
    assert off_volume == []


def test_volumes_that_differ_from_the_reference_say_why(warehouse_target: Target) -> None:
    _, volumes = measure(warehouse_target, AS_OF, scale=1)
    for volume in volumes:
        figure = int(volume.target.split()[0].replace(",", ""))
        got = int(volume.measured.replace(",", ""))
        if abs(got - figure) > 0.25 * figure:
            assert volume.note, f"{volume.name}: {got} vs {figure} without a reason"
