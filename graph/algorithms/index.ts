// Re-exports the graph algorithms.
export * from "./shortest-paths.js";
