// Time slices for long computations on a server: a pause to await between
// steps that gives the event loop a turn (other requests, timers) once a
// slice of time has passed since the last turn, and costs nothing otherwise.

/** Gives the event loop a turn (setImmediate: after pending I/O callbacks). */
export const yieldToEvents = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A pause to await between steps of a long computation: it gives the event
 * loop a turn once `sliceMs` have passed since the previous turn (or since
 * the pause was made), and resolves at once otherwise.
 */
export function slicePauses(sliceMs: number): () => Promise<void> {
  let slice = performance.now();
  return async () => {
    if (performance.now() - slice <= sliceMs) return;
    await yieldToEvents();
    slice = performance.now();
  };
}
