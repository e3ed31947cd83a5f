// A document's id comes from its file name, and an entity's from its name,
// so the two may meet. A store refuses a document write that would make a
// stored node change sort: without this, an upload named "rengo.txt"
// replaced the organisation Rengo (and dropped its relationships), and a text
// naming an organisation whose id is a document's merged the two.
import { ConflictError } from "./errors.js";
import type { DocumentBundle } from "./types.js";

/**
 * Refuses a bundle whose document id is a stored node other than a Document,
 * or one of whose nodes is a stored Document.
 * @param labelOf the stored node's label, undefined when there is none
 * @throws ConflictError (409) naming the id
 */
export function refuseIdClash(bundle: DocumentBundle, labelOf: (id: string) => string | undefined): void {
  const docId = bundle.document.id;
  const label = labelOf(docId);
  if (label !== undefined && label !== "Document") throw new ConflictError(`document "${docId}": the id is taken by a stored ${label}; rename the file`);
  for (const node of bundle.nodes) {
    if (labelOf(node.id) === "Document")
      throw new ConflictError(`document "${docId}": the ${node.attributes.nodeLabel} "${node.id}" it names has the id of a stored document`);
  }
}
