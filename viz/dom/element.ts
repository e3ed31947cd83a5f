// The page's elements by id: the viewer's index.html declares every id the
// controls use, so a lookup is typed by the caller.

/** The element with `id` (typed by the caller; index.html declares them all). */
export const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;
