/** A teammate the @ picker can offer: active, with access to the conversation's app. */
export type Mentionable = { id: string; name: string };

/**
 * The "@query" being typed just before the caret, if any: "@" at the start or after a space,
 * then letters of a name (which may hold spaces, up to 40 characters). Null when the caret is
 * not in such a word, so the picker closes.
 */
export function activeMentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf("@");
  if (at < 0 || (at > 0 && !/\s/.test(before[at - 1]!))) return null;
  const query = before.slice(at + 1);
  if (query.length > 40 || /\n/.test(query) || /\s{2}/.test(query)) return null;
  return { start: at, query };
}

/** Teammates whose name has a word starting with the query, accent- and case-insensitively. */
export function matchMentionables(people: Mentionable[], query: string, limit = 6): Mentionable[] {
  const fold = (value: string) => value.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();
  const wanted = fold(query.trim());
  return people
    .filter((person) => {
      if (!wanted) return true;
      const name = fold(person.name);
      return name.startsWith(wanted) || name.split(/\s+/).some((word) => word.startsWith(wanted));
    })
    .slice(0, limit);
}
