// Every Cypher statement the Neo4j store runs. Values always travel as
// parameters; the only text ever built is from SCHEMA.md's own lists (labels,
// relationship types) and checked integers, in the builders at the bottom.
// The static test (test/graph/neo4j-static.test.ts) allows driver calls only
// with constants from this module.
//
// Layout in the database:
//   (:Node:<Label> {id, nodeLabel, kind, name, origin, country, folded[], searchText,
//                   aliasesText, attrs (JSON, without documents/mentions), documents[], mentions})
//   ()-[:<TYPE> {id, polarity, confidence, rejected, origin, docs[], attrs (JSON with evidence)}]->()
//   (:Review {id, json})            a person's review, keyed by relationship id
//   (:DocumentText {sha256, text})  decoded texts, content-addressed
import { NODE_LABELS, REL_TYPES, type NodeLabel, type RelType } from "../schema.js";
import { InvalidDataError } from "../errors.js";

/** Schema statements, run once per open (idempotent). */
export const SCHEMA_STATEMENTS: readonly string[] = [
  "CREATE CONSTRAINT node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE",
  ...NODE_LABELS.map((l) => `CREATE CONSTRAINT ${l.toLowerCase()}_id IF NOT EXISTS FOR (n:${l}) REQUIRE n.id IS UNIQUE`),
  ...REL_TYPES.map((t) => `CREATE CONSTRAINT rel_${t.toLowerCase()}_id IF NOT EXISTS FOR ()-[r:${t}]-() REQUIRE r.id IS UNIQUE`),
  "CREATE CONSTRAINT review_id IF NOT EXISTS FOR (v:Review) REQUIRE v.id IS UNIQUE",
  "CREATE CONSTRAINT document_text_sha IF NOT EXISTS FOR (t:DocumentText) REQUIRE t.sha256 IS UNIQUE",
  "CREATE INDEX node_kind IF NOT EXISTS FOR (n:Node) ON (n.kind)",
  "CREATE INDEX node_country IF NOT EXISTS FOR (n:Node) ON (n.country)",
  "CREATE TEXT INDEX node_search_text IF NOT EXISTS FOR (n:Node) ON (n.searchText)",
  "CREATE FULLTEXT INDEX node_names IF NOT EXISTS FOR (n:Node) ON EACH [n.name, n.aliasesText]",
];

export const AWAIT_INDEXES = "CALL db.awaitIndexes(120)";
export const SERVER_VERSION = "CALL dbms.components() YIELD versions, edition RETURN versions[0] AS version, edition";

// ---- documents ---------------------------------------------------------------

export const DOCUMENT_HASH = "MATCH (d:Document {id: $id}) RETURN d.sha256 AS sha256";

/** 1. Lock every id the unit writes (sorted by the caller), creating placeholders for new ones. */
export const LOCK_NODES = "UNWIND $ids AS id MERGE (n:Node {id: id}) SET n._lock = true REMOVE n._lock";
/** The labels of the stored nodes among a unit's ids (placeholders left out), for id-clash.ts. */
export const STORED_LABELS = "UNWIND $ids AS id MATCH (n:Node {id: id}) WHERE n.attrs IS NOT NULL RETURN n.id AS id, n.nodeLabel AS label";
/** Placeholders a unit created but did not fill (never left behind). */
export const DROP_PLACEHOLDERS = "UNWIND $ids AS id MATCH (n:Node {id: id}) WHERE n.attrs IS NULL DETACH DELETE n";

/** Nodes a document mentions. */
export const MENTIONED_BY = "MATCH (:Document {id: $doc})-[:MENTIONS]->(n:Node) RETURN n.id AS id";
/**
 * Relationships that hold evidence from the document: all of them are looked
 * at, since an imported graph may hold a document's evidence on relationships
 * between nodes the document does not mention.
 */
