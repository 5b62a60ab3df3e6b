import { describe, expect, it } from "vitest";
import { messageKindEnum } from "@/db/schema";
import { describeMessage, describePreview, type Translate } from "@/lib/content/describe-content";
import { mapUrl, MESSAGE_KINDS, readContent, toColumns } from "@/db/message-content";
import { translatorFor } from "@/lib/i18n/translator";

const inBoth = async () => {
  const [en, cs] = await Promise.all([translatorFor("en"), translatorFor("cs")]);
  return { en: en.t as Translate, cs: cs.t as Translate };
};

describe("message content", () => {
  it("has one list of kinds for the database and the schemas", () => {
    expect([...messageKindEnum.enumValues].sort()).toEqual([...MESSAGE_KINDS].sort());
  });

  it("reads back what it stores, and anything unreadable as unsupported", () => {
    const location = { kind: "location", latitude: 1.2, longitude: -1.3, name: "Home" } as const;
    const { kind, payload } = toColumns(location);
    expect(readContent(kind, payload)).toEqual(location);
    expect(readContent("location", { latitude: "north" })).toEqual({ kind: "unsupported" });
    expect(readContent("hologram", {})).toEqual({ kind: "unsupported" });
    expect(readContent("__proto__", {})).toEqual({ kind: "unsupported" });
  });

  it("links a place to OpenStreetMap", () => {
    expect(mapUrl({ latitude: 52.3, longitude: 4.75 })).toBe("https://www.openstreetmap.org/?mlat=52.3&mlon=4.75#map=16/52.3/4.75");
  });
});

describe("describing a message in both languages (notifications, notes, the list)", () => {
  it("words each kind", async () => {
    const { en, cs } = await inBoth();
    const location = { text: "", kind: "location", payload: { latitude: 1, longitude: 2, name: "Microsoft", address: "Schiphol" }, attachments: 0 };
    expect(describeMessage(en, location)).toBe("📍 Location: Microsoft, Schiphol");
    expect(describeMessage(cs, location)).toBe("📍 Poloha: Microsoft, Schiphol");
    expect(describeMessage(en, { text: "", kind: "sticker", payload: null, attachments: 0 })).toBe("Sticker");
    expect(describeMessage(cs, { text: "", kind: "sticker", payload: null, attachments: 0 })).toBe("Nálepka");
    expect(describeMessage(en, { text: "", kind: "unsupported", payload: null, attachments: 0 }, "whatsapp")).toBe("Unsupported message — open it in WhatsApp");
    expect(describeMessage(cs, { text: "", kind: "contact", payload: {}, attachments: 0 })).toBe("👤 Vizitka");
    expect(describeMessage(en, { text: "", kind: "text", payload: null, attachments: 2 })).toBe("📎 2 attachments");
    expect(describeMessage(cs, { text: "", kind: "text", payload: null, attachments: 3 })).toBe("📎 3 přílohy");
    expect(describeMessage(en, { text: "Red", kind: "text", payload: { buttonPayload: "PICK_RED" }, attachments: 0 })).toBe("Red");
  });

  it("words the list's preview line from the stored words and kind", async () => {
    const { en, cs } = await inBoth();
    expect(describePreview(en, "Microsoft", "location")).toBe("📍 Location: Microsoft");
    expect(describePreview(cs, null, "sticker")).toBe("Nálepka");
    expect(describePreview(en, "hello", "text")).toBe("hello");
  });
});
