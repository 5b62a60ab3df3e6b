import { describe, expect, it } from "vitest";
import { contactNameForCanned, fillCannedText, matchCannedResponses, slashCommandAt, unknownVariables } from "@/lib/canned/canned-text";

const values = { "contact.name": "Jana Nováková", "agent.name": "Alice Admin", "company.name": "Demo Company" };

describe("fillCannedText", () => {
  it("fills the three variables, with or without spaces inside the braces", () => {
    expect(fillCannedText("Hi {{contact.name}}, {{ agent.name }} from {{company.name}} here.", values)).toBe(
      "Hi Jana Nováková, Alice Admin from Demo Company here.",
    );
  });

  it("leaves unknown variables and empty values visible instead of failing or blanking", () => {
    expect(fillCannedText("Call {{contact.phone}} or {{}} {{ {{", values)).toBe("Call {{contact.phone}} or {{}} {{ {{");
    expect(fillCannedText("Hi {{contact.name}}!", { ...values, "contact.name": " " })).toBe("Hi {{contact.name}}!");
    expect(unknownVariables("{{contact.name}} {{contact.phone}} {{ typo }} {{contact.phone}}")).toEqual(["contact.phone", "typo"]);
  });

  it("does not read a WhatsApp address as the contact's name", () => {
    expect(contactNameForCanned("whatsapp:+14155550123")).toBe("");
    expect(contactNameForCanned("Ana Lopez")).toBe("Ana Lopez");
  });
});

describe("matchCannedResponses", () => {
  const responses = [
    { name: "thanks", text: "Thank you!" },
    { name: "pricing", text: "Our prices start at…" },
    { name: "dekuji", text: "Děkujeme za zprávu" },
    { name: "hours", text: "We are open 9–17, thanks for asking" },
  ];
  it("ranks name prefixes, then names containing the letters, then texts; accent-insensitive", () => {
    expect(matchCannedResponses(responses, "th").map((r) => r.name)).toEqual(["thanks", "hours"]);
    expect(matchCannedResponses(responses, "DĚK").map((r) => r.name)).toEqual(["dekuji"]);
    expect(matchCannedResponses(responses, "").map((r) => r.name)).toHaveLength(4);
    expect(matchCannedResponses(responses, "zzz")).toEqual([]);
  });
});

describe("slashCommandAt", () => {
  it("finds /word at the caret only at the start or after whitespace", () => {
    expect(slashCommandAt("/tha", 4)).toEqual({ start: 0, typed: "tha" });
    expect(slashCommandAt("Hello /pri", 10)).toEqual({ start: 6, typed: "pri" });
    expect(slashCommandAt("line\n/", 6)).toEqual({ start: 5, typed: "" });
    expect(slashCommandAt("https://x.test/path", 19)).toBeNull();
    expect(slashCommandAt("and/or", 6)).toBeNull();
    expect(slashCommandAt("/thanks more", 12)).toBeNull();
  });
});