export const EVIDENCED_BY = `
MATCH (a:Node)-[r]->(b:Node)
WHERE $doc IN r.docs
RETURN r.id AS id, a.id AS source, b.id AS target, r.attrs AS attrs`;
export const DELETE_DOCUMENT_MENTIONS = "MATCH (:Document {id: $doc})-[m:MENTIONS]->() DELETE m";
export const DELETE_DOCUMENT = "MATCH (d:Document {id: $doc}) DETACH DELETE d";

/** documents/mentions recomputed from MENTIONS (never incremented); returns what removal needs. */
export const REFRESH_MENTIONS = `
UNWIND $ids AS id
MATCH (n:Node {id: id}) WHERE n.attrs IS NOT NULL AND NOT n:Document
OPTIONAL MATCH (d:Document)-[m:MENTIONS]->(n)
WITH n, d.id AS doc, m.count AS count ORDER BY doc
WITH n, collect(doc) AS documents, coalesce(sum(count), 0) AS mentions
SET n.documents = documents, n.mentions = mentions
RETURN n.id AS id, n.origin AS origin, mentions, COUNT { (n)--() } AS degree`;

export const DELETE_NODES = "UNWIND $ids AS id MATCH (n:Node {id: id}) DETACH DELETE n";

export const READ_NODES = `
UNWIND $ids AS id
MATCH (n:Node {id: id}) WHERE n.attrs IS NOT NULL
RETURN n.id AS id, n.attrs AS attrs, n.documents AS documents, n.mentions AS mentions`;

export const READ_REVIEWS = "UNWIND $ids AS id MATCH (v:Review {id: id}) RETURN v.id AS id, v.json AS json";
export const WRITE_REVIEW = "MERGE (v:Review {id: $id}) SET v.json = $json";

export const WRITE_TEXT = "MERGE (t:DocumentText {sha256: $sha256}) ON CREATE SET t.text = $text";
export const READ_TEXT = `
MATCH (d:Document {id: $id}) WHERE d.sha256 IS NOT NULL
MATCH (t:DocumentText {sha256: d.sha256}) RETURN t.text AS text`;
export const LIST_DOCUMENTS = "MATCH (d:Document) WHERE d.attrs IS NOT NULL RETURN d.id AS id, d.attrs AS attrs, d.documents AS documents, d.mentions AS mentions ORDER BY d.id";

// ---- reads ---------------------------------------------------------------------

const NODE_COLUMNS = "n.id AS id, n.attrs AS attrs, n.documents AS documents, n.mentions AS mentions";

/** Search candidates with their rank (4 exact, 3 prefix, 2 word start, 1 substring), as graph/text.ts matchRank. */
export const SEARCH = `
MATCH (n:Node)
WHERE n.attrs IS NOT NULL
  AND ($label IS NULL AND NOT n:Document OR n.nodeLabel = $label)
  AND ($kind IS NULL OR n.kind = $kind)
  AND ($country IS NULL OR n.country = $country)
  AND ($q = '' OR n.searchText CONTAINS $q)
WITH n, CASE WHEN $q = '' THEN 1 ELSE reduce(best = 0, f IN n.folded |
  CASE WHEN f = $q AND best < 4 THEN 4
       WHEN f STARTS WITH $q AND best < 3 THEN 3
       WHEN f CONTAINS (' ' + $q) AND best < 2 THEN 2
       WHEN f CONTAINS $q AND best < 1 THEN 1
       ELSE best END) END AS rank
WHERE rank > 0
RETURN n.id AS id, rank, n.mentions AS mentions, n.name AS name`;

export const NODES_BY_ID = `UNWIND $ids AS id MATCH (n:Node {id: id}) WHERE n.attrs IS NOT NULL RETURN ${NODE_COLUMNS}`;

const REL_COLUMNS = "r.id AS id, a.id AS source, b.id AS target, r.attrs AS attrs";

