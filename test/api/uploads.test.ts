// POST /api/documents and GET /api/jobs/:id through the real ingest: raw and
// multipart uploads, synchronous (201/200) and queued (202) answers, and the
// limits of RELIABILITY.md B5.4 and B7.3/B7.4: size (413), type (415), part
// counts, malformed multipart (400), hostile names, and a full queue (503).
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { FastifyInstance } from "fastify";
import { MemoryStore } from "../../graph/memory-store.js";
import { MAX_UPLOAD_BYTES } from "../../api/upload-file.js";
import { bearer, fakeIngest, fingerprint, makeApp, tempDir } from "./helpers.js";

const AUTH = bearer("reviewer");
const TEXT = "Rengo and KCTU have built strong ties. Zenrokyo keeps regular exchanges with KCTU.\n";

function multipart(parts: Array<{ name: string; filename?: string; type?: string; body: string | Buffer }>, boundary = "----unionties-test", close = true): { payload: Buffer; headers: Record<string, string> } {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ""}\r\n`;
    if (p.type) head += `Content-Type: ${p.type}\r\n`;
    chunks.push(Buffer.from(head + "\r\n"), Buffer.isBuffer(p.body) ? p.body : Buffer.from(p.body), Buffer.from("\r\n"));
  }
  if (close) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { "content-type": `multipart/form-data; boundary=${boundary}`, ...AUTH } };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String).sort();
}

let dir: string;
let store: MemoryStore;
let app: FastifyInstance;
beforeAll(async () => {
  dir = tempDir();
  store = new MemoryStore({ dir: join(dir, "data") });
  await store.open();
  app = await makeApp(store);
});
afterAll(() => app.close());

describe("uploads through the real ingest", () => {
  test("a small text file is ingested before the answer (201 with the report) and is then listed", async () => {
    const res = await app.inject({ method: "POST", url: "/api/documents", payload: TEXT, headers: { "content-type": "text/plain", "x-file-name": "ties.txt", ...AUTH } });
    expect(res.statusCode).toBe(201);
    const report = res.json();
    expect(report).toMatchObject({ status: "created", file: "ties.txt" });
    expect(report.countsByType.TIE).toBeGreaterThanOrEqual(1);
    expect((await app.inject("/api/documents")).json().items.map((d: any) => d.id)).toContain(report.id);
    const again = await app.inject({ method: "POST", url: "/api/documents?name=ties.txt", payload: TEXT, headers: { "content-type": "text/plain", ...AUTH } });
    expect(again.statusCode).toBe(200);
    expect(again.json().status).toBe("unchanged");
  });
  test("a multipart markdown upload is ingested", async () => {
    const res = await app.inject({ method: "POST", url: "/api/documents", ...multipart([{ name: "file", filename: "notes.md", type: "text/markdown", body: `# Notes\n\n${TEXT}` }]) });
    expect(res.statusCode).toBe(201);
    expect(res.json().file).toBe("notes.md");
  });
  test("a file over 256 KiB is queued: 202 with a job whose progress ends done", async () => {
    const big = (TEXT + "Filler sentence about regional cooperation in Asia.\n".repeat(50)).repeat(120);
    expect(big.length).toBeGreaterThan(256 * 1024);
    const res = await app.inject({ method: "POST", url: "/api/documents", payload: big, headers: { "content-type": "text/plain", "x-file-name": "big.txt", ...AUTH } });
    expect(res.statusCode).toBe(202);
    const { job } = res.json();
    expect(res.headers.location).toBe(`/api/jobs/${job.id}`);
    let status = job.status;
    for (let i = 0; i < 600 && (status === "queued" || status === "running"); i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await app.inject(`/api/jobs/${job.id}`)).json().status;
    }
    const done = (await app.inject(`/api/jobs/${job.id}`)).json();
    expect(done.status).toBe("done");
    expect(done.report.status).toBe("created");
  });
  test("while another writer holds the store's lock, an upload answered in its request is a 503 with Retry-After and writes nothing; a queued one waits, saying why, and is ingested once the lock is free", async () => {
    const data = join(tempDir(), "data");
    const holder = new MemoryStore({ dir: data });
    await holder.open();
    // a second store object on the folder waits for the lock like another process would
    const waiting = new MemoryStore({ dir: data, lockTimeoutMs: 50 });
    const busy = await makeApp(waiting, { uploadStoreWait: { firstMs: 20, maxMs: 40, giveUpMs: 60_000 } });
    const upload = () => busy.inject({ method: "POST", url: "/api/documents", payload: TEXT, headers: { "content-type": "text/plain", "x-file-name": "busy.txt", ...AUTH } });
    const big = (TEXT + "Filler sentence about regional cooperation in Asia.\n".repeat(50)).repeat(120);
    const jobOf = async (id: string) => (await busy.inject(`/api/jobs/${id}`)).json();
    try {
      let id = "";
      await holder.bulk(async () => {
        const alone = await upload();
        expect(alone.statusCode).toBe(503);
        expect(alone.headers["retry-after"]).toBeDefined();
        expect(alone.json().message).toMatch(/unavailable/);
        const res = await busy.inject({ method: "POST", url: "/api/documents", payload: big, headers: { "content-type": "text/plain", "x-file-name": "busy-big.txt", ...AUTH } });
        expect(res.statusCode).toBe(202);
        id = res.json().job.id;
        let job = await jobOf(id);
        for (let i = 0; i < 500 && !job.waiting; i++) {
          await new Promise((r) => setTimeout(r, 10));
          job = await jobOf(id);
        }
        // the job says what it waits for and when it tries again
        expect(job).toMatchObject({ status: "running", waiting: expect.stringMatching(/unavailable.*trying again at \d{4}-/) });
        // while it waits, an upload answered in its request is a 503 at once (it would wait behind it)
        const behind = await upload();
        expect(behind.statusCode).toBe(503);
        expect(behind.json().message).toMatch(/unavailable/);
        expect(await waiting.listDocuments()).toEqual([]);
      });
      // the holder's batch ended: the lock is free and the queued job goes through
      let job = await jobOf(id);
      for (let i = 0; i < 500 && job.status === "running"; i++) {
        await new Promise((r) => setTimeout(r, 20));
        job = await jobOf(id);
      }
      expect(job.status).toBe("done");
      expect(job.report.status).toBe("created");
      expect(job.waiting).toBeUndefined();
      expect((await waiting.listDocuments()).map((d) => d.id)).toEqual(["busy-big"]);
      expect((await upload()).statusCode).toBe(201);
    } finally {
      await busy.close();
      await holder.close();
    }
  });
  test("an unreadable document is a 422 naming it, and the store is unchanged", async () => {
    const before = await fingerprint(store);
    const res = await app.inject({ method: "POST", url: "/api/documents", payload: Buffer.alloc(0), headers: { "content-type": "text/plain", "x-file-name": "empty.txt", ...AUTH } });
    expect(res.statusCode).toBe(400);
    const bad = await app.inject({ method: "POST", url: "/api/documents", payload: Buffer.from([0xff, 0xfe, 0x00, 0x00, 0xc3, 0x28, 0x00, 0x01, 0x02]), headers: { "content-type": "text/plain", "x-file-name": "bad.txt", ...AUTH } });
    expect([201, 422]).toContain(bad.statusCode);
    if (bad.statusCode === 422) expect(bad.json().message).toContain("bad.txt");
    else expect(bad.json().status).not.toBe("failed");
    if (bad.statusCode === 422) expect(await fingerprint(store)).toBe(before);
  });
});

