// Answers of pure functions the rules ask again and again with the same
// argument (the slug of an organisation named in every other sentence, the
// tie strength of a cue's words), kept in bounded maps: a map that grows past
// its limit is emptied, so memory stays flat on any amount of text.
import { slugify } from "../../graph/text.js";

/** What the maps hold for an undefined answer, so one lookup tells a remembered undefined from none. */
const UNDEFINED = Symbol("undefined");

/** A pure one-argument function with its answers remembered (at most `limit` at a time). */
export function remembered<T>(fn: (arg: string) => T, limit = 20000): (arg: string) => T {
  const answers = new Map<string, T | typeof UNDEFINED>();
  return (arg: string): T => {
    let answer = answers.get(arg);
    if (answer === undefined) {
      answer = fn(arg);
      if (answers.size >= limit) answers.clear();
      answers.set(arg, answer === undefined ? UNDEFINED : answer);
    }
    return (answer === UNDEFINED ? undefined : answer) as T;
  };
}

/** slugify (graph/text.ts), remembered. */
export const slugOf = remembered(slugify);
