// Nationality words and country names of the literature, mapped to ISO 3166-1
// alpha-2 codes, so that "Thai trade unions", "trade unions in Thailand" and
// "the Thailand-based Focus on the Global South" all carry the code TH.

/** Adjective → country code (regional adjectives have no code). */
export const NATIONALITIES: Readonly<Record<string, string>> = {
  japanese: "JP", korean: "KR", "south korean": "KR", "north korean": "KP", filipino: "PH", philippine: "PH",
  thai: "TH", indonesian: "ID", chinese: "CN", indian: "IN", american: "US", "us": "US", "u.s.": "US",
  australian: "AU", malaysian: "MY", vietnamese: "VN", singaporean: "SG", taiwanese: "TW", british: "GB",
  swedish: "SE", german: "DE", french: "FR", brazilian: "BR", "south african": "ZA", mexican: "MX",
  canadian: "CA", cambodian: "KH", burmese: "MM", nepalese: "NP", bangladeshi: "BD", pakistani: "PK",
  "sri lankan": "LK", mongolian: "MN", "new zealand": "NZ", italian: "IT", spanish: "ES", dutch: "NL",
};

/** Country name → code. */
export const COUNTRIES: Readonly<Record<string, string>> = {
  japan: "JP", korea: "KR", "south korea": "KR", "north korea": "KP", "the philippines": "PH", philippines: "PH",
  thailand: "TH", indonesia: "ID", china: "CN", india: "IN", "the united states": "US", "united states": "US",
  "the us": "US", australia: "AU", malaysia: "MY", vietnam: "VN", singapore: "SG", taiwan: "TW",
  "hong kong": "HK", britain: "GB", "the united kingdom": "GB", sweden: "SE", germany: "DE", france: "FR",
  brazil: "BR", "south africa": "ZA", mexico: "MX", canada: "CA", cambodia: "KH", myanmar: "MM", burma: "MM",
  nepal: "NP", bangladesh: "BD", pakistan: "PK", "sri lanka": "LK", mongolia: "MN", "new zealand": "NZ",
  brunei: "BN", laos: "LA",
};

/** Regional adjectives: collective actors without a country code. */
export const REGIONS: Readonly<Record<string, string>> = {
  asian: "Asian", european: "European", "east asian": "East Asian", "southeast asian": "Southeast Asian",
  "north american": "North American", "eastern european": "Eastern European", "latin american": "Latin American",
};

/** Display adjective for a country code ("TH" → "Thai"). */
export function adjectiveOf(code: string): string {
  const found = Object.entries(NATIONALITIES).find(([, c]) => c === code);
  const word = found ? found[0] : code;
  return word.split(" ").map((w) => (w === "us" ? "US" : w.charAt(0).toUpperCase() + w.slice(1))).join(" ");
}

const ALL = [...Object.keys(NATIONALITIES), ...Object.keys(REGIONS)].sort((a, b) => b.length - a.length);
/** Regex source matching a nationality or regional adjective (capitalised in text). */
export const NATIONALITY_SOURCE = ALL.map((w) => w.replace(/\./g, "\\.").split(" ").map((p) => (p === "us" || p === "u.s." ? p.toUpperCase().replace(/\./g, "\\.") : p.charAt(0).toUpperCase() + p.slice(1))).join("\\s+")).join("|");
const COUNTRY_WORDS = Object.keys(COUNTRIES).sort((a, b) => b.length - a.length);
/** Regex source matching a country name (capitalised in text, "the" lower case). */
export const COUNTRY_SOURCE = COUNTRY_WORDS.map((w) =>
  w.split(" ").map((p) => (p === "the" ? "the" : p === "us" ? "US" : p.charAt(0).toUpperCase() + p.slice(1))).join("\\s+"),
).join("|");

/** The country code of an adjective or country name, or undefined. */
export function countryOf(word: string): string | undefined {
  const w = word.toLowerCase().replace(/\s+/g, " ").replace(/-based$/, "");
  return NATIONALITIES[w] ?? COUNTRIES[w] ?? COUNTRIES[w.replace(/^the /, "")];
}
