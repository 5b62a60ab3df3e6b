import { describe, expect, it } from "vitest";
import { followHref, listHrefOf } from "@/components/inbox/follow-href";

const id = "0b9a3c1e-7f4d-4b8e-9a51-2d6c8e0f1a23";

describe("followHref", () => {
  it("moves the open conversation to its new view, keeping the app filter and dropping the old view's page", () => {
    expect(followHref({ pathname: `/messaging/unassigned/${id}`, search: "?app=a1&after=cur" }, "mine", id)).toBe(`/messaging/mine/${id}?app=a1`);
    expect(followHref({ pathname: `/messaging/mine/${id}`, search: "" }, "closed", id)).toBe(`/messaging/closed/${id}`);
  });

  it("stays put when the conversation is already in that view", () => {
    expect(followHref({ pathname: `/messaging/others/${id}`, search: "?after=cur" }, "others", id)).toBeNull();
  });

  it("leaves a search result where it is", () => {
    expect(followHref({ pathname: `/messaging/search/${id}`, search: "?q=novak" }, "closed", id)).toBeNull();
  });
});

describe("listHrefOf", () => {
  it("is the open conversation's list with its filter and page", () => {
    expect(listHrefOf({ pathname: `/messaging/mine/${id}`, search: "?app=a1&after=cur" }, id)).toBe("/messaging/mine?app=a1&after=cur");
    expect(listHrefOf({ pathname: `/messaging/search/${id}`, search: "?q=novak" }, id)).toBe("/messaging/search?q=novak");
  });
});
