// Re-exports the graph algorithms.
export * from "./boomerang.js";
export * from "./traversal-index.js";
export * from "./traversal-search.js";
