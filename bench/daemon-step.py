#!/usr/bin/env python3
"""Starts one run of a job in a running `camelback run` daemon and waits for its report.

The bench's daemon loads bench/trigger.camel.yaml, a route that starts the job named by a file
dropped into the trigger folder. This script drops that file, waits until the daemon logs the
run's report line ("camelback HOST JOB: OUTCOME"), and writes what /usr/bin/time -f '%e %U %S %M'
would have written for the run: wall seconds from the drop to the report, the daemon's user and
system CPU seconds spent meanwhile, and its peak RSS in KiB (VmHWM, the daemon's whole life).
Exit 0 when the outcome is OK, else 1 with the report line.
"""
import argparse
import os
import re
import sys
import time


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    # fields[0] is the state (field 3 of stat); utime and stime are fields 14 and 15
    return int(fields[11]) / ticks, int(fields[12]) / ticks


def peak_rss_kib(pid):
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def report_lines(log, job):
    pattern = re.compile(r"camelback \S+ " + re.escape(job) + r": (OK|PARTIAL|FAILED|SKIPPED)\b")
    try:
        with open(log, encoding="utf-8", errors="replace") as f:
            return [line for line in f if pattern.search(line)]
    except FileNotFoundError:
        return []


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pid", type=int, required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--trigger", required=True, help="the trigger route's folder")
    ap.add_argument("--job", required=True)
    ap.add_argument("--time-file", required=True)
    ap.add_argument("--timeout", type=float, default=3600)
    a = ap.parse_args()

    before = len(report_lines(a.log, a.job))
    user0, sys0 = cpu_seconds(a.pid)
    start = time.monotonic()
    # written under a hidden name and renamed: the file consumer skips hidden files
    tmp = os.path.join(a.trigger, "." + a.job)
    open(tmp, "w").close()
    os.rename(tmp, os.path.join(a.trigger, a.job))
    while True:
        lines = report_lines(a.log, a.job)
        if len(lines) > before:
            break
        if not os.path.exists(f"/proc/{a.pid}"):
            print(f"daemon {a.pid} exited; see {a.log}", file=sys.stderr)
            return 1
        if time.monotonic() - start > a.timeout:
            print(f"no report after {a.timeout:.0f} s; see {a.log}", file=sys.stderr)
            return 1
        time.sleep(0.01)
    wall = time.monotonic() - start
    user1, sys1 = cpu_seconds(a.pid)
    with open(a.time_file, "w", encoding="ascii") as f:
        f.write(f"{wall:.2f} {user1 - user0:.2f} {sys1 - sys0:.2f} {peak_rss_kib(a.pid)}\n")
    line = lines[before].rstrip("\n")
    print(line)
    return 0 if re.search(r": OK\b", line) else 1


if __name__ == "__main__":
    sys.exit(main())