describe("limits", () => {
  test("a raw body of 20 MiB + 1 is a 413", async () => {
    const res = await app.inject({ method: "POST", url: "/api/documents", payload: Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0x61), headers: { "content-type": "text/plain", "x-file-name": "huge.txt", ...AUTH } });
    expect(res.statusCode).toBe(413);
  });
  test("a multipart file of 20 MiB + 1 is a 413 and writes nothing", async () => {
    const before = listFiles(dir);
    const res = await app.inject({ method: "POST", url: "/api/documents", ...multipart([{ name: "file", filename: "huge.txt", type: "text/plain", body: Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0x61) }]) });
    expect(res.statusCode).toBe(413);
    expect(listFiles(dir)).toEqual(before);
  });
  test("two files, or a hundred parts, are a 413", async () => {
    const two = await app.inject({ method: "POST", url: "/api/documents", ...multipart([{ name: "file", filename: "a.txt", body: "a" }, { name: "file", filename: "b.txt", body: "b" }]) });
    expect(two.statusCode).toBe(413);
    const many = await app.inject({ method: "POST", url: "/api/documents", ...multipart(Array.from({ length: 100 }, (_, i) => ({ name: `f${i}`, body: "x" }))) });
    expect(many.statusCode).toBe(413);
  });
  test("a truncated body, a missing final boundary and no boundary are 4xx", async () => {
    const truncated = multipart([{ name: "file", filename: "a.txt", body: TEXT }]);
    const t = await app.inject({ method: "POST", url: "/api/documents", payload: truncated.payload.subarray(0, 60), headers: truncated.headers });
    expect(t.statusCode).toBeGreaterThanOrEqual(400);
    expect(t.statusCode).toBeLessThan(500);
    const open = multipart([{ name: "file", filename: "a.txt", body: TEXT }], undefined, false);
    const o = await app.inject({ method: "POST", url: "/api/documents", payload: open.payload, headers: open.headers });
    expect(o.statusCode).toBeGreaterThanOrEqual(400);
    expect(o.statusCode).toBeLessThan(500);
    const n = await app.inject({ method: "POST", url: "/api/documents", payload: "x", headers: { "content-type": "multipart/form-data", ...AUTH } });
    expect([400, 406, 415]).toContain(n.statusCode);
  });
  test.each([
    ["a .docx name", "report.docx", "application/octet-stream", Buffer.from(TEXT)],
    ["a JSON body", "a.txt", "application/json", Buffer.from("{}")],
    ["an image type", "a.txt", "image/png", Buffer.from(TEXT)],
    ["a .pdf that is not a PDF", "a.pdf", "application/pdf", Buffer.from(TEXT)],
    ["a zip named .txt", "a.txt", "text/plain", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0])],
    ["a PNG named .md", "a.md", "text/markdown", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a])],
  ])("%s is a 415", async (_what, name, type, body) => {
    const res = await app.inject({ method: "POST", url: "/api/documents", payload: body, headers: { "content-type": type, "x-file-name": name, ...AUTH } });
    expect(res.statusCode).toBe(415);
  });
  test("a multipart part declared image/png is a 415", async () => {
    const res = await app.inject({ method: "POST", url: "/api/documents", ...multipart([{ name: "file", filename: "a.txt", type: "image/png", body: TEXT }]) });
    expect(res.statusCode).toBe(415);
  });
});

