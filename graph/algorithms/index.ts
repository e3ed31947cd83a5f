// Re-exports the graph algorithms.
export * from "./shortest-paths.js";
export * from "./traversal-index.js";
export * from "./traversal-search.js";
