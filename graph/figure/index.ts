// Journal figures from the graph: SVG rendering and its helpers.
export { renderFigureSvg, FIGURE_DEFAULTS, type FigureOptions } from "./render-svg.js";
export { formatCitation, citedDocuments, type CitedDocument } from "./citation.js";
export { KIND_COLOURS, TYPE_COLOURS, kindColour, typeColour } from "./palette.js";
export { layoutFigure, seededRandom } from "./layout.js";
