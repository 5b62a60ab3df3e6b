import { getDb } from "@/db/index";
import type { AccessSubject } from "@/lib/apps/access";
import { loadSearch } from "@/lib/search/load-search";

/**
 * bench:views' search cases (SPEC §16: search meets the view budgets): the search page's reads
 * (lib/search/load-search.ts) and its URL, for a contact's name with accents folded, a number
 * found in names and message text, and a word that is in every message (the worst case: every
 * conversation matches and all of them are sorted). Each run checks it found what it should,
 * so a broken index or query cannot pass as fast.
 */
export function searchCases(subject: AccessSubject) {
  const search = (q: string, atLeast: number) => async () => {
    const db = await getDb();
    const data = await loadSearch(db, subject, { q, after: null, conversationId: null });
    if (data.missing || data.results.length < atLeast) throw new Error(`search ${JSON.stringify(q)} found ${data.missing ? "nothing" : data.results.length}, expected ≥ ${atLeast}`);
    return data;
  };
  return [
    { name: "search name", run: search("novakova", 1), path: `/messaging/search?q=novakova` },
    { name: "search number", run: search("4242", 1), path: `/messaging/search?q=4242` },
    { name: "search every message", run: search("message", 25), path: `/messaging/search?q=message` },
  ];
}
