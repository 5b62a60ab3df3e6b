import { describe, expect, it } from "vitest";
import { isUuid } from "@/lib/ids";
import { isView, viewOf, VIEWS } from "@/lib/views";
import { decodeCursor, encodeCursor } from "@/lib/keyset-cursor";

const me = "00000000-0000-4000-8000-00000000000a";
const someoneElse = "00000000-0000-4000-8000-00000000000b";
const b64 = (text: string) => Buffer.from(text).toString("base64url");

describe("viewOf", () => {
  it.each([
    ["open", null, "unassigned"],
    ["open", me, "mine"],
    ["open", someoneElse, "others"],
    ["closed", null, "closed"],
    ["closed", me, "closed"],
    ["closed", someoneElse, "closed"],
  ] as const)("puts a %s conversation assigned to %s in %s", (status, assigneeId, view) => {
    expect(viewOf({ status, assigneeId }, me)).toBe(view);
  });
});

describe("isView", () => {
  it("accepts exactly the four views of spec §3", () => {
    expect(VIEWS.filter(isView)).toEqual(["unassigned", "mine", "others", "snoozed", "closed"]);
    expect(["archive", "Mine", "", "constructor", "toString"].filter(isView)).toEqual([]);
  });
});

describe("keyset cursors", () => {
  it.each([
    { lastActivityAt: new Date("2026-03-01T12:00:00.000Z"), id: me },
    { lastActivityAt: new Date("1999-12-31T23:59:59.999Z"), id: "FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF" },
    { lastActivityAt: new Date(0), id: someoneElse },
  ])("round-trips $lastActivityAt and $id", (cursor) => {
    const encoded = encodeCursor(cursor);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(encoded)).toEqual(cursor);
  });

  it.each([
    ["missing", undefined],
    ["null", null],
    ["empty", ""],
    ["not base64", "%%%!!"],
    ["plain text", "page2"],
    ["no separator", b64("2026-03-01T12:00:00.000Z")],
    ["no id", b64("2026-03-01T12:00:00.000Z|")],
    ["no time", b64(`|${me}`)],
    ["an id that is not a uuid", b64("2026-03-01T12:00:00.000Z|42")],
    ["an impossible date", b64(`2026-02-31T12:00:00.000Z|${me}`)],
    ["a date not in the canonical form", b64(`2026-03-01|${me}`)],
    ["a date that is not a date", b64(`yesterday|${me}`)],
    ["extra parts", b64(`2026-03-01T12:00:00.000Z|${me}|x`)],
    ["SQL in the id", b64(`2026-03-01T12:00:00.000Z|${me}' or 1=1 --`)],
    ["an overlong value", "A".repeat(201)],
  ])("decodes a cursor that is %s to null (the first page)", (_, value) => {
    expect(decodeCursor(value)).toBeNull();
  });
});

describe("isUuid", () => {
  it.each([
    [me, true],
    [me.toUpperCase(), true],
    ["not-a-uuid", false],
    [`${me}0`, false],
    ["", false],
  ])("%j → %s", (value, expected) => {
    expect(isUuid(value)).toBe(expected);
  });
});
