// The README's examples are tests: the `unionties path zenrokyo kctu` output
// it shows is what the command prints on the seed papers.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, test } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");

test("the README's path example is what unionties path prints on the seeds", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const block = /Example \(`unionties path zenrokyo kctu`[\s\S]*?```text\n([\s\S]*?)```/.exec(readme);
  expect(block, "README has the path example").not.toBeNull();
  const data = mkdtempSync(join(tmpdir(), "unionties-readme-"));
  const cli = (...args: string[]) => execFileSync(process.execPath, [join(ROOT, "bin", "unionties.js"), ...args, "--data", data], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NEO4J_URI: "" } });
  cli("ingest", "seeds");
  expect(cli("path", "zenrokyo", "kctu")).toBe(block![1]);
}, 120_000);
