"""CPU per test and per test file (user + system, the process and its waited-for children),
never wall time: on a shared machine wall time measures the neighbours.

As a pytest plugin, in one process or under xdist (each worker writes its own file):

    PYTHONPATH=bench SUITE_CPU_OUT=/tmp/cpu .venv/bin/python -m pytest -p suite_cpu -n 0 FILES
    .venv/bin/python bench/suite_cpu.py /tmp/cpu [N]      # the N costliest tests, then per file

Compare two runs (before, after) file by file:

    .venv/bin/python bench/suite_cpu.py /tmp/before /tmp/after
"""

from __future__ import annotations

import collections
import glob
import json
import os
import resource
import sys
from collections.abc import Iterator

import pytest

_rows: list[tuple[str, float]] = []


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    start = _cpu()
    yield
    _rows.append((item.nodeid, _cpu() - start))


def pytest_sessionfinish(session: pytest.Session) -> None:
    out = os.environ.get("SUITE_CPU_OUT")
    if out:
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        with open(f"{out}.{worker}.json", "w", encoding="utf-8") as file:
            json.dump(_rows, file)


def _load(prefix: str) -> list[tuple[str, float]]:
    rows: list[tuple[str, float]] = []
    for name in glob.glob(f"{prefix}.*.json"):
        with open(name, encoding="utf-8") as file:
            rows += [(node, float(cpu)) for node, cpu in json.load(file)]
    return rows


def _per_file(rows: list[tuple[str, float]]) -> dict[str, float]:
    files: dict[str, float] = collections.defaultdict(float)
    for node, cpu in rows:
        files[node.split("::")[0]] += cpu
    return files


def main(argv: list[str]) -> None:
    if len(argv) == 3 and not argv[2].isdigit():
        before, after = _per_file(_load(argv[1])), _per_file(_load(argv[2]))
        for name in sorted(before.keys() | after.keys(), key=lambda n: -before.get(n, 0)):
            print(f"{before.get(name, 0):7.1f} s -> {after.get(name, 0):7.1f} s  {name}")
        print(f"{sum(before.values()):7.1f} s -> {sum(after.values()):7.1f} s  in all")
        return
    rows = _load(argv[1])
    for node, cpu in sorted(rows, key=lambda row: -row[1])[:int(argv[2]) if len(argv) > 2 else 20]:
        print(f"{cpu:7.2f} s  {node}")
    files = _per_file(rows)
    for name, cpu in sorted(files.items(), key=lambda item: -item[1]):
        print(f"{cpu:7.1f} s  {name}")
    print(f"{sum(files.values()):7.1f} s  in all ({len(rows)} tests)")


if __name__ == "__main__":
    main(sys.argv)
