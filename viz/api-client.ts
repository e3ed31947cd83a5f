// The viewer's only way to the data: typed calls to the unionties HTTP API.
// Errors come back as ApiError with the API's status and message.
import type { BoomerangResult } from "../graph/algorithms/boomerang-types.js";
import type { GraphPath, NodeDetail, Subgraph } from "../graph/store.js";
import type { NodeRecord, RelationshipRecord, SerializedGraph } from "../graph/types.js";

/** A failed API call: the HTTP status and the API's message. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = "ApiError";
  }
}

/** GET /api/schema (graph/schema.ts describeSchema). */
export interface SchemaInfo {
  labels: string[];
  kinds: Record<string, string[]>;
  relTypes: string[];
  relSpecs: Record<string, { directed: boolean; meaning: string }>;
}

/** GET /api/documents/:id/text. */
export interface DocumentText {
  id: string;
  text: string;
  spans?: Array<{ start: number; end: number; relationship: string; type: string }>;
}

/** GET /api/boomerang: the JSON of graph/algorithms/boomerang.ts (types only, no run-time import). */
export type { BoomerangResult, BoomerangInstance, Leg as BoomerangLeg } from "../graph/algorithms/boomerang-types.js";

/** Filters the API's /api/graph and /api/export take. */
export interface GraphQuery {
  types?: string[] | null;
  kinds?: string[] | null;
  countries?: string[] | null;
  minConfidence?: number;
  fromYear?: number | null;
  toYear?: number | null;
  nodes?: string[];
  withoutDocuments?: boolean;
  /** Leave out the nodes no kept relationship touches (what the viewer hides unless "show isolated"). */
  withoutIsolated?: boolean;
  includeAbsent?: boolean;
  /** Only the `top` best-connected nodes and the relationships among them (an overview). */
  top?: number;
  /** Nodes kept besides the `top` (or `nodes`): those brought into an overview (at most MAX_EXPORT_IDS). */
  include?: string[];
}

/** GET /api/facets: the whole store's organisations by kind and by country. */
export interface Facets {
  nodes: number;
  relationships: number;
  kinds: Record<string, number>;
  countries: Record<string, number>;
}

/** What the whole store holds, as an overview's answer says (X-Total-Nodes, X-Total-Relationships). */
export interface GraphTotals {
  nodes: number;
  relationships: number | null;
}

/** Most node ids an export URL lists (the API's limit); a bigger view is exported by its filters. */
export const MAX_EXPORT_IDS = 500;

/** Export formats of GET /api/export. */
export type ExportFormat = "svg" | "png" | "json" | "gexf" | "graphml" | "csv-nodes" | "csv-edges";

/** Query string of `query` (empty values left out). */
export function graphQueryString(query: GraphQuery): URLSearchParams {
  const p = new URLSearchParams();
  if (query.types?.length) p.set("types", query.types.join(","));
  if (query.kinds?.length) p.set("kinds", query.kinds.join(","));
  if (query.countries?.length) p.set("countries", query.countries.join(","));
  if (query.minConfidence) p.set("minConfidence", String(query.minConfidence));
  if (query.fromYear != null) p.set("fromYear", String(query.fromYear));
  if (query.toYear != null) p.set("toYear", String(query.toYear));
  if (query.nodes?.length && query.nodes.length <= MAX_EXPORT_IDS) p.set("nodes", query.nodes.join(","));
  if (query.withoutDocuments) p.set("withoutDocuments", "true");
  if (query.withoutIsolated) p.set("withoutIsolated", "true");
  if (query.includeAbsent !== undefined) p.set("includeAbsent", String(query.includeAbsent));
  if (query.top !== undefined) p.set("top", String(query.top));
  if (query.include?.length && query.include.length <= MAX_EXPORT_IDS) p.set("include", query.include.join(","));
  return p;
}

/** Typed client of the unionties API. `base` is the API origin ("" = same origin). */
export class ApiClient {
  constructor(private readonly base = "", private readonly fetchImpl: typeof fetch = (...a) => fetch(...a)) {}