/** Relationships touching a node, MENTIONS and rejected ones left out. */
export const NODE_RELATIONSHIPS = `
MATCH (n:Node {id: $id})-[r]-(:Node)
WHERE type(r) <> 'MENTIONS' AND NOT r.rejected
WITH DISTINCT r
WITH r, startNode(r) AS a, endNode(r) AS b
RETURN ${REL_COLUMNS}`;

/** Relationships matching a pattern; undirected TIE matches either way round. */
export const FIND_RELATIONSHIPS = `
MATCH (a:Node)-[r]->(b:Node)
WHERE type(r) IN $types AND NOT r.rejected
  AND ($polarity IS NULL OR r.polarity = $polarity)
  AND ($document IS NULL OR $document IN r.docs)
  AND ((($source IS NULL OR a.id = $source) AND ($target IS NULL OR b.id = $target))
    OR (type(r) = 'TIE' AND ($source IS NULL OR b.id = $source) AND ($target IS NULL OR a.id = $target)))
RETURN ${REL_COLUMNS}`;

/**
 * FIND_RELATIONSHIPS anchored at one end ($anchor = $source, else $target):
 * starts from the node's index entry instead of scanning every relationship.
 */
export const FIND_RELATIONSHIPS_AT = `
MATCH (n:Node {id: $anchor})-[r]-(:Node)
WHERE type(r) IN $types AND NOT r.rejected AND ($polarity IS NULL OR r.polarity = $polarity)
  AND ($document IS NULL OR $document IN r.docs)
WITH DISTINCT r
WITH r, startNode(r) AS a, endNode(r) AS b
WHERE (($source IS NULL OR a.id = $source) AND ($target IS NULL OR b.id = $target))
   OR (type(r) = 'TIE' AND ($source IS NULL OR b.id = $source) AND ($target IS NULL OR a.id = $target))
RETURN ${REL_COLUMNS}`;

/** Walkable neighbours of a frontier (any direction). */
export const NEIGHBOURS = `
UNWIND $ids AS id
MATCH (n:Node {id: id})-[r]-(m:Node)
WHERE type(r) IN $types AND NOT r.rejected AND ($includeAbsent OR r.polarity <> 'absent')
RETURN DISTINCT id AS from, m.id AS to`;

/** Walkable relationships among a set of nodes. */
export const RELATIONSHIPS_AMONG = `
MATCH (a:Node)-[r]->(b:Node)
WHERE a.id IN $ids AND b.id IN $ids AND type(r) IN $types AND NOT r.rejected
  AND ($includeAbsent OR r.polarity <> 'absent')
RETURN ${REL_COLUMNS}`;

export const EXPORT_NODES = `MATCH (n:Node) WHERE n.attrs IS NOT NULL RETURN ${NODE_COLUMNS} ORDER BY n.id`;
export const EXPORT_RELATIONSHIPS = `MATCH (a:Node)-[r]->(b:Node) WHERE r.attrs IS NOT NULL RETURN ${REL_COLUMNS}, type(r) AS type ORDER BY r.id`;
export const EXPORT_REVIEWS = "MATCH (v:Review) RETURN v.id AS id, v.json AS json ORDER BY v.id";

export const STATS_NODES = "MATCH (n:Node) WHERE n.attrs IS NOT NULL RETURN n.kind AS kind, n.nodeLabel AS label, count(*) AS count";
export const STATS_RELATIONSHIPS = "MATCH ()-[r]->() WHERE r.attrs IS NOT NULL AND NOT r.rejected RETURN type(r) AS type, count(*) AS count";

/** Relationships first, in bounded batches: DETACH DELETE of hub nodes would hold millions in one transaction. */
export const CLEAR_RELATIONSHIPS_BATCH = "MATCH ()-[r]->() WITH r LIMIT 20000 DELETE r RETURN count(*) AS deleted";
export const CLEAR_BATCH = "MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS deleted";

// ---- builders: text only from SCHEMA.md's lists and checked integers ---------

