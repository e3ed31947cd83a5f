// Test configuration: unit, API and store contract tests in node; browser
// tests in headless Debian Chromium (test/viz/*.browser.test.ts). The global
// setup provides Neo4j (NEO4J_URI, or a local server from scripts/neo4j).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/setup/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    pool: "forks",
    fileParallelism: true,
    maxWorkers: 2,
    reporters: ["default"],
  },
});
