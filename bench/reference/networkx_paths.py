"""Reference for bench/path.ts: NetworkX (Debian python3-networkx) loads the
same edge list as an undirected graph and answers the same pairs with its
bidirectional unweighted shortest path. Prints a JSON report on stdout.
Run with /usr/bin/python3."""
import networkx as nx

from common import now, parse_args, read_edges, read_pairs, report, rss_bytes, time_queries


def main():
    args = parse_args(__doc__)
    pairs = read_pairs(args.pairs)
    before = rss_bytes()
    t0 = now()
    graph = nx.Graph()
    graph.add_nodes_from(range(args.nodes))
    graph.add_edges_from(read_edges(args.edges))
    load_s = now() - t0
    after = rss_bytes()

    def query(s, t):
        try:
            return len(nx.bidirectional_shortest_path(graph, s, t)) - 1
        except nx.NetworkXNoPath:
            return -1

    times, mins, lengths = time_queries(pairs, query, args.repeat)
    report("networkx", nx.__version__, load_s, before, after, times, lengths, mins)


if __name__ == "__main__":
    main()
