// A Sigma edge program that draws dashed straight lines, for relationships a
// text states do not exist. It is Sigma's rectangle edge program with the
// distance along the edge (in screen pixels) passed to the fragment shader,
// which leaves gaps of every other dash.
import { EdgeRectangleProgram } from "sigma/rendering";

const DASH = "12.0";
const GAP_FROM = "7.0";

/** Sigma edge program class for dashed edges. */
export class EdgeDashedProgram extends EdgeRectangleProgram {
  override getDefinition() {
    const def = super.getDefinition();
    const vertex = def.VERTEX_SHADER_SOURCE
      .replace("varying float v_feather;", "varying float v_feather;\nvarying float v_dash;")
      .replace("v_normal = unitNormal;", `v_normal = unitNormal;\n  v_dash = a_positionCoef * length(a_positionEnd - a_positionStart) * u_sizeRatio / u_correctionRatio;`);
    const fragment = def.FRAGMENT_SHADER_SOURCE
      .replace("varying float v_feather;", "varying float v_feather;\nvarying float v_dash;")
      .replace("void main(void) {", `void main(void) {\n  #ifndef PICKING_MODE\n  if (mod(v_dash, ${DASH}) > ${GAP_FROM}) discard;\n  #endif`);
    return { ...def, VERTEX_SHADER_SOURCE: vertex, FRAGMENT_SHADER_SOURCE: fragment };
  }
}
