// The embedded store's search (searchGraph over the NameIndex) answers exactly
// what testing every folded name of every node with matchRank answers: the
// same total, the same items in the same order, for any query, filter, offset
// and limit, and still after the graph changes between searches (renames,
// new aliases, added, dropped and replaced nodes, a cleared graph).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { newUnionGraph } from "../../graph/memory-graph.js";
import { firstInOrder, searchGraph } from "../../graph/memory-queries.js";
import { LABEL_OF_KIND, type NodeKind } from "../../graph/schema.js";
import type { SearchQuery, SearchResult } from "../../graph/store.js";
import { foldName, matchRank } from "../../graph/text.js";
import type { NodeAttributes, UnionGraph } from "../../graph/types.js";

/** The search as it was written before the index: every name of every node tested, then sorted. */
function reference(g: UnionGraph, query: SearchQuery): SearchResult {
  const q = foldName(query.q ?? "");
  const hits: Array<{ id: string; rank: number; a: NodeAttributes }> = [];
  g.forEachNode((id, a) => {
    if (query.label ? a.nodeLabel !== query.label : a.nodeLabel === "Document") return;
    if (query.kind && a.kind !== query.kind) return;
    if (query.country && a.country !== query.country) return;
    let rank = 0;
    for (const name of [a.name, id, ...(a.aliases ?? [])]) rank = Math.max(rank, matchRank(q, foldName(String(name))));
    if (rank > 0) hits.push({ id, rank, a });
  });
  hits.sort((x, y) => y.rank - x.rank || (y.a.mentions ?? 0) - (x.a.mentions ?? 0) || x.a.name.localeCompare(y.a.name) || (x.id < y.id ? -1 : 1));
  const offset = query.offset ?? 0;
  const limit = query.limit ?? 20;
  return { total: hits.length, items: hits.slice(offset, offset + limit).map((h) => ({ id: h.id, attributes: h.a })) };
}

const WORDS = ["Rengo", "Zentōitsu", "KCTU", "kctu", "Trade", "Union", "Unions", "Japan", "JTUC-Rengo", "Zenrōkyō", "Ijūren", "o'Brien", "Asia", "Pacific", "ITUC", "Ōsaka", "network", "119", "a", "an"];
const KINDS: NodeKind[] = ["union", "confederation", "ngo", "government", "protest", "document"];
const COUNTRIES = ["JP", "KR", "PH", undefined];

const nameArb = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }).chain((words) =>
  fc.constantFrom(" ", "-", " & ", "  ").map((sep) => words.join(sep)),
);
const nodeArb = fc.record({
  id: fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/),
  name: nameArb,
  aliases: fc.array(nameArb, { maxLength: 2 }),
  kind: fc.constantFrom(...KINDS),
  country: fc.constantFrom(...COUNTRIES),
  mentions: fc.nat(3),
});
type NodeSpec = { id: string; name: string; aliases: string[]; kind: NodeKind; country: string | undefined; mentions: number };

function attributes(n: NodeSpec): NodeAttributes {
  return { nodeLabel: LABEL_OF_KIND[n.kind], kind: n.kind, name: n.name, aliases: n.aliases, documents: [], mentions: n.mentions, origin: "imported", ...(n.country ? { country: n.country } : {}) };
}

const queryArb = fc.record({
  q: fc.oneof(fc.constantFrom(...WORDS, "", "un", "RENGO", "zento", "-", "ō", "n 1", "119", "trade union"), fc.string({ maxLength: 3 })),
  kind: fc.option(fc.constantFrom(...KINDS), { nil: undefined }),
  country: fc.option(fc.constantFrom("JP", "KR"), { nil: undefined }),
  label: fc.option(fc.constantFrom("Organization" as const, "Event" as const, "Document" as const), { nil: undefined }),
  offset: fc.option(fc.nat(6), { nil: undefined }),
  limit: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
});

