#!/usr/bin/env python3
"""Timing helper for Benchmarks/run.sh.

  measure.py run --name NAME --command-text TEXT --file PCAP --messages N [--runs 3]
                 [--timeout 300] [--stdout FILE] -- COMMAND...
      Runs COMMAND --runs times (stdout to /dev/null, or to FILE), and prints one JSON
      line: best and all wall times, the CPU time (user + system) of each run, peak RSS (ru_maxrss of the children, so of the
      largest run), exit status, plus the metadata given.

  measure.py report RESULTS.jsonl
      Prints the Markdown tables (tools, then sipdiag's cost per MB at both sizes).

MB is 10^6 bytes. Peak RSS comes from getrusage(RUSAGE_CHILDREN); this process has no
other children, so it is the measured command's.
"""
import json
import os
import resource
import subprocess
import sys
import time


def run(argv):
    options = {"runs": "3", "timeout": "300", "stdout": None}
    command = []
    index = 0
    while index < len(argv):
        if argv[index] == "--":
            command = argv[index + 1 :]
            break
        options[argv[index].lstrip("-").replace("-", "_")] = argv[index + 1]
        index += 2
    if not command:
        sys.exit("measure.py run: missing -- COMMAND")
    walls = []
    cpus = []
    status = 0
    for _ in range(int(options["runs"])):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        sink = open(options["stdout"], "wb") if options["stdout"] else open(os.devnull, "wb")
        started = time.perf_counter()
        try:
            completed = subprocess.run(
                command, stdout=sink, stderr=subprocess.DEVNULL, timeout=float(options["timeout"])
            )
            status = completed.returncode
        except subprocess.TimeoutExpired:
            status = "timeout"
        finally:
            sink.close()
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        if status != 0:
            break
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = {
        "name": options.get("name", command[0]),
        "command": options.get("command_text", " ".join(command)),
        "file": options.get("file", ""),
        "bytes": os.path.getsize(options["file"]) if options.get("file") else 0,
        "messages": int(options.get("messages", "0")),
        "note": options.get("note", ""),
        "walls": [round(wall, 4) for wall in walls],
        "best": min(walls),
        # CPU time of the run with the best wall time: above it when a tool uses several cores.
        "cpu": cpus[walls.index(min(walls))],
        "peak_rss_kb": usage.ru_maxrss,
        "status": status,
    }
    print(json.dumps(result))


def report(path):
    with open(path) as lines:
        results = [json.loads(line) for line in lines if line.strip()]
    full = [r for r in results if not r["name"].endswith(("(1/4)", "(large)"))]
    print("| Tool | Command | Wall time (best of %d) | CPU time | MB/s | Messages/s | Peak RSS | Notes |"
          % max(len(r["walls"]) for r in results))
    print("|---|---|---:|---:|---:|---:|---:|---|")
    for r in full:
        if r["status"] != 0:
            print("| %s | `%s` | failed (%s) | | | | | %s |" % (r["name"], r["command"], r["status"], r["note"]))
            continue
        megabytes = r["bytes"] / 1e6
        print("| %s | `%s` | %.2f s | %.2f s | %.0f | %s | %.0f MB | %s |" % (
            r["name"], r["command"], r["best"], r.get("cpu", 0), megabytes / r["best"],
            "{:,}".format(round(r["messages"] / r["best"])), r["peak_rss_kb"] / 1024, r["note"]))
    sipdiag = [r for r in results if r["name"].startswith("sipdiag") and r["status"] == 0]
    decode = [r for r in full if r["name"] in ("sipdiag", "sipdiag messages") and r["status"] == 0]
    calls = [r for r in full if r["name"].startswith("sipdiag calls") and r["status"] == 0]
    if decode and calls:
        print()
        print("`calls` / `messages` on the full file: wall time %.2fx, CPU time %.2fx." % (
            calls[0]["best"] / decode[0]["best"], calls[0].get("cpu", 0) / max(decode[0].get("cpu", 0), 1e-9)))
    if len(sipdiag) >= 2:
        print()
        print("| sipdiag linearity | Command | Size | Messages | Wall time (best) | ms per MB | Peak RSS |")
        print("|---|---|---:|---:|---:|---:|---:|")
        # Grouped by command (messages, then calls), smallest file first within each.
        for r in sorted(sipdiag, key=lambda r: (r["name"].startswith("sipdiag calls"), r["bytes"])):
            megabytes = r["bytes"] / 1e6
            command = "calls" if r["name"].startswith("sipdiag calls") else "messages"
            print("| `%s` | %s | %.1f MB | %s | %.3f s | %.2f | %.0f MB |" % (
                os.path.basename(r["file"]), command, megabytes, "{:,}".format(r["messages"]), r["best"],
                1000 * r["best"] / megabytes, r["peak_rss_kb"] / 1024))


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "run":
        run(sys.argv[2:])
    elif len(sys.argv) == 3 and sys.argv[1] == "report":
        report(sys.argv[2])
    else:
        sys.exit(__doc__)
