// The benchmarks' Python references need Debian's python3-networkx and
// python3-igraph. .ci/run installs them, so in CI (CI set) their absence
// fails the tests that run them; elsewhere those tests are skipped with a
// notice naming the packages.
import { spawnSync } from "node:child_process";
import { describe } from "vitest";

/** The Python the references run with. */
export const PYTHON = "/usr/bin/python3";

const missing = spawnSync(PYTHON, ["-c", "import networkx, igraph"]).status === 0 ? "" : "python3-networkx or python3-igraph is not installed";

/** `describe` when the references can run (or in CI, where they must), else `describe.skip` after a notice. */
export function describeWithReferences(file: string): typeof describe {
  if (!missing || process.env.CI) return describe;
  console.warn(`${file}: Python reference tests skipped (${missing}; apt-get install python3-networkx python3-igraph)`);
  return describe.skip as typeof describe;
}
