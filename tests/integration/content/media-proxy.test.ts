import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { User } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { MAX_MEDIA_BYTES } from "@/lib/inbox/twilio-media";
import { actorOf, createApp, createConversation, createMessage, createUser, createWorkspace, type CreatedApp } from "@/tests/factories";
import type { ProviderStandIn } from "@/tests/stand-ins/provider-stand-in";
import { isTwilioMediaRequest, startTwilioStandIn, TINY_PNG } from "@/tests/stand-ins/twilio";

// The signed-in actor is swapped in; the route, the access rules, the database and the HTTP
// call to the Twilio stand-in are real.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));

const { GET } = await import("@/app/api/media/[messageId]/[n]/route");

let twilio: ProviderStandIn;
let alice: User;
let outsider: User;
let dave: User;
let whatsapp: CreatedApp<"whatsapp">;
let messenger: CreatedApp<"messenger">;
let closedApp: CreatedApp<"whatsapp">;

const mediaPath = (sid: string) => `/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages/MM1/Media/${sid}`;

beforeAll(async () => {
  twilio = await startTwilioStandIn();
  const workspace = await createWorkspace({ name: "Media Co" });
  alice = await createUser({ workspace, role: "admin" });
  outsider = await createUser({ workspace, role: "member" });
  const other = await createWorkspace({ name: "Other Co" });
  dave = await createUser({ workspace: other, role: "admin" });
  whatsapp = await createApp({ installer: alice, provider: "whatsapp" });
  messenger = await createApp({ installer: alice, provider: "messenger" });
  // Only Alice (the installer) may see this app's conversations.
  closedApp = await createApp({ installer: alice, provider: "whatsapp", members: [alice] });
});

afterAll(() => twilio.close());
afterEach(() => {
  session.actor = null;
});

const signInAs = (user: User) => {
  session.actor = actorOf(user);
};

async function messageWith(app: CreatedApp, urls: { url: string; contentType?: string }[]) {
  const conversation = await createConversation({ app });
  return createMessage({ conversation, attachments: urls.map((u) => ({ type: "image", ...u })) });
}

const get = (messageId: string, n: string | number) =>
  GET(new Request(`http://localhost/api/media/${messageId}/${n}`), { params: Promise.resolve({ messageId, n: String(n) }) });

