import { describe, expect, it } from "vitest";
import { activeMentionQuery, matchMentionables } from "@/components/inbox/notes/mention-picker";
import { DEFAULT_PREFERENCES } from "@/lib/notifications/events";
import { selectRecipients, type Candidate } from "@/lib/notifications/recipients";
import { noteDetailColumns, noteLength, noteSegments, readNoteDetail } from "@/db/note-detail";

const people = [
  { id: "1", name: "Bob Member" },
  { id: "2", name: "Jana Nováková" },
  { id: "3", name: "Ann" },
  { id: "4", name: "Ann Lee" },
];

describe("the @ picker", () => {
  it.each([
    ["@", 1, { start: 0, query: "" }],
    ["Hi @bo", 6, { start: 3, query: "bo" }],
    ["Hi @Bob Mem", 11, { start: 3, query: "Bob Mem" }],
    ["mail@example", 12, null],
    ["@bob\nnext", 9, null],
    ["no mention", 10, null],
  ])("reads %j at %i as %j", (text, caret, expected) => {
    expect(activeMentionQuery(text, caret)).toEqual(expected);
  });

  it("matches any word of a name, ignoring accents and case", () => {
    expect(matchMentionables(people, "novak").map((person) => person.name)).toEqual(["Jana Nováková"]);
    expect(matchMentionables(people, "MEM").map((person) => person.name)).toEqual(["Bob Member"]);
    expect(matchMentionables(people, "").length).toBe(4);
    expect(matchMentionables(people, "zz")).toEqual([]);
  });
});

describe("a note's text and mentions", () => {
  it("round-trips through the activity's detail", () => {
    const note = { text: "@Bob Member look", mentions: [{ id: "1", name: "Bob Member" }] };
    expect(readNoteDetail(noteDetailColumns(note))).toEqual(note);
  });

  it("reads a damaged detail as its text without mentions", () => {
    expect(readNoteDetail({ text: "Hi", mentions: "{not json" })).toEqual({ text: "Hi", mentions: [] });
    expect(readNoteDetail(null)).toEqual({ text: "", mentions: [] });
  });

  it("marks mentioned names, the longest first, and leaves other @words as text", () => {
    const mentions = [
      { id: "3", name: "Ann" },
      { id: "4", name: "Ann Lee" },
    ];
    expect(noteSegments("@Ann Lee and @Ann, not @Zed <b>", mentions)).toEqual([
      { kind: "mention", text: "@Ann Lee", userId: "4" },
      { kind: "text", text: " and " },
      { kind: "mention", text: "@Ann", userId: "3" },
      { kind: "text", text: ", not @Zed <b>" },
    ]);
  });

  it("counts characters as a reader does", () => {
    expect(noteLength("  😀é  ")).toBe(2);
  });
});

describe("who hears about a mention", () => {
  const candidate = (userId: string, overrides: Partial<Candidate> = {}): Candidate => ({
    userId,
    isActive: true,
    hasAccess: true,
    preferences: structuredClone(DEFAULT_PREFERENCES),
    ...overrides,
  });

  it("is each mentioned teammate with access, never the author or anyone unmentioned", () => {
    const recipients = selectRecipients({ kind: "mention", authorId: "a", mentionedUserIds: ["a", "b", "c", "d"] }, [
      candidate("a"),
      candidate("b"),
      candidate("c", { hasAccess: false }),
      candidate("d", { isActive: false }),
      candidate("e"),
    ]);
    expect(recipients).toEqual([{ userId: "b", event: "note.mentioned", channels: ["desktop", "email"] }]);
  });

  it("follows the teammate's channels for note.mentioned", () => {
    const preferences = structuredClone(DEFAULT_PREFERENCES);
    preferences["note.mentioned"] = { desktop: false, email: true };
    expect(selectRecipients({ kind: "mention", authorId: "a", mentionedUserIds: ["b"] }, [candidate("b", { preferences })])).toEqual([
      { userId: "b", event: "note.mentioned", channels: ["email"] },
    ]);
  });
});
