"""Reference for bench/stats.ts: NetworkX (Debian python3-networkx) loads the
same edge list as an undirected graph, estimates betweenness from the same
number of seeded sampled sources as GET /api/stats
(betweenness_centrality(k=..., seed=42, normalized=True)), and finds Louvain
communities (louvain_communities(seed=42)) and their modularity. Prints one
JSON line per part as soon as it is done (load, betweenness, communities), so
a caller that stops a slow run still has the parts that finished.
Run with /usr/bin/python3."""
import argparse
import networkx as nx

from common import now, peak_rss_bytes, read_edges, rss_bytes
from stats_common import emit, top_values


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--edges", required=True, help='"u v" edge list, node numbers')
    parser.add_argument("--nodes", type=int, required=True, help="number of nodes (0..n-1)")
    parser.add_argument("--sources", type=int, required=True, help="betweenness sources (k); the node count means exact")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--top", type=int, default=10, help="how many of the most central nodes to report")
    parser.add_argument("--parts", default="betweenness,communities", help="comma-separated: betweenness, communities")
    args = parser.parse_args()
    parts = args.parts.split(",")

    before = rss_bytes()
    t0 = now()
    graph = nx.Graph()
    graph.add_nodes_from(range(args.nodes))
    graph.add_edges_from(read_edges(args.edges))
    emit("load", "networkx", nx.__version__, now() - t0, nodes=graph.number_of_nodes(), edges=graph.number_of_edges(), graph_bytes=rss_bytes() - before)

    if "betweenness" in parts:
        k = min(args.sources, args.nodes)
        t0 = now()
        values = nx.betweenness_centrality(graph, k=None if k >= args.nodes else k, seed=args.seed, normalized=True)
        emit("betweenness", "networkx", nx.__version__, now() - t0, sources=k, top=top_values(values.items(), args.top))

    if "communities" in parts:
        t0 = now()
        communities = nx.community.louvain_communities(graph, seed=args.seed)
        louvain_s = now() - t0
        t1 = now()
        modularity = nx.community.modularity(graph, communities)
        emit("communities", "networkx", nx.__version__, now() - t0, louvain_s=louvain_s, modularity_s=now() - t1, count=len(communities), modularity=modularity)


if __name__ == "__main__":
    main()
