// The layout control: ForceAtlas2 then noverlap in a worker (layout-client.ts),
// its progress line, and the stop/resume button. layoutFinished resolves
// once the layout has stopped (or was never started), for tests.
import { $ } from "../dom/element.js";
import { LayoutClient } from "../layout-client.js";
import type { Viewer } from "../viewer.js";

/** Iterations of the first run: small graphs settle longer. */
export function plannedIterations(order: number): number {
  return order < 200 ? 400 : order < 2000 ? 200 : 60;
}

/** The layout worker with its button and status line. */
export class LayoutControl {
  private readonly client: LayoutClient;
  private resolveFinished: () => void = () => {};
  /** Resolves when the layout is not running any more. */
  readonly finished = new Promise<void>((resolve) => (this.resolveFinished = resolve));

  constructor(private readonly viewer: Viewer) {
    this.client = new LayoutClient(viewer.graph, ({ done, planned, finished }) => {
      $("layout-status").textContent = finished ? "layout done" : `layout ${Math.round((100 * done) / planned)}%`;
      if (finished) {
        viewer.frameVisible();
        this.paint(false);
      }
    });
    $("layout-toggle").addEventListener("click", () => this.toggle());
  }

  private enabled = false;

  /** Starts the layout (unless the graph is empty or `enabled` is false). */
  start(enabled: boolean): void {
    this.enabled = enabled;
    const order = this.viewer.graph.order;
    if (order && enabled) this.client.start(plannedIterations(order));
    this.paint(this.client.running);
  }

  /** Lays the graph out anew after it changed much (a new overview), when the layout is on. */
  restart(): void {
    if (!this.enabled || !this.viewer.graph.order) return;
    this.client.start(plannedIterations(this.viewer.graph.order));
    this.paint(true);
  }

  /** Stops a running layout or resumes a stopped one. */
  toggle(): void {
    if (this.client.running) {
      this.client.stop();
      $("layout-status").textContent = "layout stopped";
    } else this.client.resume(100);
    this.paint(this.client.running);
  }

  /** True while the worker iterates. */
  get running(): boolean {
    return this.client.running;
  }

  private paint(running: boolean): void {
    const button = $("layout-toggle");
    button.textContent = running ? "Stop layout" : "Resume layout";
    button.setAttribute("aria-pressed", String(running));
    if (!running) this.resolveFinished();
  }
}