describe("hostile file names", () => {
  const names = [
    "../../etc/passwd.txt", "..\\..\\win.ini.txt", "/abs/path.txt", "nul\u0000byte.txt", "rtl\u202Eexe.txt.txt", "CON.txt",
    `${"n".repeat(300)}.txt`, ".", "..", "", "dir/name.txt", "emoji-✊.txt", "%2e%2e%2fpasswd.txt",
  ];
  test.each(names.map((n) => [JSON.stringify(n).slice(0, 40), n]))("%s is stored under a safe name or refused with a 4xx, never a file outside the data folder", async (_label, name) => {
    const before = listFiles(dir).filter((f) => !f.startsWith("data"));
    const res = await app.inject({ method: "POST", url: "/api/documents", payload: TEXT.replace("Rengo", "Rengo " + Math.random().toString(36).slice(2)), headers: { "content-type": "text/plain", "x-file-name": encodeURIComponent(name), ...AUTH } });
    expect(res.statusCode).toBeLessThan(500);
    if (res.statusCode < 300) {
      const file = res.json().file as string;
      expect(file).not.toMatch(/[\\/\u0000-\u001f\u202e]/);
      expect(Buffer.byteLength(file)).toBeLessThanOrEqual(255);
    } else expect([400, 415]).toContain(res.statusCode);
    expect(listFiles(dir).filter((f) => !f.startsWith("data"))).toEqual(before);
  });
  test("a file named after an organisation is a 422 that leaves the organisation and its relationships as they were", async () => {
    await app.inject({ method: "POST", url: "/api/documents", payload: TEXT, headers: { "content-type": "text/plain", "x-file-name": "ties.txt", ...AUTH } });
    const before = await fingerprint(store);
    const res = await app.inject({ method: "POST", url: "/api/documents", payload: "A Paper Title\n\nThe FKTU met the ITUC.\n", headers: { "content-type": "text/plain", "x-file-name": "kctu.txt", ...AUTH } });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toContain('"kctu": the id is taken by a stored Organization');
    expect(await fingerprint(store)).toBe(before);
    expect((await app.inject("/api/nodes/kctu")).json().node.attributes.nodeLabel).toBe("Organization");
  });
  test("an X-File-Name that is not valid percent-encoding is a 400", async () => {
    const res = await app.inject({ method: "POST", url: "/api/documents", payload: TEXT, headers: { "content-type": "text/plain", "x-file-name": "bad%E0%A4%A.txt", ...AUTH } });
    expect(res.statusCode).toBe(400);
  });
});

describe("the upload queue", () => {
  test("when the queue is full a further upload is a 503 with Retry-After", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = await makeApp(new MemoryStore(), {
      uploadQueueDepth: 1,
      ingest: async (s, u) => {
        await gate;
        return fakeIngest(s, u);
      },
    });
    const big = "x".repeat(300 * 1024);
    const first = await slow.inject({ method: "POST", url: "/api/documents", payload: big, headers: { "content-type": "text/plain", "x-file-name": "one.txt", ...AUTH } });
    expect(first.statusCode).toBe(202);
    const second = await slow.inject({ method: "POST", url: "/api/documents", payload: big, headers: { "content-type": "text/plain", "x-file-name": "two.txt", ...AUTH } });
    expect(second.statusCode).toBe(503);
    expect(Number(second.headers["retry-after"])).toBeGreaterThan(0);
    release();
    await slow.close();
  });
});
