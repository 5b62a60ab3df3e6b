import { describe, it, expect } from "vitest";
import { checkVerification } from "@/lib/channels/messenger/verify-challenge";

const TOKEN = "meatyhamhock";

describe("Messenger verification handshake", () => {
  it("answers with the challenge when mode is subscribe and the token matches", () => {
    const params = new URLSearchParams("hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock");
    expect(checkVerification(params, TOKEN)).toEqual({ ok: true, challenge: "1158201444" });
  });

  it.each([
    ["a wrong token", "hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=wrong"],
    ["a token that is only a prefix", "hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meaty"],
    ["a missing token", "hub.mode=subscribe&hub.challenge=1158201444"],
    ["another mode", "hub.mode=unsubscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock"],
    ["a missing mode", "hub.challenge=1158201444&hub.verify_token=meatyhamhock"],
    ["a missing challenge", "hub.mode=subscribe&hub.verify_token=meatyhamhock"],
    ["an empty challenge", "hub.mode=subscribe&hub.challenge=&hub.verify_token=meatyhamhock"],
    ["PHP-style underscore names", "hub_mode=subscribe&hub_challenge=1158201444&hub_verify_token=meatyhamhock"],
  ])("refuses %s", (_case, query) => {
    expect(checkVerification(new URLSearchParams(query), TOKEN)).toEqual({ ok: false });
  });

  it("refuses everything when no verify token is configured", () => {
    const params = new URLSearchParams("hub.mode=subscribe&hub.challenge=1&hub.verify_token=");
    expect(checkVerification(params, "")).toEqual({ ok: false });
  });
});
