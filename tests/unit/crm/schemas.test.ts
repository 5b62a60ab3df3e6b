import { describe, expect, it } from "vitest";
import { dealSchema, NOTE_MAX_LENGTH, noteBodySchema, personSchema } from "@/lib/crm/schemas";

/** Issue 6's bad input for CRM records and notes, refused by the schemas forms and server share. */

const validDeal = { title: "Ann's order", value: "1200.50", currency: "EUR", stage: "qualified", personId: "" };

describe("dealSchema", () => {
  it("accepts a deal with a value of zero or more, a known currency and stage", () => {
    expect(dealSchema.parse(validDeal)).toEqual({ ...validDeal, personId: null });
    expect(dealSchema.safeParse({ ...validDeal, value: "0" }).success).toBe(true);
  });

  it.each([
    ["a negative value", { value: "-1" }, "value"],
    ["a negative fraction", { value: "-0.01" }, "value"],
    ["a value with three decimals", { value: "1.005" }, "value"],
    ["a value that is no number", { value: "lots" }, "value"],
    ["an empty value", { value: "" }, "value"],
    ["an unknown currency", { currency: "BTC" }, "currency"],
    ["a currency in lowercase", { currency: "eur" }, "currency"],
    ["an unknown stage", { stage: "closed_won" }, "stage"],
    ["no stage", { stage: undefined }, "stage"],
    ["an empty title", { title: "   " }, "title"],
    ["a person id that is no uuid", { personId: "42" }, "personId"],
  ])("refuses %s", (_, change, field) => {
    const result = dealSchema.safeParse({ ...validDeal, ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => issue.path[0])).toContain(field);
  });
});

describe("noteBodySchema", () => {
  it(`accepts a note of exactly ${NOTE_MAX_LENGTH} characters`, () => {
    expect(NOTE_MAX_LENGTH).toBe(10_000);
    expect(noteBodySchema.safeParse("n".repeat(10_000)).success).toBe(true);
  });

  it("refuses a note over 10,000 characters", () => {
    const result = noteBodySchema.safeParse("n".repeat(10_001));
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe("too_long");
  });

  it("refuses an empty or blank note", () => {
    expect(noteBodySchema.safeParse("").success).toBe(false);
    expect(noteBodySchema.safeParse(" \n\t ").success).toBe(false);
  });

  it("keeps markup in a note as typed", () => {
    expect(noteBodySchema.parse("<script>alert(1)</script>")).toBe("<script>alert(1)</script>");
  });
});

describe("personSchema", () => {
  it("keeps an XSS payload in a name verbatim (React renders it as text)", () => {
    const name = `<img src=x onerror="alert('xss')">`;
    expect(personSchema.parse({ name }).name).toBe(name);
  });

  it("refuses a name over 200 characters, a bad phone and a bad email", () => {
    expect(personSchema.safeParse({ name: "a".repeat(201) }).success).toBe(false);
    expect(personSchema.safeParse({ name: "Ann", phones: "call me maybe" }).success).toBe(false);
    expect(personSchema.safeParse({ name: "Ann", emails: "ann@" }).success).toBe(false);
  });
});
