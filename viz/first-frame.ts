// When Sigma's first frame is really drawn. Sigma's constructor renders once,
// but WebGL calls only queue commands for the GPU process (SwiftShader on
// these machines), which draws them later; finish() on each WebGL layer
// waits until they are done. The viewer and the bare Sigma page of
// bench/viz.ts both use this, so they are measured the same way.
import type Sigma from "sigma";

/**
 * Waits until every WebGL layer of `sigma` has executed its queued draw
 * calls, then returns performance.now() (milliseconds since navigation start).
 */
export function firstFrameDrawn(sigma: Sigma): number {
  for (const canvas of Object.values(sigma.getCanvases())) {
    // getContext returns the context Sigma created (or null for a 2D canvas asked for WebGL).
    const gl = canvas.getContext("webgl2") ?? canvas.getContext("webgl");
    gl?.finish();
  }
  return performance.now();
}

/** A harness's listener for the first frame (bench/viz.ts reads the machine's CPU counters there). */
type FirstFrameListener = (ms: number) => Promise<unknown>;

/**
 * Tells a harness that registered `window.__onFirstFrame` (bench/viz.ts)
 * that the first frame is drawn, and waits for it, so the page's further
 * work does not run into what the harness measures. Without one it returns at once.
 */
export async function reportFirstFrame(ms: number): Promise<void> {
  const listener = (window as unknown as { __onFirstFrame?: FirstFrameListener }).__onFirstFrame;
  if (listener) await listener(ms);
}
