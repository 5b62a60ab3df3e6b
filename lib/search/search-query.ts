/**
 * What a search box's text means (SPEC §13), shared by the server (the SQL terms) and the
 * browser (highlighting). Pure: no database, no DOM.
 */

/** SPEC §13 / issue 15: longer input is cut here, never refused. */
export const SEARCH_MAX_LENGTH = 200;
/** Shorter words match too much to help and cannot use the trigram index. */
export const MIN_WORD_LENGTH = 2;
/** Words after the eighth add little and each costs an index condition. */
export const MAX_WORDS = 8;
/** A phone query needs this many digits before numbers are matched by their digits alone. */
export const MIN_PHONE_DIGITS = 3;

export type SearchQuery = {
  /** The text as searched: trimmed and capped, for the box and the results' heading. */
  text: string;
  /** Letters-and-digits words (no punctuation, so nothing is a LIKE or tsquery operator). */
  words: string[];
  /** The digits of a query that looks like a phone number (`+420 601…`, `whatsapp:+1…`). */
  digits: string | null;
};

const PHONE_LIKE = /^(?:whatsapp:)?[\s+\d().\-/]+$/i;

/** The searched text: trimmed and cut to SEARCH_MAX_LENGTH characters (code points). */
export function capSearchText(raw: string): string {
  return Array.from(raw.trim()).slice(0, SEARCH_MAX_LENGTH).join("").trim();
}

/** Null when there is nothing to search for: empty, only punctuation, or only 1-letter words. */
export function parseSearchQuery(raw: unknown): SearchQuery | null {
  if (typeof raw !== "string") return null;
  const text = capSearchText(raw);
  const words = [
    ...new Set(
      text
        .split(/[^\p{L}\p{N}]+/u)
        .filter((word) => Array.from(word).length >= MIN_WORD_LENGTH)
        .map((word) => word.toLowerCase()),
    ),
  ].slice(0, MAX_WORDS);
  const digitsOnly = text.replace(/\D/g, "");
  const digits = PHONE_LIKE.test(text) && digitsOnly.length >= MIN_PHONE_DIGITS ? digitsOnly : null;
  if (words.length === 0 && !digits) return null;
  return { text, words, digits };
}

/**
 * Case and accents removed character by character, as the database's unaccent() does for
 * Latin scripts; `origin[i]` is the index in `value` that folded character i came from.
 */
export function foldWithOrigins(value: string): { folded: string; origin: number[] } {
  let folded = "";
  const origin: number[] = [];
  let index = 0;
  for (const char of value) {
    const plain = char.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
    for (const piece of plain) {
      folded += piece;
      for (let k = 0; k < piece.length; k++) origin.push(index);
    }
    index += char.length;
  }
  return { folded, origin };
}

export function foldForSearch(value: string): string {
  return foldWithOrigins(value).folded;
}

export type HighlightPart = { text: string; match: boolean };

/**
 * `value` cut into parts where words start with the search words (accent- and case-insensitive), for showing
 * matches as text. Overlapping and adjacent matches merge into one part.
 */
export function highlightMatches(value: string, words: readonly string[]): HighlightPart[] {
  const { folded, origin } = foldWithOrigins(value);
  const marked = new Array<boolean>(value.length).fill(false);
  for (const word of words) {
    const needle = foldForSearch(word);
    if (!needle) continue;
    for (let at = folded.indexOf(needle); at !== -1; at = folded.indexOf(needle, at + 1)) {
      // Words match from their start, as the full-text search finds them: "den" is not marked
      // inside "předvedení".
      if (at > 0 && /[\p{L}\p{N}]/u.test(folded[at - 1]!)) continue;
      const start = origin[at]!;
      const lastOrigin = origin[at + needle.length - 1]!;
      // The whole original character (a surrogate pair, a letter with its combining mark).
      const end = at + needle.length < origin.length ? origin[at + needle.length]! : value.length;
      for (let i = start; i < Math.max(end, lastOrigin + 1); i++) marked[i] = true;
    }
  }
  const parts: HighlightPart[] = [];
  for (let i = 0; i < value.length; i++) {
    const last = parts.at(-1);
    if (last && last.match === marked[i]) last.text += value[i];
    else parts.push({ text: value[i]!, match: marked[i]! });
  }
  return parts;
}

/** The part of a long message around its first match, so the result line shows why it matched. */
export function excerptAround(value: string, words: readonly string[], width = 120): string {
  const flat = value.replace(/\s+/g, " ").trim();
  if (flat.length <= width) return flat;
  const { folded, origin } = foldWithOrigins(flat);
  const firsts = words.map((word) => folded.indexOf(foldForSearch(word))).filter((at) => at >= 0);
  const first = firsts.length ? origin[Math.min(...firsts)]! : 0;
  const start = Math.max(0, Math.min(first - Math.floor(width / 3), flat.length - width));
  return `${start > 0 ? "…" : ""}${flat.slice(start, start + width).trim()}${start + width < flat.length ? "…" : ""}`;
}
