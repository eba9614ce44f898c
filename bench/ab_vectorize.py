#!/usr/bin/python3
"""Two stylokit binaries side by side on the same vectorize job, alternating run by run.

usage: bench/ab_vectorize.py A_BINARY B_BINARY [--corpus data/brown] [--features char_wb:3-5]
                             [--runs 15] [--threads 2] [-- extra vectorize options]

A before/after comparison on a noisy machine: the two binaries alternate (A, B, A, B, ...), so
that both see the same load; each writes its own output (overwritten run after run, as a user
re-running would). Prints min and median wall time and the largest peak RSS (os.wait4) of each,
and the ratio of the medians. Checks that both exit 0.
"""
import argparse
import os
import statistics
import sys
import tempfile
import time


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--corpus", default=os.path.join(os.path.dirname(here), "data", "brown"))
    ap.add_argument("--features", default="char_wb:3-5")
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("extra", nargs="*")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="stylokit-ab-")
    times = {"A": [], "B": []}
    rss = {"A": 0.0, "B": 0.0}
    for _ in range(args.runs):
        for name, binary in (("A", args.a), ("B", args.b)):
            cmd = [binary, "vectorize", args.corpus, "--tokenizer", "sklearn", "--features", args.features,
                   "--threads", str(args.threads), "-o", os.path.join(work, name + ".mtx")] + args.extra
            start = time.perf_counter()
            pid = os.fork()
            if pid == 0:
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, 1)
                os.dup2(devnull, 2)
                os.execv(cmd[0], cmd)
            _, status, usage = os.wait4(pid, 0)
            times[name].append(time.perf_counter() - start)
            rss[name] = max(rss[name], usage.ru_maxrss / 1024.0)
            if os.waitstatus_to_exitcode(status) != 0:
                sys.exit(f"ab_vectorize.py: {' '.join(cmd)} failed")
    for name in os.listdir(work):
        os.remove(os.path.join(work, name))
    os.rmdir(work)
    print(f"{args.features} on {args.corpus}, {args.runs} alternating runs, load average {os.getloadavg()[0]:.2f}")
    for name, binary in (("A", args.a), ("B", args.b)):
        print(f"{name} {binary}: min {min(times[name]):.3f} s, median {statistics.median(times[name]):.3f} s, "
              f"peak {rss[name]:.0f} MB")
    print(f"median B / A: {statistics.median(times['B']) / statistics.median(times['A']):.3f}")


if __name__ == "__main__":
    main()
