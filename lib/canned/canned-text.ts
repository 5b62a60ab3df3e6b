/**
 * The variables a canned response may hold (SPEC §13) and how they are filled; pure, so the
 * reply box fills them in the browser and tests check the rule directly.
 */
export const CANNED_VARIABLES = ["contact.name", "agent.name", "company.name"] as const;
export type CannedVariable = (typeof CANNED_VARIABLES)[number];
export type CannedValues = Record<CannedVariable, string>;

/** `{{ name }}`, spaces inside the braces allowed; the name is anything but braces. */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

function isVariable(name: string): name is CannedVariable {
  return (CANNED_VARIABLES as readonly string[]).includes(name);
}

/**
 * The text with every known variable replaced. Unknown ones (`{{contact.phone}}`, a typo)
 * stay as written, so the agent sees them before sending; an empty value (a contact without
 * a name) leaves the placeholder too, never a blank in the middle of a sentence.
 */
export function fillCannedText(text: string, values: CannedValues): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    if (!isVariable(name)) return whole;
    const value = values[name].trim();
    return value ? value : whole;
  });
}

/** Variables used in the text that fillCannedText does not know, for the settings form's hint. */
export function unknownVariables(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1]!).filter((name) => !isVariable(name)))];
}

/** A WhatsApp contact without a profile name is stored under its address, which is no name to greet. */
export function contactNameForCanned(contactName: string): string {
  return contactName.startsWith("whatsapp:") ? "" : contactName;
}

function fold(value: string): string {
  return value.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/**
 * What `/` followed by letters offers: names starting with them first, then names holding
 * them, then responses whose text holds them; accent- and case-insensitive, at most `limit`.
 */
export function matchCannedResponses<R extends { name: string; text: string }>(responses: readonly R[], typed: string, limit = 8): R[] {
  const needle = fold(typed.trim());
  if (!needle) return responses.slice(0, limit);
  const rank = (response: R) => {
    const name = fold(response.name);
    if (name.startsWith(needle)) return 0;
    if (name.includes(needle)) return 1;
    return fold(response.text).includes(needle) ? 2 : -1;
  };
  return responses
    .map((response) => ({ response, rank: rank(response) }))
    .filter((entry) => entry.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.response.name.localeCompare(b.response.name))
    .slice(0, limit)
    .map((entry) => entry.response);
}

/**
 * The `/word` being typed at the caret, if any: `/` at the start of the box or after a space
 * or newline, then letters, digits, `-` or `_` up to the caret. Null when the caret is not in
 * such a word (a URL's slashes, "and/or" do not open the picker).
 */
export function slashCommandAt(value: string, caret: number): { start: number; typed: string } | null {
  const before = value.slice(0, caret);
  const match = /(?:^|\s)\/([\p{L}\p{N}_-]*)$/u.exec(before);
  if (!match) return null;
  return { start: caret - match[1]!.length - 1, typed: match[1]! };
}
