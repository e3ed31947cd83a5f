// A seeded generator of a large corpus for the ingest benchmark: documents of
// academic prose that name codebook organisations in the sentence patterns of
// the seed papers (ties, lists, negation, membership, funding, founding,
// protests, exclusion, references back), mixed with sentences that name no one;
// and a corpus of copies of the seed papers themselves (writePaperCopies).
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { basename, join } from "node:path";
import type { Codebook } from "../../ingest/codebook.js";
import { randomInt, seededRandom, type Random } from "./random.js";

export interface CorpusOptions {
  /** Total size in bytes (UTF-8), at least. */
  bytes: number;
  /** Size of one document in bytes, about. */
  documentBytes: number;
  seed: number;
}

export const CORPUS_DEFAULTS: CorpusOptions = { bytes: 50 * 1024 * 1024, documentBytes: 512 * 1024, seed: 20261122 };

const TEMPLATES = [
  "{A} has bilateral contacts with {B}, {C}, and particularly good ties with {D}.",
  "{A} has its strongest ties with {B} and {C}.",
  "{A}, a trade union affiliated with both {B} and {C}, joined {D} in {Y}.",
  "In {M} {Y}, {N} and {N2} social movement networks protested in front of {G} against {P}.",
  "Four hundred people, of whom 50 to 100 were activists from abroad, took part in this protest.",
  "{A} participated because of its ties to {B} (interview {A}).",
  "However, {A} did not engage at all with {N} trade unions, explaining that its reluctance stemmed from their weakness.",
  "The confederation cooperates with {B} on the issue of migrant workers thanks to the strong ties between these unions.",
  "{A} is a non-communist, leftist trade union confederation critical of {B}.",
  "More radical organizations like {A} and {B} were excluded from the decision-making process.",
  "{A} established a working group, the {X}, in {Y}.",
  "Between 60 and 80% of {A} revenues come from {B} project funding rather than membership dues.",
  "Despite its lobbying efforts, the requests of {A} to be included in {B} working groups have been rejected.",
  "{A} had exchanges with {B} on the subject of {P} and supported action organized by {C}, but could not participate in the protest.",
  "{A} identified {N} unions as potential partners for cooperation, but no initiative was taken until {Y}.",
  "The {X} is part of {B}, which until {Y} was known under another name.",
  "{A} lacked ties with {N} trade unions and did not know about {P}.",
  "{A} is informally linked to {B}.",
];

const FILLER = [
  "Trade union responses to market interdependence have been widely studied.",
  "The majority of contributions to the debate predict that market integration will trigger competition among trade unions and preclude cooperation.",
  "This confusion is not because scholars lack analytic acuity but because of the complexity of the integration process itself.",
  "While one can see political measures as intervening variables, it is difficult to isolate the effect of individual factors because of their overlap.",
  "The interviews consisted of questions about international involvement in general and the stance on the international agreements.",
  "Most organizations name counselling services as a means they employ to achieve their purposes.",
  "Information provided by civil society organizations generally needs to meet two criteria: it must be reliable and it must be timely.",
  "This would appear to confirm the second hypothesis; however, the explanation is different.",
  "The relatively rapid timing of integration prevented unions from creating effective ties, and newly formed structures lacked leverage.",
  "Regions can only come into existence when there is a shared feeling of regional identity among the people of the countries involved.",
  "Economic interdependence is a situation in which workers from one country are affected by the working standards of another country.",
  "The second stage of the mobilization phase is called repertoires and frames.",
];

const MONTHS = ["January", "March", "May", "June", "September", "November"];
const NATIONALITIES = ["Thai", "Korean", "Filipino", "Indonesian", "Malaysian", "Indian", "Japanese"];

interface Pools {
  orgs: string[];
  igos: string[];
  governments: string[];
  agreements: string[];
}

function pools(codebook: Codebook): Pools {
  const names = (kinds: string[]) => codebook.entries.filter((e) => kinds.includes(e.kind)).flatMap((e) => [e.name, ...e.aliases.slice(0, 2)]);
  return {
    orgs: names(["union", "federation", "confederation", "global_union", "ngo", "movement"]),
    igos: names(["igo", "global_union"]),
    governments: names(["government"]),
    agreements: names(["epa", "fta", "treaty", "charter"]),
  };
}

