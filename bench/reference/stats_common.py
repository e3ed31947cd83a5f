"""Shared helpers of the bench/stats.ts references: one JSON line per part,
flushed at once, and the most central nodes of a betweenness result."""
import json
import sys

from common import peak_rss_bytes, rss_bytes


def emit(part, tool, version, seconds, **fields):
    """Prints one part's report on stdout (a line of JSON) and flushes it."""
    json.dump({"part": part, "tool": tool, "version": version, "python": sys.version.split()[0], "seconds": seconds,
               "rss_bytes": rss_bytes(), "peak_rss_bytes": peak_rss_bytes(), **fields}, sys.stdout)
    sys.stdout.write("\n")
    sys.stdout.flush()


def top_values(items, n):
    """The n (node, value) pairs of highest value, ties by node number."""
    return [[node, value] for node, value in sorted(items, key=lambda kv: (-kv[1], kv[0]))[:n]]