  private async get<T>(path: string, params?: URLSearchParams): Promise<T> {
    return (await this.request<T>(path, params)).body;
  }

  /** A GET with its response headers. */
  private async request<T>(path: string, params?: URLSearchParams): Promise<{ body: T; headers: Headers }> {
    const query = params && [...params].length ? `?${params}` : "";
    const res = await this.fetchImpl(`${this.base}${path}${query}`, { headers: { accept: "application/json" } });
    const body = await res.json().catch(() => null);
    if (!res.ok) throw new ApiError(res.status, (body && typeof body.message === "string" && body.message) || `${path}: HTTP ${res.status}`);
    return { body: body as T, headers: res.headers };
  }

  /** The graph model (kinds, types). */
  schema(): Promise<SchemaInfo> {
    return this.get("/api/schema");
  }

  /** The graph in the interchange format, Document nodes left out by default. */
  graph(query: GraphQuery = { withoutDocuments: true }): Promise<SerializedGraph> {
    return this.get("/api/graph", graphQueryString(query));
  }

  /**
   * The graph with what the whole store holds: with `top`, the API answers
   * an overview and says the store's totals (null when it does not).
   */
  async graphWithTotals(query: GraphQuery): Promise<{ graph: SerializedGraph; totals: GraphTotals | null }> {
    const { body, headers } = await this.request<SerializedGraph>("/api/graph", graphQueryString(query));
    const nodes = headers.get("x-total-nodes");
    const relationships = headers.get("x-total-relationships");
    const totals = nodes !== null && /^\d+$/.test(nodes) ? { nodes: Number(nodes), relationships: relationships !== null && /^\d+$/.test(relationships) ? Number(relationships) : null } : null;
    return { graph: body, totals };
  }

  /** The whole store's organisations by kind and by country (cheap counts, for the filter lists of an overview). */
  facets(): Promise<Facets> {
    return this.get("/api/facets");
  }

  /** A node's neighbourhood within `depth` hops (at most `limit` nodes, closest first). */
  neighbourhood(id: string, depth: number, limit = 500): Promise<Subgraph> {
    return this.get(`/api/nodes/${encodeURIComponent(id)}/neighbourhood`, new URLSearchParams({ depth: String(depth), limit: String(limit) }));
  }

  /** Nodes whose name, alias or id matches `q` (any label). */
  search(q: string, limit = 10): Promise<{ total: number; items: NodeRecord[] }> {
    return this.get("/api/nodes", new URLSearchParams({ q, limit: String(limit) }));
  }

  /** A node with its relationships (evidence included) and neighbours. */
  node(id: string): Promise<NodeDetail> {
    return this.get(`/api/nodes/${encodeURIComponent(id)}`);
  }

  /** The document list (titles, authors, years). */
  documents(): Promise<{ items: Array<{ id: string; attributes: Record<string, unknown> }> }> {
    return this.get("/api/documents");
  }

  /** A document's text and its evidence spans. */
  documentText(id: string): Promise<DocumentText> {
    return this.get(`/api/documents/${encodeURIComponent(id)}/text`);
  }

  /** Shortest path(s) between two nodes; `paths` is empty when none exists. */
  shortestPaths(from: string, to: string, options: { types?: string[] | null; all?: boolean } = {}): Promise<{ paths: GraphPath[] }> {
    const p = new URLSearchParams({ from, to });
    if (options.types?.length) p.set("types", options.types.join(","));
    if (options.all) p.set("all", "true");
    return this.get("/api/paths/shortest", p);
  }

  /** Boomerang instances for a state (country code) or an organisation. */
  boomerang(query: { state: string } | { org: string }): Promise<BoomerangResult> {
    return this.get("/api/boomerang", new URLSearchParams(query as Record<string, string>));
  }

  /** URL of an export of the given nodes (the current view) in `format`. */
  exportUrl(format: ExportFormat, query: GraphQuery & { title?: string }): string {
    const p = graphQueryString(query);
    p.set("format", format);
    if (query.title) p.set("title", query.title);
    return `${this.base}/api/export?${p}`;
  }
}
