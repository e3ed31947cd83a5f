"""Reference for bench/stats.ts: python-igraph (Debian python3-igraph) loads
the same edge list as an undirected graph and finds communities with
community_multilevel (Louvain, Blondel et al.; igraph draws its random
numbers from Python's random module, seeded 42) and their modularity.
python-igraph 0.10.2's Graph.betweenness has no argument for a sample of
sources (only exact, or `cutoff` on path length), so sampled betweenness is
reported as unavailable; with --exact-max-nodes N, graphs of at most N nodes
also get igraph's exact betweenness (every node a source) for a per-source
time. Prints one JSON line per part as soon as it is done.
Run with /usr/bin/python3."""
import argparse
import random
import igraph

from common import now, read_edges, rss_bytes
from stats_common import emit, top_values


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--edges", required=True, help='"u v" edge list, node numbers')
    parser.add_argument("--nodes", type=int, required=True, help="number of nodes (0..n-1)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--exact-max-nodes", type=int, default=0, help="run exact betweenness on graphs up to this many nodes")
    args = parser.parse_args()
    random.seed(args.seed)

    before = rss_bytes()
    t0 = now()
    graph = igraph.Graph(n=args.nodes, edges=read_edges(args.edges), directed=False)
    emit("load", "igraph", igraph.__version__, now() - t0, nodes=graph.vcount(), edges=graph.ecount(), graph_bytes=rss_bytes() - before)

    t0 = now()
    clustering = graph.community_multilevel()
    louvain_s = now() - t0
    t1 = now()
    modularity = graph.modularity(clustering.membership)
    emit("communities", "igraph", igraph.__version__, now() - t0, louvain_s=louvain_s, modularity_s=now() - t1, count=len(clustering), modularity=modularity)

    if 0 < args.nodes <= args.exact_max_nodes:
        t0 = now()
        values = graph.betweenness(directed=False)
        seconds = now() - t0
        n = args.nodes
        scale = 2 / ((n - 1) * (n - 2)) if n > 2 else 1  # igraph counts each unordered pair once
        emit("exact-betweenness", "igraph", igraph.__version__, seconds, sources=n, top=top_values(((i, v * scale) for i, v in enumerate(values)), args.top))


if __name__ == "__main__":
    main()
