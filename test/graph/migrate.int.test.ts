// `unionties migrate --to neo4j` on a real Neo4j: an embedded store with
// documents, texts and reviews (one a rejection) is copied whole, verified,
// and its reviews keep surviving re-ingests in Neo4j.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { command } from "../../cli/commands/migrate.js";
import { graphFingerprint } from "../../graph/canonical.js";
import { MemoryStore } from "../../graph/memory-store.js";
import { neo4jUri, skipNeo4j, useSharedNeo4j } from "../setup/neo4j.js";
import { bundleA, bundleB, bundleC } from "./store-fixtures.js";

const skip = skipNeo4j();
const neo4j = useSharedNeo4j();

describe.skipIf(skip)("unionties migrate --to neo4j", () => {
  it("copies nodes, relationships, evidence, texts and reviews, verifies them, and refuses a non-empty target", async () => {
    const dir = mkdtempSync(join(tmpdir(), "unionties-migrate-"));
    const memory = new MemoryStore({ dir });
    for (const b of [bundleA(), bundleB(), bundleC()]) await memory.upsertDocument(b);
    await memory.reviewRelationship("TIE:kctu:zenroren", { decision: "accept", by: "ana", at: "2026-01-01" });
    await memory.reviewRelationship("OPPOSES:kctu:jkepa", { decision: "reject", by: "ana", at: "2026-01-01" });
    await memory.close();
    vi.stubEnv("NEO4J_URI", neo4jUri());
    const lines: string[] = [];
    const write = vi.spyOn(process.stdout, "write").mockImplementation((s) => (lines.push(String(s)), true));
    try {
      expect(await command.run(["--to", "neo4j", "--data", dir])).toBe(0);
      expect(lines.join("")).toMatch(/verified/);
      expect(lines.some((l) => /\d+\/\d+ \(100%\)/.test(l))).toBe(true);
      expect(await command.run(["--to", "neo4j", "--data", dir])).toBe(1);
    } finally {
      write.mockRestore();
      vi.unstubAllEnvs();
    }
    const copy = new MemoryStore({ dir });
    await copy.open();
    expect(graphFingerprint(await neo4j.exportGraph())).toBe(graphFingerprint(await copy.exportGraph()));
    expect(await neo4j.documentText("doc-b")).toBe(bundleB().text);
    expect(await neo4j.getRelationship("OPPOSES:kctu:jkepa")).toMatchObject({ attributes: { review: { decision: "reject" } } });
    const changed = bundleB();
    changed.document.attributes.sha256 = "0".repeat(64);
    await neo4j.upsertDocument(changed);
    expect(await neo4j.getRelationship("TIE:kctu:zenroren")).toMatchObject({ attributes: { origin: "reviewed", review: { by: "ana" } } });
    expect(await neo4j.findRelationships({ types: ["OPPOSES"] })).toEqual([]);
  }, 300_000);

  it("refuses to run without --to neo4j", async () => {
    await expect(command.run(["--to", "memory"])).rejects.toMatchObject({ code: "USAGE" });
  });
});