function sentence(random: Random, p: Pools): string {
  if (random() < 0.45) return FILLER[randomInt(random, FILLER.length)];
  const pick = (list: string[]) => list[randomInt(random, list.length)];
  return TEMPLATES[randomInt(random, TEMPLATES.length)].replace(/\{(A|B|C|D|G|P|X|Y|M|N|N2)\}/g, (_, key: string) => {
    switch (key) {
      case "G": return `the ${pick(p.governments)}`;
      case "P": return `the ${pick(p.agreements)}`;
      case "X": return pick(p.igos);
      case "Y": return String(1985 + randomInt(random, 30));
      case "M": return pick(MONTHS);
      case "N": case "N2": return pick(NATIONALITIES);
      default: return `the ${pick(p.orgs)}`.replace(/^the (?=[A-Z]{2,}\b|[A-Z][a-z]+$)/, (m) => (random() < 0.5 ? "" : m));
    }
  }).replace(/^the /, "The ");
}

/** One document of about `bytes` bytes: paragraphs of five to eight sentences under a few headings. */
export function generateDocument(random: Random, codebook: Codebook, bytes: number): string {
  const p = pools(codebook);
  const parts: string[] = [];
  let size = 0;
  let section = 1;
  while (size < bytes) {
    if (randomInt(random, 12) === 0) {
      const heading = `## ${section++} Findings on regional cooperation\n\n`;
      parts.push(heading);
      size += heading.length;
    }
    const n = 5 + randomInt(random, 4);
    const paragraph = Array.from({ length: n }, () => sentence(random, p)).join(" ") + "\n\n";
    parts.push(paragraph);
    size += Buffer.byteLength(paragraph);
  }
  return parts.join("");
}

/**
 * Writes the corpus into `dir` (replacing it unless its manifest says it was
 * written with the same options) and returns the file paths, sorted.
 */
export function writeCorpus(dir: string, codebook: Codebook, options: CorpusOptions = CORPUS_DEFAULTS): string[] {
  const manifest = join(dir, "manifest.json");
  const want = JSON.stringify({ ...options, codebook: codebook.entries.length });
  const count = Math.ceil(options.bytes / options.documentBytes);
  const files = Array.from({ length: count }, (_, i) => join(dir, `doc-${String(i).padStart(4, "0")}.txt`));
  if (existsSync(manifest) && readFileSync(manifest, "utf8") === want && files.every((f) => existsSync(f))) return files;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const random = seededRandom(options.seed);
  for (const file of files) writeFileSync(file, generateDocument(random, codebook, options.documentBytes));
  writeFileSync(manifest, want);
  return files;
}

/**
 * A corpus of real prose for the ingest benchmark: the seed papers (text as
 * PDF extraction gives it: wrapped lines, page numbers, running headers,
 * hyphenated breaks, references) copied until the corpus holds `bytes`, each
 * copy named `<paper>-NNNN.txt` and closed by a line with its number, so
 * every copy is a document with a text of its own. Rewritten unless its
 * manifest says it was written from the same papers and size.
 * @returns the file paths, sorted
 */
export function writePaperCopies(dir: string, papers: string[], bytes: number): string[] {
  const texts = papers.map((file) => ({ name: basename(file, ".txt"), text: readFileSync(file, "utf8") }));
  const perRound = texts.reduce((n, t) => n + Buffer.byteLength(t.text), 0);
  const rounds = Math.max(1, Math.ceil(bytes / perRound));
  const copies = texts.flatMap((t) => Array.from({ length: rounds }, (_, i) => ({ ...t, copy: i + 1, path: join(dir, `${t.name}-${String(i + 1).padStart(4, "0")}.txt`) })));
  const files = copies.map((c) => c.path).sort();
  const manifest = join(dir, "manifest.json");
  const want = JSON.stringify({ bytes, papers: texts.map((t) => [t.name, Buffer.byteLength(t.text)]) });
  if (existsSync(manifest) && readFileSync(manifest, "utf8") === want && files.every((f) => existsSync(f))) return files;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const c of copies) writeFileSync(c.path, `${c.text.replace(/\s*$/, "")}\n\nCopy ${c.copy} of ${rounds}.\n`);
  writeFileSync(manifest, want);
  return files;
}
