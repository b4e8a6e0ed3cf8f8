"""`python -m bench [--quick] [--only a,b] [--results DIR]`: run the benchmarks, write the report.

A section that is missing or raises is recorded as failed (with its error) and makes the exit
status 1, so a benchmark cannot rot silently; the sections that worked are still reported.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
import traceback
from pathlib import Path

from bench.common import RESULTS, Section
from bench.report import SectionResult, collect_meta, summary_text, write_results

SECTIONS = ("quality", "speed", "scale", "llm_tokens", "planted")


def _one_line(exc: BaseException) -> str:
    """The error as one line for the summary; the full text stays in the traceback."""
    lines = str(exc).strip().splitlines()
    first = lines[0] if lines else ""
    text = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
    return text if len(text) <= 300 else text[:299] + "…"


def run_section(name: str, quick: bool) -> SectionResult:
    """Import `bench.<name>`, call its `run(quick)` and time it; any failure becomes a result."""
    start = time.perf_counter()
    try:
        module = importlib.import_module(f"bench.{name}")
        section = module.run(quick)
        if not isinstance(section, Section):
            raise TypeError(f"bench.{name}.run() returned {type(section).__name__}, not Section")
    except (Exception, SystemExit) as exc:
        # SystemExit too: a section that drives a CLI in-process must not end the whole run.
        return SectionResult(
            name=name,
            status="failed",
            seconds=time.perf_counter() - start,
            error=_one_line(exc),
            traceback=traceback.format_exc(),
        )
    return SectionResult(
        name=name, status="ok", seconds=time.perf_counter() - start, section=section
    )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help="small version of every section (under two minutes)"
    )
    parser.add_argument(
        "--only",
        default=",".join(SECTIONS),
        help="comma-separated sections to run, e.g. --only quality,speed (default: all)",
    )
    parser.add_argument(
        "--results",
        type=Path,
        default=RESULTS,
        help="folder for results.json and report.html (default: bench/results)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # Agg before any section imports pyplot: benchmarks run headless (cron, CI, ssh).
    os.environ.setdefault("MPLBACKEND", "Agg")
    names = [n.strip() for n in args.only.split(",") if n.strip()]
    started = time.perf_counter()
    meta = collect_meta(quick=args.quick)
    results = []
    for name in names:
        print(f"[bench] {name} …", flush=True)
        result = run_section(name, args.quick)
        line = f"[bench] {name}: {result.status} in {result.seconds:.1f}s"
        print(line + (f" — {result.error}" if result.error else ""), flush=True)
        if result.traceback:
            print(result.traceback, file=sys.stderr, flush=True)
        results.append(result)
    meta.wall_seconds = time.perf_counter() - started
    report = write_results(args.results, meta, results)
    print()
    print(summary_text(results))
    print(f"\n[bench] report: {report}\n[bench] figures: {report.with_name('results.json')}")
    failed = [r.name for r in results if r.status != "ok"]
    if failed:
        print(f"[bench] FAILED sections: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
