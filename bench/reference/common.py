"""Shared helpers of the reference benchmarks: argument parsing, reading the
edge list and pairs written by bench/lib/graph-files.ts, memory readings, and
the JSON report printed on stdout."""
import argparse
import json
import resource
import sys
import time


def parse_args(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--edges", required=True, help='"u v" edge list, node numbers')
    parser.add_argument("--pairs", required=True, help='"s t" query pairs, node numbers')
    parser.add_argument("--nodes", type=int, required=True, help="number of nodes (0..n-1)")
    parser.add_argument("--repeat", type=int, default=1, help="time each query this many times back to back (report the minimum too)")
    return parser.parse_args()


def read_pairs(path):
    with open(path) as f:
        return [tuple(int(x) for x in line.split()) for line in f if line.strip()]


def read_edges(path):
    with open(path) as f:
        return [(int(a), int(b)) for a, b in (line.split() for line in f if line.strip())]


def rss_bytes():
    """Current resident set size (Linux /proc)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()


def peak_rss_bytes():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def time_queries(pairs, query, repeat):
    """Times query(s, t) per pair: the first run's times, the minimum over
    `repeat` back-to-back runs, and the lengths from the first run."""
    times, mins, lengths = [], [], []
    for s, t in pairs:
        best = None
        for r in range(max(1, repeat)):
            q0 = now()
            length = query(s, t)
            dt = now() - q0
            if r == 0:
                times.append(dt)
                lengths.append(length)
            best = dt if best is None else min(best, dt)
        mins.append(best)
    return times, mins, lengths


def report(tool, version, load_s, rss_before, rss_after, times, lengths, mins=None):
    json.dump({
        "tool": tool,
        "version": version,
        "python": sys.version.split()[0],
        "load_s": load_s,
        "rss_before_load_bytes": rss_before,
        "rss_after_load_bytes": rss_after,
        "graph_bytes": rss_after - rss_before,
        "peak_rss_bytes": peak_rss_bytes(),
        "query_times_s": times,
        "query_min_times_s": mins if mins is not None else times,
        "lengths": lengths,
    }, sys.stdout)
    sys.stdout.write("\n")


now = time.perf_counter
