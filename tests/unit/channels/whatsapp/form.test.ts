import { describe, it, expect } from "vitest";
import { parseFormBody } from "@/lib/channels/whatsapp/form";

describe("parseFormBody", () => {
  it("decodes percent-escapes and + as space", () => {
    const body = "Body=Here+is+the+photo%21&From=whatsapp%3A%2B14155551234&ProfileName=Ana%20L%C3%B3pez";
    expect(parseFormBody(body)).toEqual({
      Body: "Here is the photo!",
      From: "whatsapp:+14155551234",
      ProfileName: "Ana López",
    });
  });

  it("turns a repeated name into an array of its values in arrival order", () => {
    expect(parseFormBody(Buffer.from("MediaUrl=a&To=x&MediaUrl=b"))).toEqual({ MediaUrl: ["a", "b"], To: "x" });
  });

  it("keeps empty values and names without a value", () => {
    expect(parseFormBody("Body=&Flag")).toEqual({ Body: "", Flag: "" });
  });

  it("keeps a field named __proto__ as data without touching the prototype", () => {
    const params = parseFormBody("__proto__=a&__proto__=b&To=x");
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
    expect(Object.keys(params).sort()).toEqual(["To", "__proto__"]);
    expect(Object.getOwnPropertyDescriptor(params, "__proto__")?.value).toEqual(["a", "b"]);
  });

  it("returns an empty object for an empty body", () => {
    expect(parseFormBody("")).toEqual({});
  });
});
