// The child side of figure drawing (figures.ts): receives one job
// {graph, format, figure} over IPC once it has said it is ready, draws it with renderExport (the very code
// the API ran in-process, so the bytes are the same), posts back the bytes or
// a failure message, and exits. Never imported by the API process.
// Plain JavaScript that registers tsx itself, so the process needs no
// TypeScript loader flag and works from any working directory.
import { register } from "tsx/esm/api";

register();
const { renderExport } = await import("./exporter.ts");

process.once("message", (job) => {
  let reply;
  try {
    const out = renderExport(job.graph, job.format, job.figure);
    reply = { ok: true, body: out.body, type: out.type, extension: out.extension };
  } catch (error) {
    reply = { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  process.send(reply, () => process.exit(0));
});
// A message sent before the listener above exists would be lost: ask for the job now.
process.send({ ready: true });
