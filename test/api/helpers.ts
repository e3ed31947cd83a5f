// Shared setup of the API tests: a memory store seeded with two small
// documents built inline (exact quotes and offsets), API keys of each role,
// an app factory, and the store fingerprint (sha256 of the sorted export)
// used to prove that hostile requests change nothing.
import { createHash } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { buildApp, type AppOptions } from "../../api/app.js";
import { parseKeys } from "../../api/keys.js";
import { MemoryStore } from "../../graph/memory-store.js";
import type { NodeKind, RelType } from "../../graph/schema.js";
import { LABEL_OF_KIND } from "../../graph/schema.js";
import type { GraphStore } from "../../graph/store.js";
import type { DocumentBundle, NodeRecord } from "../../graph/types.js";
import type { IngestBytes } from "../../api/ingest-port.js";

export const TOKENS = {
  admin: "admin-token-0123456789abcdef0123456789abcdef",
  reviewer: "reviewer-token-0123456789abcdef0123456789ab",
  reader: "reader-token-0123456789abcdef0123456789abcd",
} as const;
export const KEYS = parseKeys(`ada:admin:${TOKENS.admin},rita:reviewer:${TOKENS.reviewer},rob:reader:${TOKENS.reader}`);
export const bearer = (role: keyof typeof TOKENS) => ({ authorization: `Bearer ${TOKENS[role]}` });

function node(id: string, name: string, kind: NodeKind, extra: Record<string, unknown> = {}): NodeRecord & { mentions: number } {
  return { id, mentions: 1, attributes: { nodeLabel: LABEL_OF_KIND[kind], kind, name, aliases: [], documents: [], mentions: 0, origin: "codebook", ...extra } };
}

/** Builds a bundle from text and [type, source, target, quote, polarity?] rows; offsets are found with indexOf. */
export function bundle(id: string, text: string, nodes: Array<NodeRecord & { mentions: number }>, rels: Array<[RelType, string, string, string, ("present" | "absent")?]>): DocumentBundle {
  return {
    document: { id, attributes: { nodeLabel: "Document", kind: "document", name: id, title: `Paper ${id}`, aliases: [], documents: [], mentions: 0, origin: "extracted", sha256: createHash("sha256").update(text).digest("hex"), year: 2010 } },
    text,
    nodes,
    relationships: rels.map(([type, source, target, quote, polarity]) => {
      const start = text.indexOf(quote);
      if (start < 0) throw new Error(`quote not in text: ${quote}`);
      return { source, target, attributes: { type, polarity: polarity ?? "present", confidence: 0.8, origin: "extracted", evidence: [{ document: id, quote, start, end: start + quote.length, confidence: 0.8 }] } };
    }),
  };
}

const TEXT_A =
  "Rengo and KCTU have built strong ties since 1995. Zenrokyo keeps regular exchanges with KCTU. Rengo is a member of ITUC. " +
  "MOFA refused to consult Ijuren. Ijuren works with ITUC on migrant rights. ITUC pressured MOFA over the EPA.";
const TEXT_B = "Zenroren opposes the EPA. Toyota is named here without any relation. There are no ties between Zenroren and Rengo.";

