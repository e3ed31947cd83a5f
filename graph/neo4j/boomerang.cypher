// The boomerang analysis in Cypher: the four reads of a BoomerangSource
// (graph/algorithms/boomerang-source.ts). graph/neo4j/boomerang.ts loads this
// file, splits it at the "// name:" lines and runs each statement with
// parameters only; the chain logic that joins the legs is shared with the
// memory store, so both stores give the same instances.
//
// Layout (graph/neo4j/queries.ts): (:Node:<Label> {id, nodeLabel, kind, country,
// attrs (JSON), documents[], mentions}), relationships {id, polarity, rejected,
// attrs (JSON with evidence)}.

// name: nodes
// Parameters: $ids (node ids). Columns: id, attrs, documents, mentions.
// 1. Each id that names a stored node (placeholders without attrs left out).
UNWIND $ids AS nid
MATCH (n:Node {id: nid})
WHERE n.attrs IS NOT NULL
RETURN n.id AS id, n.attrs AS attrs, n.documents AS documents, n.mentions AS mentions;

// name: state-bodies
// Parameters: $state (country code). Columns: id, attrs, documents, mentions.
// 1. The state's government bodies (ministries, parliament, the collective state node), by id.
MATCH (n:Node)
WHERE n.country = $state AND n.nodeLabel = 'Organization' AND n.kind = 'government' AND n.attrs IS NOT NULL
RETURN n.id AS id, n.attrs AS attrs, n.documents AS documents, n.mentions AS mentions
ORDER BY n.id;

// name: domestic-organizations
// Parameters: $state (country code). Columns: id, attrs, documents, mentions.
// 1. Organisations of the state that are neither government nor intergovernmental,
// 2. keeping only those with a BLOCKS, TIE or MEMBER_OF that is not rejected
//    (the others cannot start a chain), by id.
MATCH (n:Node)
WHERE n.country = $state AND n.nodeLabel = 'Organization' AND NOT n.kind IN ['government', 'igo'] AND n.attrs IS NOT NULL
  AND EXISTS { MATCH (n)-[r:BLOCKS|TIE|MEMBER_OF]-(:Node) WHERE NOT r.rejected }
RETURN n.id AS id, n.attrs AS attrs, n.documents AS documents, n.mentions AS mentions
ORDER BY n.id;

// name: adjacent
// Parameters: $ids (node ids), $types (relationship types from SCHEMA.md's list).
// Columns: from, id, source, target, attrs, otherId, otherAttrs, otherDocuments, otherMentions.
// 1. For each id, every relationship of those types in either direction,
//    either polarity, rejected ones left out,
// 2. with the stored node at the other end.
UNWIND $ids AS nid
MATCH (n:Node {id: nid})-[r]-(m:Node)
WHERE type(r) IN $types AND NOT r.rejected AND r.attrs IS NOT NULL AND m.attrs IS NOT NULL
RETURN nid AS from, r.id AS id, startNode(r).id AS source, endNode(r).id AS target, r.attrs AS attrs,
       m.id AS otherId, m.attrs AS otherAttrs, m.documents AS otherDocuments, m.mentions AS otherMentions;
