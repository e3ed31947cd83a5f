// Test configuration: unit, API and store contract tests in node; browser
// tests in headless Debian Chromium (test/viz/*.browser.test.ts). The global
// setup provides Neo4j (NEO4J_URI, or a local server from scripts/neo4j).
//
// Two projects. "suite" runs every file but the timing ones, two at a time.
// "timing" runs after it, one file at a time: the tests whose figure is a
// latency ratio or a load budget (B5.5 slow clients, the B8 load smoke), so
// that the other test files, their Neo4j and their browsers do not share the
// two cores while they measure.
import { defineConfig } from "vitest/config";

const TIMING = ["test/api/slow-clients.test.ts", "test/api/load-smoke.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 240_000,
    pool: "forks",
    reporters: ["default"],
    projects: [
      {
        extends: true,
        test: {
          name: "suite",
          include: ["test/**/*.test.ts"],
          exclude: TIMING,
          globalSetup: ["test/setup/global-setup.ts"],
          fileParallelism: true,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: "timing",
          include: TIMING,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
