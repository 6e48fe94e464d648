from datetime import date

from outsourcer.budgets.charts import NARROW_HEIGHT, NARROW_WIDTH, burn_chart


def _chart():
    return burn_chart(
        series=[(date(2025, 3, 1), 0), (date(2025, 3, 10), 60_000), (date(2025, 3, 17), 120_000)],
        budgeted_cents=100_000,
        currency="EUR",
        period_start=date(2025, 3, 1),
        period_end=date(2025, 3, 31),
        thresholds=[80, 100],
    )


def _xs_and_ys(points: str) -> tuple[list[float], list[float]]:
    pairs = [tuple(map(float, point.split(","))) for point in points.split()]
    return [x for x, _ in pairs], [y for _, y in pairs]


def test_it_draws_the_same_chart_narrow_for_a_phone():
    wide = _chart()
    narrow = wide.narrow

    assert (narrow.width, narrow.height) == (NARROW_WIDTH, NARROW_HEIGHT) and narrow.narrow is None
    assert [t.label for t in narrow.y_ticks] == [t.label for t in wide.y_ticks] == ["€0.00", "€500.00", "€1,000.00"]
    assert [t.label for t in narrow.x_ticks] == [t.label for t in wide.x_ticks] == ["1 Mar", "16 Mar", "31 Mar"]
    assert [t.label for t in narrow.thresholds] == ["80 %"]
    assert narrow.summary == wide.summary


def test_every_point_of_the_narrow_chart_stays_inside_its_plot():
    narrow = _chart().narrow
    xs, ys = _xs_and_ys(narrow.spend_points)

    assert min(xs) == narrow.left and max(xs) <= narrow.right_x == NARROW_WIDTH - 16
    assert min(ys) >= narrow.top and max(ys) == narrow.bottom_y
    assert narrow.top < narrow.budget_y < narrow.bottom_y
    assert all(narrow.left <= t.x <= narrow.right_x for t in narrow.x_ticks)
