// RELIABILITY.md B5.4, the 1 GiB stream: uploads that declare small parts
// (or nothing) but stream 1 GiB are sent over a raw socket, chunk by chunk
// (never held in the test), to the real server in its own process. Each must
// be refused with 413 or 400, write nothing under the data folder or the
// server's TMPDIR, leave the server answering, and keep its resident memory
// (VmRSS sampled every 20 ms, and the kernel's peak) within baseline + 64 MiB
// while the bytes flow. The client stops sending once the server answers or
// closes; the bytes it got to send are logged. A server that answers before
// the body is in must close the connection, not keep it half read; closing
// with unread bytes resets it, which may cost the client the answer itself.
import { once } from "node:events";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { TOKENS } from "./helpers.js";
import { filesWithSizes, spawnServer, type ServerProcess } from "./server-process.js";

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;
const RSS_BUDGET = 64 * MIB;
const BOUNDARY = "----unionties-stream";
const CHUNK = Buffer.alloc(64 * 1024, "a");

/** What happened to one streamed request. */
interface StreamResult {
  status: number | null;
  /** Body bytes flushed to the kernel when the answer (or the close) came, and at the end. */
  sentAtAnswer: number;
  sent: number;
  /** The server closed the connection before the client gave up. */
  closedByServer: boolean;
  /** The answer or the close came before the client had sent the whole body. */
  early: boolean;
  answerMs: number | null;
  peakRss: number;
}

/**
 * Sends `head`, then `prefix`, then `chunk` until `total` body bytes went out
 * or the server answered or closed, then `suffix`. Samples the server's RSS
 * every 20 ms meanwhile.
 */
async function stream(server: ServerProcess, head: string, prefix: Buffer, chunk: Buffer, total: number, suffix: Buffer): Promise<StreamResult> {
  let peak = server.rss();
  const sampler = setInterval(() => server.alive() && (peak = Math.max(peak, server.rss())), 20);
  try {
    return { ...(await send(server.port, head, prefix, chunk, total, suffix)), peakRss: Math.max(peak, server.rss(), server.peakRss()) };
  } finally {
    clearInterval(sampler);
  }
}

/** The client side of `stream`. */
async function send(port: number, head: string, prefix: Buffer, chunk: Buffer, total: number, suffix: Buffer): Promise<Omit<StreamResult, "peakRss">> {
  const socket = connect(port, "127.0.0.1");
  socket.on("error", () => {});
  await once(socket, "connect");
  const t0 = performance.now();
  let answer = "";
  let status: number | null = null;
  let answerMs: number | null = null;
  let closed = false;
  let headBytes = 0;
  const flushed = () => socket.bytesWritten - socket.writableLength - headBytes;
  let sentAtAnswer = -1;
  let stop!: () => void;
  const stopped = new Promise<void>((r) => (stop = r));
  socket.on("data", (d: Buffer) => {
    if (answer.length < 4096) answer += d.toString("latin1");
    const m = /^HTTP\/1\.1 (\d{3})/.exec(answer);
    if (m && status === null) {
      status = Number(m[1]);
      answerMs = performance.now() - t0;
      sentAtAnswer = flushed();
      stop();
    }
  });
  socket.once("close", () => {
    closed = true;
    if (sentAtAnswer < 0) sentAtAnswer = flushed();
    stop();
  });
  socket.write(head);
  headBytes = Buffer.byteLength(head);
  socket.write(prefix);
  for (let written = 0; status === null && !closed && written < total; written += chunk.length) {
    if (!socket.write(chunk)) await Promise.race([new Promise((r) => socket.once("drain", r)), stopped]);
  }
  const early = status !== null || closed;
  if (!early) {
    socket.write(suffix);
    await Promise.race([stopped, new Promise((r) => setTimeout(r, 60_000))]);
  }
  // A moment to see whether the server ends the connection after its answer.
  await Promise.race([new Promise((r) => socket.once("close", r)), new Promise((r) => setTimeout(r, 500))]);
  const closedByServer = closed;
  const sent = closed ? sentAtAnswer : flushed();
  socket.destroy();
  return { status, sentAtAnswer, sent, closedByServer, early, answerMs };
}

function requestHead(port: number, extra: string): string {
  return `POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${TOKENS.reviewer}\r\nContent-Type: multipart/form-data; boundary=${BOUNDARY}\r\n${extra}\r\n`;
}

/** Frames `data` as one HTTP/1.1 chunk. */
function chunked(data: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from("\r\n")]);
}

const fileHead = (name: string) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\nContent-Length: 16\r\n\r\n`;
const fieldHead = (name: string) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\nContent-Length: 16\r\n\r\n`;
const closing = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
const rawHead = (port: number, extra: string) => `POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${TOKENS.reviewer}\r\nContent-Type: text/plain\r\nX-File-Name: big.txt\r\n${extra}\r\n`;

