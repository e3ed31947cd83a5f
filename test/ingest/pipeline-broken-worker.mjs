// An ingest worker that cannot start (for test/ingest/pipeline-faults.test.ts).
throw new Error("this worker cannot start");
