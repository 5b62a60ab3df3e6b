import { z } from "zod";

/** Spec §13 / issue 15 bad input: a private note holds at most this many characters. */
export const NOTE_MAX_CHARS = 10_000;
/** More mentions than this in one note is not a note to teammates any more. */
export const MAX_MENTIONS = 50;

export type NoteMention = { id: string; name: string };
export type NoteDetail = { text: string; mentions: NoteMention[] };

const storedMentions = z.array(z.object({ id: z.string(), name: z.string() }));

/**
 * A note is an activity line of kind "note" (it sits in the thread, never in `messages`, so no
 * send job or CRM history note can ever pick it up). Its detail column holds strings only, so
 * the mentions, with the names they had when written, are kept as JSON text.
 */
export function noteDetailColumns(note: NoteDetail): Record<string, string> {
  return { text: note.text, mentions: JSON.stringify(note.mentions) };
}

export function readNoteDetail(detail: Record<string, string> | null | undefined): NoteDetail {
  let mentions: NoteMention[] = [];
  try {
    const parsed = storedMentions.safeParse(JSON.parse(detail?.mentions ?? "[]"));
    if (parsed.success) mentions = parsed.data;
  } catch (error) {
    // A note from before mentions, or a damaged one: its text still shows, without highlights.
    console.warn("[notes] unreadable mentions", error);
  }
  return { text: detail?.text ?? "", mentions };
}

/** Characters as a reader counts them (emoji and accented letters once), after trimming. */
export function noteLength(text: string): number {
  return Array.from(text.trim()).length;
}

export type NoteSegment = { kind: "text"; text: string } | { kind: "mention"; text: string; userId: string };

/**
 * The note's text with every "@Name" of a mentioned teammate marked, longest names first so
 * "@Ann Lee" wins over "@Ann". Rendered as text by React, never as HTML.
 */
export function noteSegments(text: string, mentions: NoteMention[]): NoteSegment[] {
  const names = [...mentions].sort((a, b) => b.name.length - a.name.length);
  const segments: NoteSegment[] = [];
  let plain = "";
  let index = 0;
  outer: while (index < text.length) {
    if (text[index] === "@") {
      for (const mention of names) {
        const token = `@${mention.name}`;
        if (mention.name && text.startsWith(token, index)) {
          if (plain) segments.push({ kind: "text", text: plain });
          plain = "";
          segments.push({ kind: "mention", text: token, userId: mention.id });
          index += token.length;
          continue outer;
        }
      }
    }
    plain += text[index];
    index += 1;
  }
  if (plain) segments.push({ kind: "text", text: plain });
  return segments;
}