describe("GET /api/media/{messageId}/{n}", () => {
  it("streams Twilio media with the app's credentials and the right content type", async () => {
    const message = await messageWith(whatsapp, [{ url: `${twilio.baseUrl}${mediaPath("ME1")}`, contentType: "image/jpeg" }]);
    signInAs(alice);
    const response = await get(message.id, 0);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await response.arrayBuffer())).toEqual(TINY_PNG);
    const fetched = twilio.requests.filter(isTwilioMediaRequest).at(-1)!;
    const basic = Buffer.from(`${whatsapp.credentials.accountSid}:${whatsapp.credentials.authToken}`).toString("base64");
    expect(fetched.headers.authorization).toBe(`Basic ${basic}`);
    expect(fetched.path).toBe(mediaPath("ME1"));
  });

  it("offers anything that is not an image, audio or video as a download", async () => {
    twilio.answerNext({ status: 200, bytes: Buffer.from("<html><script>alert(1)</script>"), contentType: "text/html" });
    const message = await messageWith(whatsapp, [{ url: `${twilio.baseUrl}${mediaPath("ME2")}` }]);
    signInAs(alice);
    const response = await get(message.id, 0);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe("attachment");
    expect(response.headers.get("content-security-policy")).toContain("sandbox");
  });

  it("refuses media over the cap by its declared size", async () => {
    twilio.answerNext({ status: 200, bytes: Buffer.alloc(10), contentType: "video/mp4", headers: { "content-length": String(MAX_MEDIA_BYTES + 1) } });
    const message = await messageWith(whatsapp, [{ url: `${twilio.baseUrl}${mediaPath("ME3")}` }]);
    signInAs(alice);
    // The cap is decided on the declared length, before a byte is streamed.
    expect((await get(message.id, 0)).status).toBe(413);
  });

  it("stops streaming media without a declared size once it passes the cap", async () => {
    // Node sends this chunked: no Content-Length, so only counting the bytes can stop it.
    twilio.answerNext({ status: 200, bytes: Buffer.alloc(MAX_MEDIA_BYTES + 64 * 1024, 1), contentType: "video/mp4" });
    const message = await messageWith(whatsapp, [{ url: `${twilio.baseUrl}${mediaPath("ME5")}` }]);
    signInAs(alice);
    const response = await get(message.id, 0);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBeNull();
    let received = 0;
    const reading = (async () => {
      for await (const chunk of response.body!) received += chunk.byteLength;
    })();
    await expect(reading).rejects.toThrow("Media larger than the cap");
    expect(received).toBeLessThanOrEqual(MAX_MEDIA_BYTES);
  });

  it("streams media without a declared size whole when it stays under the cap", async () => {
    twilio.answerNext({ status: 200, bytes: Buffer.alloc(3 * 1024 * 1024, 2), contentType: "video/mp4" });
    const message = await messageWith(whatsapp, [{ url: `${twilio.baseUrl}${mediaPath("ME6")}` }]);
    signInAs(alice);
    const response = await get(message.id, 0);
    expect((await response.arrayBuffer()).byteLength).toBe(3 * 1024 * 1024);
  });

  it("answers 401 when signed out and fetches nothing", async () => {
    const message = await messageWith(whatsapp, [{ url: `${twilio.baseUrl}${mediaPath("ME4")}` }]);
    const before = twilio.requests.length;
    expect((await get(message.id, 0)).status).toBe(401);
    expect(twilio.requests.length).toBe(before);
  });

  it.each([
    ["another workspace's user", () => dave, () => messageWith(whatsapp, [{ url: `${twilio.baseUrl}${mediaPath("ME5")}` }]), 0],
    ["a teammate without access to the app", () => outsider, () => messageWith(closedApp, [{ url: `${twilio.baseUrl}${mediaPath("ME6")}` }]), 0],
    ["a host that is not the Twilio API", () => alice, () => messageWith(whatsapp, [{ url: "https://evil.example/Media/ME7" }]), 0],
    ["a non-http(s) media URL", () => alice, () => messageWith(whatsapp, [{ url: "file:///etc/passwd" }]), 0],
    ["a Messenger message", () => alice, () => messageWith(messenger, [{ url: `${twilio.baseUrl}${mediaPath("ME8")}` }]), 0],
    ["an index past the attachments", () => alice, () => messageWith(whatsapp, [{ url: `${twilio.baseUrl}${mediaPath("ME9")}` }]), 1],
    ["an index that is not a number", () => alice, () => messageWith(whatsapp, [{ url: `${twilio.baseUrl}${mediaPath("ME9")}` }]), "x"],
  ])("answers 404 for %s and fetches nothing", async (_case, who, arrange, n) => {
    const message = await arrange();
    signInAs(who());
    const before = twilio.requests.length;
    expect((await get(message.id, n as number)).status).toBe(404);
    expect(twilio.requests.length).toBe(before);
  });

  it("answers 404 for an unknown or malformed message id", async () => {
    signInAs(alice);
    expect((await get("00000000-0000-4000-8000-000000000000", 0)).status).toBe(404);
    expect((await get("not-a-uuid", 0)).status).toBe(404);
  });

  it("answers 502 when Twilio refuses, and 404 when Twilio has no such media", async () => {
    const message = await messageWith(whatsapp, [{ url: `${twilio.baseUrl}${mediaPath("ME10")}` }]);
    signInAs(alice);
    twilio.answerNext({ status: 401, json: { code: 20003, message: "Authenticate" } });
    expect((await get(message.id, 0)).status).toBe(502);
    twilio.answerNext({ status: 404, json: { code: 20404, message: "Not found" } });
    expect((await get(message.id, 0)).status).toBe(404);
  });
});
