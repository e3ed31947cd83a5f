// The ingest against a real store on disk: documents stand alone (a failed one
// is reported and changes nothing), an unchanged file writes nothing, a
// changed one replaces its evidence, review decisions survive re-ingests, and a
// store another process is writing stops the ingest instead of failing each document.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { StoreUnavailableError } from "../../graph/errors.js";
import { MemoryStore } from "../../graph/memory-store.js";
import { ingestBytes, ingestPaths } from "../../ingest/index.js";
import { codebook, tempDir } from "./helpers.js";

async function openStore(dir: string) {
  const store = new MemoryStore({ dir });
  await store.open();
  return store;
}

describe("ingestPaths", () => {
  it("writes a folder of documents in one batch of the store, whose file then holds them all", async () => {
    const docs = tempDir();
    writeFileSync(join(docs, "a.txt"), "Zenroren has contacts with the KCTU.");
    writeFileSync(join(docs, "b.txt"), "Rengo cooperates with the FKTU.");
    const dir = tempDir();
    const store = await openStore(dir);
    let batches = 0;
    const bulk = store.bulk.bind(store);
    store.bulk = (work) => {
      batches++;
      return bulk(work);
    };
    await ingestPaths(store, [docs], { codebook: codebook(), reviewFile: null });
    expect(batches).toBe(1);
    const reopened = await openStore(dir);
    expect((await reopened.listDocuments()).map((d) => d.id).sort()).toEqual(["a", "b"]);
  });

  it("reports a failed document by name and reason and still ingests the others", async () => {
    const docs = tempDir();
    writeFileSync(join(docs, "a-good.txt"), "Zenroren has contacts with the KCTU.");
    writeFileSync(join(docs, "b-binary.txt"), Buffer.from([0, 1, 2, 3, 0, 255, 254, 0, 0, 7, 8, 9]));
    const store = await openStore(tempDir());
    const report = await ingestPaths(store, [docs], { codebook: codebook(), reviewFile: null });
    expect(report.failed).toBe(1);
    const failed = report.documents.find((d) => d.status === "failed")!;
    expect(failed.file).toBe("b-binary.txt");
    expect(failed.reason).toBeTruthy();
    expect(report.documents.find((d) => d.file === "a-good.txt")?.status).toBe("created");
    expect((await store.listDocuments()).map((d) => d.id)).toEqual(["a-good"]);
  });

  it("leaves the store exactly as it was when the only document fails", async () => {
    const dataDir = tempDir();
    const docs = tempDir();
    writeFileSync(join(docs, "ok.txt"), "Zenrokyo has its strongest ties with the KMU.");
    let store = await openStore(dataDir);
    await ingestPaths(store, [docs], { codebook: codebook(), reviewFile: null });
    await store.close();
    const before = readFileSync(join(dataDir, "graph.json"), "utf8");
    writeFileSync(join(docs, "empty.txt"), "");
    store = await openStore(dataDir);
    const report = await ingestPaths(store, [join(docs, "empty.txt")], { codebook: codebook(), reviewFile: null });
    await store.close();
    expect(report.documents[0].status).toBe("failed");
    expect(readFileSync(join(dataDir, "graph.json"), "utf8")).toBe(before);
  });

  it("stops with the store's error, writing nothing, while another writer holds the store's lock", async () => {
    const docs = tempDir();
    writeFileSync(join(docs, "a.txt"), "Zenroren has contacts with the KCTU.");
    const dir = tempDir();
    const holder = await openStore(dir);
    const waiting = new MemoryStore({ dir, lockTimeoutMs: 50 });
    await waiting.open();
    // a second store object on the folder waits for the lock like another process would
    await holder.bulk(async () => {
      await expect(ingestPaths(waiting, [join(docs, "a.txt")], { codebook: codebook(), reviewFile: null })).rejects.toMatchObject({ code: "STORE_UNAVAILABLE" });
      await expect(ingestBytes(waiting, { name: "a.txt", bytes: readFileSync(join(docs, "a.txt")) }, { codebook: codebook(), reviewFile: null })).rejects.toMatchObject({ code: "STORE_UNAVAILABLE" });
    });
    expect(await waiting.listDocuments()).toEqual([]);
    // the lock released, the same file goes in
    const report = await ingestPaths(waiting, [join(docs, "a.txt")], { codebook: codebook(), reviewFile: null });
    expect(report.documents.map((d) => d.status)).toEqual(["created"]);
  });

  it("stops at the document the store turns away as unavailable, keeping the ones before it and trying none after", async () => {
    const docs = tempDir();
    writeFileSync(join(docs, "a.txt"), "Zenroren has contacts with the KCTU.");
    writeFileSync(join(docs, "b.txt"), "Rengo cooperates with the FKTU.");
    writeFileSync(join(docs, "c.txt"), "Zenrokyo keeps exchanges with the KCTU.");
    const dir = tempDir();
    const store = await openStore(dir);
    const upsert = store.upsertDocument.bind(store);
    const tried: string[] = [];
    store.upsertDocument = async (bundle) => {
      tried.push(bundle.document.id);
      if (bundle.document.id === "b") throw new StoreUnavailableError("memory", "the store went away");
      return upsert(bundle);
    };
    await expect(ingestPaths(store, [docs], { codebook: codebook(), reviewFile: null, workers: 1 })).rejects.toMatchObject({ code: "STORE_UNAVAILABLE" });
    expect(tried).toEqual(["a", "b"]);
    expect((await (await openStore(dir)).listDocuments()).map((d) => d.id)).toEqual(["a"]);
  });

  it("does nothing for an unchanged file and replaces the evidence of a changed one", async () => {
    const dataDir = tempDir();
    const docs = tempDir();
    const file = join(docs, "paper.txt");
    writeFileSync(file, "Zenroren has contacts with the KCTU. Rengo has contacts with the FKTU.");
    const store = await openStore(dataDir);
    expect((await ingestPaths(store, [file], { codebook: codebook(), reviewFile: null })).documents[0].status).toBe("created");
    const again = await ingestPaths(store, [file], { codebook: codebook(), reviewFile: null });
    expect(again.documents[0].status).toBe("unchanged");
    writeFileSync(file, "Zenroren has contacts with the KCTU. Rengo has no contacts with the FKTU.");
    const changed = await ingestPaths(store, [file], { codebook: codebook(), reviewFile: null });
    expect(changed.documents[0].status).toBe("replaced");
    expect(await store.getRelationship("TIE:fktu:rengo")).toBeNull();
    const absent = await store.getRelationship("TIE:fktu:rengo:absent");
    expect(absent?.attributes.evidence).toHaveLength(1);
    expect(absent?.attributes.evidence[0].quote).toBe("Rengo has no contacts with the FKTU.");
    await store.close();
  });

  it("applies the review file after ingest and keeps the decision across a re-ingest", async () => {
    const dataDir = tempDir();
    const docs = tempDir();
    const file = join(docs, "paper.txt");
    writeFileSync(file, "Zenroren has contacts with the KCTU.");
    const review = join(docs, "review.yaml");
    writeFileSync(review, `- id: "TIE:kctu:zenroren"\n  decision: correct\n  by: tester\n  at: "2026-11-22"\n  changes: { strength: strong }\n`);
    const store = await openStore(dataDir);
    const report = await ingestPaths(store, [file], { codebook: codebook(), reviewFile: review });
    expect(report.reviews.applied).toBe(1);
    let rel = await store.getRelationship("TIE:kctu:zenroren");
    expect(rel?.attributes.origin).toBe("reviewed");
    expect(rel?.attributes.strength).toBe("strong");
    writeFileSync(file, "Zenroren has contacts with the KCTU. It also has contacts with the KMU.");
    await ingestPaths(store, [file], { codebook: codebook(), reviewFile: null });
    rel = await store.getRelationship("TIE:kctu:zenroren");
    expect(rel?.attributes.review?.decision).toBe("correct");
    expect(rel?.attributes.strength).toBe("strong");
    await store.close();
  });

  it("rejects a malformed review file before writing anything", async () => {
    const docs = tempDir();
    writeFileSync(join(docs, "paper.txt"), "Zenroren has contacts with the KCTU.");
    const review = join(docs, "review.yaml");
    writeFileSync(review, `- id: "TIE:kctu:zenroren"\n  decision: maybe\n`);
    const store = await openStore(tempDir());
    await expect(ingestPaths(store, [join(docs, "paper.txt")], { codebook: codebook(), reviewFile: review })).rejects.toMatchObject({ code: "INVALID_DATA" });
    expect(await store.listDocuments()).toEqual([]);
  });
});
