// Handing the caller's codebook to a worker thread: its entries as plain data
// (the matcher is a class and is rebuilt), so a worker extracts with exactly
// the codebook the caller passed, even one built in memory or a file that has
// changed since it was loaded.
import { buildCodebook, type Codebook, type CodebookEntry } from "../codebook.js";

/** A codebook in a form that survives structured cloning. */
export interface CodebookTransfer {
  path: string;
  entities: Record<string, unknown>[];
}

/** The raw entity of an entry: what buildCodebook reads back to the same entry. */
function rawEntity(entry: CodebookEntry): Record<string, unknown> {
  const { extra, nodeLabel: _label, ...rest } = entry;
  return { ...extra, ...rest };
}

/** The transferable form of a loaded codebook. */
export function codebookTransfer(codebook: Codebook): CodebookTransfer {
  return { path: codebook.path, entities: codebook.entries.map(rawEntity) };
}

/**
 * The codebook again, on the worker's side.
 * @throws InvalidDataError if the entries no longer validate (they did in the caller)
 */
export function codebookFromTransfer(transfer: CodebookTransfer): Codebook {
  return buildCodebook({ entities: transfer.entities }, transfer.path);
}