const changeArb = fc.oneof(
  fc.record({ op: fc.constant("add" as const), node: nodeArb }),
  fc.record({ op: fc.constant("rename" as const), at: fc.nat(), name: nameArb }),
  fc.record({ op: fc.constant("alias" as const), at: fc.nat(), name: nameArb }),
  fc.record({ op: fc.constant("drop" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("replace" as const), at: fc.nat(), node: nodeArb }),
  fc.record({ op: fc.constant("mentions" as const), at: fc.nat(), count: fc.nat(5) }),
  fc.record({ op: fc.constant("clear" as const) }),
);

type Change = { op: string; node?: NodeSpec; at?: number; name?: string; count?: number };

function apply(g: UnionGraph, change: Change): void {
  const nodes = g.nodes();
  const pick = (at: number) => nodes[at % nodes.length];
  switch (change.op) {
    case "add": {
      const node = change.node as NodeSpec;
      if (!g.hasNode(node.id)) g.addNode(node.id, attributes(node));
      return;
    }
    case "clear":
      return g.clear();
  }
  if (!nodes.length) return;
  const id = pick(change.at as number);
  if (change.op === "rename") g.setNodeAttribute(id, "name", change.name as string);
  else if (change.op === "alias") g.mergeNodeAttributes(id, { aliases: [...g.getNodeAttribute(id, "aliases"), change.name as string] });
  else if (change.op === "drop") g.dropNode(id);
  else if (change.op === "replace") g.replaceNodeAttributes(id, attributes(change.node as NodeSpec));
  else if (change.op === "mentions") g.updateNodeAttribute(id, "mentions", () => change.count as number);
}

describe("searchGraph with its name index", () => {
  it("answers every query exactly as testing every name does, also after the graph changes between searches", () => {
    fc.assert(
      fc.property(fc.array(nodeArb, { maxLength: 40 }), fc.array(fc.tuple(fc.array(changeArb, { maxLength: 3 }), queryArb), { minLength: 1, maxLength: 8 }), (nodes, rounds) => {
        const g = newUnionGraph();
        for (const n of nodes) if (!g.hasNode(n.id)) g.addNode(n.id, attributes(n));
        for (const [changes, query] of rounds) {
          for (const change of changes) apply(g, change);
          const got = searchGraph(g, query);
          const want = reference(g, query);
          expect(got.total).toBe(want.total);
          expect(got.items.map((n) => n.id)).toEqual(want.items.map((n) => n.id));
        }
      }),
      { numRuns: 500 },
    );
  });

  it("finds a name by any part of it, accents and case aside, ranking exact over prefix over word over substring", () => {
    const g = newUnionGraph();
    const add = (id: string, name: string, aliases: string[] = []) => g.addNode(id, { nodeLabel: "Organization", kind: "union", name, aliases, documents: [], mentions: 0, origin: "codebook" });
    add("zentoitsu", "Zentōitsu Workers' Union");
    add("rengo", "Rengo", ["JTUC-Rengo"]);
    add("rengo-osaka", "Rengo Osaka");
    add("zenrengo", "Zenrengo");
    expect(searchGraph(g, { q: "RENGO" }).items.map((n) => n.id)).toEqual(["rengo", "rengo-osaka", "zenrengo"]);
    expect(searchGraph(g, { q: "zentoitsu workers" }).items.map((n) => n.id)).toEqual(["zentoitsu"]);
    g.setNodeAttribute("zenrengo", "name", "Other");
    expect(searchGraph(g, { q: "rengo" }).items.map((n) => n.id)).toEqual(["rengo", "rengo-osaka", "zenrengo"]);
    g.setNodeAttribute("zenrengo", "aliases", []);
    g.dropNode("rengo-osaka");
    expect(searchGraph(g, { q: "rengo" })).toMatchObject({ total: 2 });
  });
});

describe("firstInOrder", () => {
  it("gives the first k of a sort without sorting everything", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 })), fc.nat(30), (xs, k) => {
        const order = (a: number, b: number) => a - b;
        expect(firstInOrder([...xs], k, order)).toEqual([...xs].sort(order).slice(0, k));
      }),
      { numRuns: 2000 },
    );
  });
});