/** The streams: a name, the expected statuses, and how to build the request. */
const CASES: Array<{ what: string; expected: number[]; build: (port: number) => { head: string; prefix: Buffer; chunk: Buffer; total: number; suffix: Buffer } }> = [
  {
    what: "a file part that declares 16 bytes and streams 1 GiB (chunked)",
    expected: [413],
    build: (port) => ({ head: requestHead(port, "Transfer-Encoding: chunked\r\n"), prefix: chunked(Buffer.from(fileHead("big.txt"))), chunk: chunked(CHUNK), total: GIB, suffix: Buffer.concat([chunked(closing), Buffer.from("0\r\n\r\n")]) }),
  },
  {
    what: "a file part that declares 16 bytes and streams 1 GiB under a Content-Length of 1 GiB",
    expected: [413],
    build: (port) => {
      const prefix = Buffer.from(fileHead("big.txt"));
      const total = GIB - prefix.length - closing.length;
      return { head: requestHead(port, `Content-Length: ${GIB}\r\n`), prefix, chunk: CHUNK, total: total - (total % CHUNK.length), suffix: Buffer.concat([Buffer.alloc(total % CHUNK.length, "a"), closing]) };
    },
  },
  {
    what: "1 GiB of 1 KiB parts that each declare 16 bytes (chunked)",
    expected: [413],
    build: (port) => {
      const part = Buffer.concat([Buffer.from(fieldHead("f")), Buffer.alloc(1024, "b"), Buffer.from("\r\n")]);
      const many = Buffer.concat(Array.from({ length: 60 }, () => part));
      return { head: requestHead(port, "Transfer-Encoding: chunked\r\n"), prefix: Buffer.alloc(0), chunk: chunked(many), total: GIB, suffix: Buffer.concat([chunked(Buffer.from(`--${BOUNDARY}--\r\n`)), Buffer.from("0\r\n\r\n")]) };
    },
  },
  {
    what: "one field that declares 16 bytes and streams a 1 GiB value (chunked)",
    expected: [400, 413],
    build: (port) => ({ head: requestHead(port, "Transfer-Encoding: chunked\r\n"), prefix: chunked(Buffer.from(fieldHead("note"))), chunk: chunked(CHUNK), total: GIB, suffix: Buffer.concat([chunked(closing), Buffer.from("0\r\n\r\n")]) }),
  },
  {
    what: "a raw body under a Content-Length of 1 GiB",
    expected: [413],
    build: (port) => ({ head: rawHead(port, `Content-Length: ${GIB}\r\n`), prefix: Buffer.alloc(0), chunk: CHUNK, total: GIB, suffix: Buffer.alloc(0) }),
  },
  {
    what: "a raw chunked body of 1 GiB",
    expected: [413],
    build: (port) => ({ head: rawHead(port, "Transfer-Encoding: chunked\r\n"), prefix: Buffer.alloc(0), chunk: chunked(CHUNK), total: GIB, suffix: Buffer.from("0\r\n\r\n") }),
  },
];

let server: ServerProcess;
beforeAll(async () => {
  server = await spawnServer();
  // Warm up the upload path (multipart parser, ingest) before the baseline.
  const body = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="warm.txt"\r\nContent-Type: text/plain\r\n\r\nRengo and KCTU have built strong ties.\r\n--${BOUNDARY}--\r\n`;
  const warm = await fetch(`${server.base}/api/documents`, { method: "POST", body, headers: { authorization: `Bearer ${TOKENS.reviewer}`, "content-type": `multipart/form-data; boundary=${BOUNDARY}` } });
  expect(warm.status).toBe(201);
});
afterAll(async () => {
  expect(await server.stop()).toBe(0);
});

describe("a 1 GiB upload stream of declared-small parts (B5.4)", () => {
  test.each(CASES)("$what is refused, writes nothing, and keeps the server within baseline + 64 MiB", async ({ expected, build }) => {
    const dataBefore = filesWithSizes(server.dataDir);
    const tmpBefore = filesWithSizes(server.tmpDir);
    const baseline = server.rss();
    server.resetPeak();
    const { head, prefix, chunk, total, suffix } = build(server.port);
    const t0 = performance.now();
    const result = await stream(server, head, prefix, chunk, total, suffix);
    const ms = Math.round(performance.now() - t0);
    console.log(JSON.stringify({ baselineMiB: +(baseline / MIB).toFixed(1), peakMiB: +(result.peakRss / MIB).toFixed(1), status: result.status, sentAtAnswerMiB: +(result.sentAtAnswer / MIB).toFixed(1), sentMiB: +(result.sent / MIB).toFixed(1), closedByServer: result.closedByServer, early: result.early, answerMs: result.answerMs && Math.round(result.answerMs), ms }));
    expect(server.alive()).toBe(true);
    const answerLostToReset = result.status === null && result.closedByServer && result.early;
    if (!answerLostToReset) expect(expected).toContain(result.status);
    if (result.early) expect(result.closedByServer, "an early answer closes the half-read connection").toBe(true);
    expect(result.peakRss - baseline).toBeLessThanOrEqual(RSS_BUDGET);
    expect(filesWithSizes(server.dataDir)).toEqual(dataBefore);
    expect(filesWithSizes(server.tmpDir)).toEqual(tmpBefore);
    const health = await fetch(`${server.base}/api/health`);
    expect(health.status).toBe(200);
  }, 180_000);

  test("after the streams the server still ingests a small upload", async () => {
    const body = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="after.txt"\r\nContent-Type: text/plain\r\n\r\nZenrokyo keeps regular exchanges with KCTU.\r\n--${BOUNDARY}--\r\n`;
    const res = await fetch(`${server.base}/api/documents`, { method: "POST", body, headers: { authorization: `Bearer ${TOKENS.reviewer}`, "content-type": `multipart/form-data; boundary=${BOUNDARY}` } });
    expect(res.status).toBe(201);
    expect(server.alive()).toBe(true);
  });
});
