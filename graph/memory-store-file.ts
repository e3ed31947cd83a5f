// Writes the embedded store's graph.json without building the whole document
// in memory: nodes and relationships are serialised one by one (graphology's
// export shape) and written in chunks to a temporary file, which is synced
// and renamed over the old one, so a crash leaves the old or the new file.
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import type { Review, UnionGraph } from "./types.js";

const CHUNK = 4 * 1024 * 1024;

/**
 * Writes `{format, version, graph: graph.export(), reviews}` to `file` atomically.
 * @param header the `format` and `version` fields of the store file
 */
export function writeStoreFile(file: string, header: { format: string; version: number }, graph: UnionGraph, reviews: Map<string, Review>): void {
  const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
  const fd = openSync(tmp, "w");
  let parts: string[] = [];
  let size = 0;
  const put = (text: string) => {
    parts.push(text);
    size += text.length;
    if (size >= CHUNK) flush();
  };
  const flush = () => {
    if (parts.length) writeSync(fd, parts.join(""));
    parts = [];
    size = 0;
  };
  try {
    const options = { type: graph.type, multi: graph.multi, allowSelfLoops: graph.allowSelfLoops };
    put(`{"format":${JSON.stringify(header.format)},"version":${header.version},"graph":{"options":${JSON.stringify(options)},"attributes":${JSON.stringify(graph.getAttributes())},"nodes":[`);
    let first = true;
    graph.forEachNode((key, attributes) => {
      put(`${first ? "" : ","}{"key":${JSON.stringify(key)},"attributes":${JSON.stringify(attributes)}}`);
      first = false;
    });
    put(`],"edges":[`);
    first = true;
    graph.forEachEdge((key, attributes, source, target, _sa, _ta, undirected) => {
      put(`${first ? "" : ","}{"key":${JSON.stringify(key)},"source":${JSON.stringify(source)},"target":${JSON.stringify(target)},"attributes":${JSON.stringify(attributes)}${undirected ? ',"undirected":true' : ""}}`);
      first = false;
    });
    put(`]},"reviews":${JSON.stringify(Object.fromEntries(reviews))}}`);
    flush();
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, file);
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(tmp, { force: true });
    throw error;
  }
}
