"""Format the results: a table of scenarios beside their floors, notes, and the targets."""

from __future__ import annotations

from benchmarks.runner import Row, Target

HEADERS = ("scenario", "size", "median time (min-max)", "floor: what, median", "ratio", "peak MB")


def _ratio(row: Row) -> float | None:
    return row.series.median / row.floor.median if row.floor is not None else None


def _time(seconds: float, unit: str) -> str:
    return f"{seconds * 1000:.1f} ms" if unit == "ms" else f"{seconds:.3f} s"


def _spread(row: Row) -> str:
    times = [run.seconds for run in row.series.runs]
    if len(times) < 2:
        return ""
    if row.unit == "ms":
        return f"({min(times) * 1000:.1f}-{max(times) * 1000:.1f})"
    return f"({min(times):.3f}-{max(times):.3f})"


def _cells(row: Row) -> tuple[str, ...]:
    series, floor = row.series, row.floor
    ratio = _ratio(row)
    return (
        row.scenario + (" [info]" if row.informational else ""),
        row.size,
        f"{_time(series.median, row.unit)} {_spread(row)}".rstrip(),
        f"{floor.label}: {_time(floor.median, row.unit)}, {floor.peak_mb:.0f} MB" if floor else "-",
        (f"{ratio:.2f}x" + (" floor beaten" if ratio < 1 and not row.informational else ""))
        if ratio is not None
        else "-",
        f"{series.peak_mb:.0f}",
    )


def table(rows: list[Row]) -> list[str]:
    cells = [HEADERS, *(_cells(row) for row in rows)]
    widths = [max(len(line[column]) for line in cells) for column in range(len(HEADERS))]

    def line(values: tuple[str, ...]) -> str:
        return " | ".join(value.ljust(width) for value, width in zip(values, widths, strict=True))

    rule = "-+-".join("-" * width for width in widths)
    return [line(cells[0]), rule, *(line(values) for values in cells[1:])]


def _figure(value: float, unit: str) -> str:
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "s":
        return f"{value:.3f} s"
    return f"{value:.1f} {unit}" if unit == "ms" else f"{value:.0f} {unit}"


def targets(entries: list[Target]) -> list[str]:
    lines = [
        "targets (medians of this run; a ratio is the median over its floor's median, both"
        " measured in this run)"
    ]
    for target in entries:
        verdict = target.verdict()
        figure = _figure(target.value, target.unit)
        if target.unit == "x":
            goal = f"goal <= {target.limit:g}x"
            lines.append(f"  {target.title} of {target.floor}: {figure} ({goal})  {verdict}")
        else:
            goal = f"goal < {target.limit:g} {target.unit}"
            lines.append(f"  {target.title}: {figure} ({goal})  {verdict}")
    return lines