/** The two seed bundles of the API tests. */
export function seedBundles(): DocumentBundle[] {
  const rengo = node("rengo", "Rengo", "confederation", { country: "JP", aliases: ["JTUC-Rengo"], _reviewerEmail: "secret@example.org" });
  const kctu = node("kctu", "KCTU", "confederation", { country: "KR" });
  const zenrokyo = node("zenrokyo", "Zenrokyo", "confederation", { country: "JP" });
  const ituc = node("ituc", "ITUC", "global_union");
  const mofa = node("mofa", "MOFA", "government", { country: "JP" });
  const ijuren = node("ijuren", "Ijuren", "ngo", { country: "JP" });
  const epa = node("jp-ph-epa", "Japan-Philippines EPA", "epa");
  const zenroren = node("zenroren", "Zenroren", "confederation", { country: "JP" });
  const toyota = node("toyota", "Toyota", "business", { country: "JP" });
  return [
    bundle("paper-a", TEXT_A, [rengo, kctu, zenrokyo, ituc, mofa, ijuren, epa], [
      ["TIE", "rengo", "kctu", "Rengo and KCTU have built strong ties since 1995."],
      ["TIE", "zenrokyo", "kctu", "Zenrokyo keeps regular exchanges with KCTU."],
      ["MEMBER_OF", "rengo", "ituc", "Rengo is a member of ITUC."],
      ["BLOCKS", "mofa", "ijuren", "MOFA refused to consult Ijuren."],
      ["TIE", "ijuren", "ituc", "Ijuren works with ITUC on migrant rights."],
      ["PRESSURES", "ituc", "mofa", "ITUC pressured MOFA over the EPA."],
    ]),
    bundle("paper-b", TEXT_B, [zenroren, epa, toyota, { ...rengo, attributes: { ...rengo.attributes } }], [
      ["OPPOSES", "zenroren", "jp-ph-epa", "Zenroren opposes the EPA."],
      ["TIE", "zenroren", "rengo", "There are no ties between Zenroren and Rengo.", "absent"],
    ]),
  ];
}

/** A memory store (no persistence unless `dir`) holding the seed bundles. */
export async function seededStore(dir?: string): Promise<MemoryStore> {
  const store = new MemoryStore(dir ? { dir } : {});
  await store.open();
  for (const b of seedBundles()) await store.upsertDocument(b);
  return store;
}

/**
 * Registers, in the calling test file, the app on a store holding the seed
 * bundles, made before its tests and closed after them; `store` and `app`
 * are set once the file's beforeAll has run.
 */
export function useSeededApp() {
  const seeded = {
    store: undefined as unknown as MemoryStore,
    app: undefined as unknown as FastifyInstance,
    get: (url: string, headers: Record<string, string> = {}) => seeded.app.inject({ method: "GET", url, headers }),
  };
  beforeAll(async () => {
    seeded.store = await seededStore();
    seeded.app = await makeApp(seeded.store);
  });
  afterAll(async () => {
    await seeded.app.close();
  });
  return seeded;
}

/** A fresh temp directory. */
export function tempDir(prefix = "unionties-api-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Builds the app on `store` with the test keys, no rate limit and no logs unless overridden. */
export async function makeApp(store: GraphStore, options: Partial<AppOptions> = {}): Promise<FastifyInstance> {
  const app = await buildApp({ store, auth: { keys: KEYS }, rateLimit: false, env: {}, viewerDir: tempDir("unionties-noviewer-"), ...options });
  await app.ready();
  return app;
}

/** sha256 of the canonical export: nodes by key, edges by (type, source, target, key), reviews included. */
export async function fingerprint(store: GraphStore): Promise<string> {
  const g = await store.exportGraph();
  const nodes = [...g.nodes].sort((a, b) => (a.key < b.key ? -1 : 1));
  const edges = [...g.edges].sort((a, b) => {
    const ka = `${a.attributes.type}\u0000${a.source}\u0000${a.target}\u0000${a.key}`;
    const kb = `${b.attributes.type}\u0000${b.source}\u0000${b.target}\u0000${b.key}`;
    return ka < kb ? -1 : 1;
  });
  const rels = await store.findRelationships({});
  return createHash("sha256").update(JSON.stringify({ nodes, edges, reviews: rels.map((r) => [r.id, r.attributes.review ?? null]) })).digest("hex");
}

/** The leak regex of RELIABILITY.md B5.1. */
export const LEAK = /at .+:\d+:\d+|Neo4jError|bolt:\/\/|node_modules|\/home\/|MATCH |MERGE /;

/** An ingest that writes nothing and reports the file as created (for auth and limit tests). */
export const fakeIngest: IngestBytes = async (_store, upload) => ({
  id: upload.name.replace(/\.[^.]+$/, ""),
  file: upload.name,
  status: "created",
  countsByType: {},
  newEntities: [],
  lowConfidence: [],
});
