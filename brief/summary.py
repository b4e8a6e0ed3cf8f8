"""What the terminal shows after a command: short, in the order an operator reads it."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from rich.console import Console

from brief.render import SECTIONS, engine_label

if TYPE_CHECKING:
    from brief.check import CheckResult
    from brief.estimate import Estimate
    from brief.pipeline import RunResult


def print_run(result: RunResult, console: Console) -> None:
    brief, report = result.brief, result.report
    console.print(f"[bold green]Brief ready[/] — {brief.title}")
    offline = " (offline)" if brief.engine.name == "extractive" else ""
    console.print(f"  engine   {engine_label(brief.engine)}{offline}")
    per_kind = Counter(p.kind for p in brief.points)
    sections = ", ".join(f"{per_kind.get(k, 0)} {title.lower()}" for k, title in SECTIONS)
    console.print(f"  points   {len(brief.points)}: {sections}")
    console.print(f"  sources  {len(report.read)} read, {len(report.skipped)} skipped")
    for item in report.skipped:
        console.print(f"           skipped {item.path}: {item.reason}")
    for item in report.flagged:
        console.print(f"           flagged {item.path}: {item.reason}")
    merged = report.counts.get("merged", 0)
    if merged:
        console.print(f"  merged   {merged} near-duplicate sentences")
    if report.flags:
        flags = ", ".join(f"{n} {code}" for code, n in sorted(report.flags.items()))
        console.print(f"  flags    {flags}")
    if brief.cut:
        reasons = Counter(p.reason for p in brief.cut)
        text = "; ".join(f"{n} {reason}" for reason, n in reasons.items())
        console.print(f"  [yellow]cut[/]      {len(brief.cut)} points ({text})")
    usage = brief.usage
    if brief.engine.name == "llm":
        cached = " (from cache)" if usage.cache_hit else ""
        cost = "cost unknown" if usage.cost_usd is None else f"${usage.cost_usd:.4f}"
        console.print(
            f"  usage    {usage.llm_calls} calls, {usage.input_tokens} tokens in, "
            f"{usage.output_tokens} out, {usage.cached_tokens} cached, {cost}{cached}"
        )
    if report.counts.get("cache_write_errors"):
        console.print(
            f"  [yellow]cache[/]    {report.counts['cache_write_errors']} answers could not be "
            "cached (check BRIEF_HOME); a rerun will pay for them again"
        )
    console.print(f"  files    {result.out_dir}/ ({', '.join(report.files)})")


def print_estimate(est: Estimate, console: Console) -> None:
    calls = f"{est.calls} call" + ("" if est.calls == 1 else "s")
    console.print(f"{est.model}: {calls} in {est.rounds} round(s), nothing sent yet")
    console.print(
        f"  input   ~{est.input_tokens} tokens ({est.sentence_tokens} of distinct sentences, "
        f"{est.overhead_tokens} of prompt per call)"
    )
    console.print(f"  output  ~{est.output_tokens} tokens (at most {est.max_output_tokens})")
    if est.cost_usd is None or est.max_cost_usd is None:
        console.print(f"  cost    unknown: no price known for {est.model}")
    else:
        console.print(
            f"  cost    ~${est.cost_usd:.4f} (at most ${est.max_cost_usd:.4f}; "
            f"prices as of {est.prices_as_of})"
        )


def print_check(result: CheckResult, console: Console) -> int:
    """Print the flags of a checked brief; return the exit code (65 when a point is blocked)."""
    for line in result.lines():
        console.print(line, soft_wrap=True)
    return 65 if result.blocking else 0
