// Dates, places and head counts as this literature writes them: "In November
// 2004", "since 1981", "on June 9/10, 2007", "in Fukuoka", "Four hundred
// people". Dates come out as ISO strings as precise as the text ("2004-11").

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const MONTH_SOURCE = "January|February|March|April|May|June|July|August|September|October|November|December";
const DATE = new RegExp(`\\b(?:(${MONTH_SOURCE})\\s+(?:\\d{1,2}(?:st|nd|rd|th)?(?:/\\d{1,2})?,?\\s+)?(?:(?:\\d{1,2}(?:st|nd|rd|th)?\\s+)?(?:and|to|–|-)\\s+(?:${MONTH_SOURCE})?\\s*\\d{1,2}(?:st|nd|rd|th)?\\s+)?(?:in\\s+)?)?((?:19|20)\\d{2})(?!\\s*[–-]\\s*\\d)(?![\\d%])`, "g");
const SINCE = /\b(?:since|from)\s+(?:the\s+(?:early|mid|late)\s+)?((?:19|20)\d{2})\b/i;

/** The first date in `s` as ISO ("2004-11", "2004"), or undefined. */
export function findDate(s: string): string | undefined {
  DATE.lastIndex = 0;
  const m = DATE.exec(s);
  if (!m) return undefined;
  const month = m[1] ? MONTHS.indexOf(m[1].toLowerCase()) + 1 : 0;
  return month ? `${m[2]}-${String(month).padStart(2, "0")}` : m[2];
}

/** Every year a sentence names (1900–2099), in order. */
export function findYears(s: string): number[] {
  return [...s.matchAll(/\b((?:19|20)\d{2})s?\b/g)].map((m) => Number(m[1]));
}

/** The year after "since"/"from", or undefined. */
export function findSince(s: string): number | undefined {
  const m = SINCE.exec(s);
  return m ? Number(m[1]) : undefined;
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twenty: 20, thirty: 30,
  forty: 40, fifty: 50, hundred: 100, thousand: 1000, several: 0, dozens: 0,
};

/** A head count ("Four hundred people", "2,000 participants"), or undefined. */
export function findHeadCount(s: string): number | undefined {
  const m = /\b((?:\d[\d,]*)|(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty)\s+)?(?:hundred|thousand)|(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty))\s+(?:people|persons|participants|protesters|demonstrators|activists|workers|delegates|unionists)\b/i.exec(s);
  if (!m) return undefined;
  const raw = m[1].toLowerCase();
  if (/^\d/.test(raw)) return Number(raw.replace(/,/g, "")) || undefined;
  const parts = raw.split(/\s+/).map((w) => NUMBER_WORDS[w] ?? 0);
  return parts.length === 2 ? parts[0] * parts[1] : parts[0] || undefined;
}

/** Capitalised words after "in" that are not the place of an event. */
const NOT_A_PLACE = new RegExp(`^(?:${MONTH_SOURCE}|The|This|Japan|Asia|Europe|Korea)$`);

/** A place named with "in"/"held in"/"in front of" ("Fukuoka", "Mumbai"), or undefined. */
export function findPlace(s: string): string | undefined {
  const m = /\b(?:held|took place|met|meeting|protested|demonstrated|conference|summit|forum|protest|rally)\b[^.;]{0,40}?\bin\s+((?:[\p{Lu}][\p{L}’'-]+)(?:\s+[\p{Lu}][\p{L}’'-]+)?)/u.exec(s)
    ?? /\bin\s+((?:[\p{Lu}][\p{L}’'-]+))\s+(?:in|on)\s+(?:\w+\s+)?(?:19|20)\d{2}\b/u.exec(s);
  if (!m) return undefined;
  const place = m[1];
  if (NOT_A_PLACE.test(place)) return undefined;
  return place;
}