function checkedLabel(label: NodeLabel): NodeLabel {
  if (!(NODE_LABELS as readonly string[]).includes(label)) throw new InvalidDataError(`neo4j queries: unknown label "${String(label)}"`);
  return label;
}

function checkedType(type: RelType): RelType {
  if (!(REL_TYPES as readonly string[]).includes(type)) throw new InvalidDataError(`neo4j queries: unknown relationship type "${String(type)}"`);
  return type;
}

/** A checked integer within [min, max]; throws InvalidDataError otherwise. */
export function checkedInt(value: unknown, min: number, max: number, what: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max)
    throw new InvalidDataError(`${what} must be a whole number from ${min} to ${max}`, [{ path: what, message: `got ${String(value)}` }]);
  return value;
}

const cache = new Map<string, string>();
function memo(key: string, make: () => string): string {
  let q = cache.get(key);
  if (q === undefined) cache.set(key, (q = make()));
  return q;
}

/** Writes nodes of one label: rows {id, props}; replaces every property and the schema label. */
export function writeNodesQuery(label: NodeLabel): string {
  const l = checkedLabel(label);
  return memo(`nodes:${l}`, () => `
UNWIND $rows AS row
MERGE (n:Node {id: row.id})
SET n = row.props
REMOVE n:${NODE_LABELS.join(":")}
SET n:${l}`);
}

/** Relationships of one type by id: their attributes (for recomputation). */
export function readRelationshipsQuery(type: RelType): string {
  const t = checkedType(type);
  return memo(`readrels:${t}`, () => `UNWIND $ids AS id MATCH ()-[r:${t} {id: id}]->() RETURN r.id AS id, r.attrs AS attrs`);
}

/** Writes relationships of one type: rows {id, source, target, props}; idempotent (MERGE on id, SET replaces). */
export function writeRelationshipsQuery(type: RelType): string {
  const t = checkedType(type);
  return memo(`writerels:${t}`, () => `
UNWIND $rows AS row
MATCH (a:Node {id: row.source}), (b:Node {id: row.target})
MERGE (a)-[r:${t} {id: row.id}]->(b)
SET r = row.props`);
}

/** One relationship of a known type by id. */
export function relationshipByIdQuery(type: RelType): string {
  const t = checkedType(type);
  return memo(`relbyid:${t}`, () => `MATCH (a:Node)-[r:${t} {id: $id}]->(b:Node) RETURN ${REL_COLUMNS}`);
}

/** Deletes relationships of one type by id. */
export function deleteRelationshipsQuery(type: RelType): string {
  const t = checkedType(type);
  return memo(`delrels:${t}`, () => `UNWIND $ids AS id MATCH ()-[r:${t} {id: id}]->() DELETE r`);
}

/**
 * Shortest paths between two nodes over the given types, either direction,
 * at most `maxHops` (checked 1..8). Returns node id lists and relationship
 * id lists per path; `all` uses allShortestPaths (capped by $cap rows).
 */
export function shortestPathQuery(types: readonly RelType[], maxHops: number, all: boolean): string {
  const list = [...new Set(types.map(checkedType))].sort();
  if (list.length === 0) throw new InvalidDataError("shortest path: at least one relationship type is needed");
  const hops = checkedInt(maxHops, 1, 8, "maxHops");
  const fn = all ? "allShortestPaths" : "shortestPath";
  return memo(`path:${fn}:${hops}:${list.join("|")}`, () => `
MATCH (a:Node {id: $from}), (b:Node {id: $to})
MATCH p = ${fn}((a)-[:${list.join("|")}*1..${hops}]-(b))
WHERE all(r IN relationships(p) WHERE NOT r.rejected AND ($includeAbsent OR r.polarity <> 'absent'))
RETURN [n IN nodes(p) | n.id] AS nodes,
       [r IN relationships(p) | {id: r.id, source: startNode(r).id, target: endNode(r).id, attrs: r.attrs}] AS rels
LIMIT $cap`);
}
