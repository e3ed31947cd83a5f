// Entry of an ingest worker thread (started by pool.ts). Plain JavaScript so
// that Node can start it without a loader: it registers tsx, the project's
// TypeScript loader (as bin/unionties.js does), then runs worker-main.ts. This
// works whether the parent runs under bin/unionties.js, `tsx` or vitest.
import { register } from "tsx/esm/api";

register();
const { runWorker } = await import("./worker-main.ts");
runWorker();
