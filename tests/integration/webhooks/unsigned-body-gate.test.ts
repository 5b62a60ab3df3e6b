import { describe, expect, it } from "vitest";
import { GATED_BODY_BYTES, unsignedBodyGate } from "@/lib/http/unsigned-body-gate";
import { createApp, createUser, createWorkspace } from "@/tests/factories";
import {
  countAllRows,
  inboundEvent,
  messengerEnvelope,
  newPsid,
  newWhatsappNumber,
  postWebhook,
  signedMessengerBody,
  twilioRequest,
  whatsappInbound,
} from "@/tests/support/webhooks";

/**
 * Issue 9's remaining budget through the real routes: large bodies are read and checked one at
 * a time per instance (lib/http/unsigned-body-gate.ts), small ones never wait for them, and a
 * flood beyond the queue is told to come back (429) without its body being read.
 */
async function apps() {
  const workspace = await createWorkspace({ name: "Gate Co" });
  const admin = await createUser({ workspace, role: "admin" });
  return {
    messenger: await createApp({ installer: admin, provider: "messenger" }),
    whatsapp: await createApp({ installer: admin, provider: "whatsapp" }),
  };
}

const withLength = (headers: Record<string, string>, body: string) => ({ ...headers, "Content-Length": String(Buffer.byteLength(body)) });
const settled = async <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), ms))]);

describe("the gate in front of unsigned webhook bodies", () => {
  it("lets a small signed webhook through while a large body holds the gate, and reads the large one when it frees", async () => {
    const { messenger, whatsapp } = await apps();
    const held = (await unsignedBodyGate.enter(0))!;
    try {
      const small = twilioRequest(whatsapp, whatsappInbound(whatsapp, { from: newWhatsappNumber(), text: "small and signed" }));
      const answered = await postWebhook("whatsapp", whatsapp.id, { headers: withLength(small.headers, small.body), body: small.body });
      expect(answered.status).toBe(200);

      const psid = newPsid();
      const events = Array.from({ length: 300 }, (_, i) => inboundEvent(messenger, psid, `${"long words ".repeat(25)}${i}`));
      const large = signedMessengerBody(messenger, messengerEnvelope(messenger, [events]));
      expect(Buffer.byteLength(large.body)).toBeGreaterThan(GATED_BODY_BYTES);
      const waiting = postWebhook("messenger", messenger.id, { headers: withLength(large.headers, large.body), body: large.body });
      expect(await settled(waiting, 300)).toBe(false);
      expect(unsignedBodyGate.load.waiting).toBe(1);

      held();
      expect((await waiting).status).toBe(200);
    } finally {
      held();
    }
    expect(unsignedBodyGate.load).toEqual({ reading: 0, waiting: 0 });
  });

  it("answers 429 with Retry-After, storing nothing, when 64 large bodies already wait", async () => {
    const { messenger } = await apps();
    const held = (await unsignedBodyGate.enter(0))!;
    const queued = Array.from({ length: 64 }, () => unsignedBodyGate.enter(0));
    try {
      const before = await countAllRows();
      const body = `{"object":"page","entry":[${"{},".repeat(40_000)}{}]}`;
      const response = await postWebhook("messenger", messenger.id, {
        headers: { "Content-Type": "application/json", "Content-Length": String(body.length), "X-Hub-Signature-256": `sha256=${"0".repeat(64)}` },
        body,
      });
      expect(response.status).toBe(429);
      expect(response.headers.get("retry-after")).toBe("1");
      expect(await countAllRows()).toEqual(before);
    } finally {
      held();
      for (const turn of queued) (await turn)!();
    }
    expect(unsignedBodyGate.load).toEqual({ reading: 0, waiting: 0 });
  });

  it("still refuses a declared length over 1 MiB with 413 without queueing it", async () => {
    const { messenger } = await apps();
    const held = (await unsignedBodyGate.enter(0))!;
    try {
      const response = await postWebhook("messenger", messenger.id, {
        headers: { "Content-Type": "application/json", "Content-Length": String(2 * 1024 * 1024) },
        body: "{}",
      });
      expect(response.status).toBe(413);
    } finally {
      held();
    }
  });
});
