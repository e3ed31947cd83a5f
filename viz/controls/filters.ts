// The filter controls: relationship types, node kinds and countries as
// checkboxes, absent relationships and isolated organisations, minimum
// confidence, the year range with its time slider (which plays the years),
// the neighbourhood focus depth, and the legend. syncControls puts them in
// step with a state a link brought. In an overview of a large graph the kind
// and country lists are the whole store's (GET /api/facets, with counts), not
// only the drawn nodes', and choosing one asks for the overview under it.
import { $ } from "../dom/element.js";
import { yearRange } from "../graph-model.js";
import { buildLegend } from "../panels/legend.js";
import type { Facets } from "../api-client.js";
import { humanise } from "../style.js";
import type { Viewer } from "../viewer.js";

function checkboxes(container: HTMLElement, values: string[], selected: string[] | null, label: (v: string) => string, onChange: (chosen: string[] | null) => void): void {
  const boxes = values.map((value) => {
    const wrap = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.value = value;
    box.checked = !selected || selected.includes(value);
    box.addEventListener("change", () => {
      const chosen = boxes.filter((b) => b.checked).map((b) => b.value);
      onChange(chosen.length === values.length ? null : chosen);
    });
    wrap.append(box, ` ${label(value)}`);
    container.append(wrap);
    return box;
  });
}

/** Distinct values of a node attribute, sorted (one pass over the nodes). */
function nodeValues(viewer: Viewer, attribute: "kind" | "country"): string[] {
  const values = new Set<string>();
  viewer.graph.forEachNode((_n, a) => {
    if (a[attribute]) values.add(String(a[attribute]));
  });
  return [...values].sort();
}

/** A value with its count in the whole store ("KR (1,204)"). */
const counted = (label: (v: string) => string, counts: Record<string, number>) => (v: string) => `${label(v)} (${(counts[v] ?? 0).toLocaleString("en")})`;

/**
 * Builds the filter controls and the legend and wires them to the state:
 * kinds and countries from the loaded graph, or from `facets` (the whole
 * store's) when the graph is an overview.
 */
export function setupFilters(viewer: Viewer, relTypes: string[], facets: Facets | null = null): void {
  const { graph } = viewer;
  const set = viewer.setState.bind(viewer);
  const kinds = facets ? Object.keys(facets.kinds).sort() : nodeValues(viewer, "kind");
  const countries = facets ? Object.keys(facets.countries).sort() : nodeValues(viewer, "country");
  checkboxes($("filter-types"), relTypes.filter((t) => t !== "MENTIONS"), viewer.state.types, humanise, (chosen) => set({ types: chosen }));
  checkboxes($("filter-kinds"), kinds, viewer.state.kinds, facets ? counted(humanise, facets.kinds) : humanise, (chosen) => set({ kinds: chosen }));
  checkboxes($("filter-countries"), countries, viewer.state.countries, facets ? counted((c) => c, facets.countries) : (c) => c, (chosen) => set({ countries: chosen }));
  viewer.show($("legend"), buildLegend(kinds, viewer.presentTypes, graph.someEdge((_e, a) => a.polarity === "absent")));

  const absent = $<HTMLInputElement>("show-absent");
  absent.addEventListener("change", () => set({ showAbsent: absent.checked }));
  const isolated = $<HTMLInputElement>("show-isolated");
  isolated.addEventListener("change", () => set({ showIsolated: isolated.checked }));
  const conf = $<HTMLInputElement>("min-confidence");
  conf.addEventListener("input", () => {
    $("min-confidence-value").textContent = conf.value;
    set({ minConfidence: Number(conf.value) });
  });

  const [minYear, maxYear] = yearRange(graph);
  const [from, to, slider] = ["from-year", "to-year", "year-slider"].map((id) => $<HTMLInputElement>(id));
  slider.min = String(minYear);
  slider.max = String(maxYear);
  const paintYears = () => {
    syncControls(viewer);
    slider.value = String(viewer.state.toYear ?? maxYear);
  };
  const yearOf = (input: HTMLInputElement) => (input.value.trim() === "" || !Number.isFinite(Number(input.value)) ? null : Math.round(Number(input.value)));
  from.addEventListener("change", () => set({ fromYear: yearOf(from) }));
  to.addEventListener("change", () => {
    set({ toYear: yearOf(to) });
    paintYears();
  });
  slider.addEventListener("input", () => {
    set({ toYear: Number(slider.value) });
    paintYears();
  });
  let playing: number | undefined;
  const play = $<HTMLButtonElement>("year-play");
  const stop = () => {
    window.clearInterval(playing);
    playing = undefined;
    play.textContent = "Play years";
  };
  play.addEventListener("click", () => {
    if (playing !== undefined) return stop();
    const toYear = viewer.state.toYear;
    let year = toYear !== null && toYear < maxYear ? toYear : minYear;
    play.textContent = "Pause";
    playing = window.setInterval(() => {
      set({ toYear: year });
      paintYears();
      if (++year > maxYear) stop();
    }, 700);
  });
  $("year-clear").addEventListener("click", () => {
    set({ fromYear: null, toYear: null });
    paintYears();
  });

  const depth = $<HTMLSelectElement>("focus-depth");
  depth.addEventListener("change", () => {
    const d = Number(depth.value);
    const centre = viewer.state.selected ?? viewer.state.focus?.node ?? null;
    set({ focus: d > 0 && centre ? { node: centre, depth: d } : null }, { refit: true });
  });
  paintYears();
}

/** Puts the filter controls in step with the state (at start, or after a link changed it). */
export function syncControls(viewer: Viewer): void {
  const { state } = viewer;
  const sync = (fieldset: string, chosen: string[] | null) =>
    document.querySelectorAll<HTMLInputElement>(`#${fieldset} input[type="checkbox"]`).forEach((box) => (box.checked = !chosen || chosen.includes(box.value)));
  sync("filter-types", state.types);
  sync("filter-kinds", state.kinds);
  sync("filter-countries", state.countries);
  $<HTMLInputElement>("show-absent").checked = state.showAbsent;
  $<HTMLInputElement>("show-isolated").checked = state.showIsolated;
  $<HTMLInputElement>("min-confidence").value = String(state.minConfidence);
  $("min-confidence-value").textContent = String(state.minConfidence);
  $<HTMLInputElement>("from-year").value = state.fromYear === null ? "" : String(state.fromYear);
  $<HTMLInputElement>("to-year").value = state.toYear === null ? "" : String(state.toYear);
  $("year-value").textContent = state.toYear === null ? "all years" : String(state.toYear);
  $<HTMLSelectElement>("focus-depth").value = String(state.focus?.depth ?? 0);
}
