"""Reference for bench/path.ts: python-igraph (Debian python3-igraph) loads
the same edge list as an undirected graph and answers the same pairs with
get_shortest_paths (BFS in C, stops at the target). Prints a JSON report on stdout.
Run with /usr/bin/python3."""
import igraph

from common import now, parse_args, read_edges, read_pairs, report, rss_bytes, time_queries


def main():
    args = parse_args(__doc__)
    pairs = read_pairs(args.pairs)
    before = rss_bytes()
    t0 = now()
    graph = igraph.Graph(n=args.nodes, edges=read_edges(args.edges), directed=False)
    load_s = now() - t0
    after = rss_bytes()

    def query(s, t):
        path = graph.get_shortest_paths(s, to=t, output="vpath")[0]
        return len(path) - 1 if path else -1

    times, mins, lengths = time_queries(pairs, query, args.repeat)
    report("igraph", igraph.__version__, load_s, before, after, times, lengths, mins)


if __name__ == "__main__":
    main()
