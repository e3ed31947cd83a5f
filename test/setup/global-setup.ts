// Global test setup. The Neo4j part (start a local server, export NEO4J_URI)
// is added by the Neo4j store's work; for now every suite runs on the memory store.
export default async function setup(): Promise<void> {}
