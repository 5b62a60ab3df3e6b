import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { files, messages, type User } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { MAX_FILE_BYTES } from "@/lib/files/file-rules";
import { fileSignature } from "@/lib/files/signed-link";
import { sendReply } from "@/lib/inbox/reply";
import { actorOf, createApp, createConversation, createMessage, createUser, createWorkspace, subjectOf, type CreatedApp } from "@/tests/factories";
import { startMessengerStandIn } from "@/tests/stand-ins/meta";
import type { ProviderStandIn } from "@/tests/stand-ins/provider-stand-in";
import { startTwilioStandIn, TINY_PNG } from "@/tests/stand-ins/twilio";
import { sendReplyJob } from "@/lib/inbox/send-reply-job";
import { drainJobs } from "@/tests/support/jobs";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

/*
 * SPEC §14, sending attachments: upload from the reply box, storage under FILES_DIR, the signed
 * /api/files link the provider fetches, and the real Messenger and Twilio send paths against the
 * stand-ins. The signed-in actor is swapped in; routes, database, disk and HTTP are real.
 */
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));

const upload = await import("@/app/api/files/route");
const download = await import("@/app/api/files/[fileId]/route");

let filesDir: string;
let messengerApi: ProviderStandIn;
let twilioApi: ProviderStandIn;
let alice: User;
let bob: User;
let outsider: User;
let dave: User;
let whatsapp: CreatedApp<"whatsapp">;
let messenger: CreatedApp<"messenger">;
let closedApp: CreatedApp<"whatsapp">;
const previousFilesDir = process.env.FILES_DIR;

beforeAll(async () => {
  filesDir = await fs.mkdtemp(path.join(os.tmpdir(), "switchboard-files-"));
  process.env.FILES_DIR = filesDir;
  messengerApi = await startMessengerStandIn();
  twilioApi = await startTwilioStandIn();
  const workspace = await createWorkspace({ name: "Files Co" });
  alice = await createUser({ workspace, role: "admin" });
  bob = await createUser({ workspace, role: "member" });
  outsider = await createUser({ workspace, role: "member" });
  const other = await createWorkspace({ name: "Other Co" });
  dave = await createUser({ workspace: other, role: "admin" });
  whatsapp = await createApp({ installer: alice, provider: "whatsapp" });
  messenger = await createApp({ installer: alice, provider: "messenger" });
  closedApp = await createApp({ installer: alice, provider: "whatsapp", members: [alice, bob] });
});

afterAll(async () => {
  await messengerApi.close();
  await twilioApi.close();
  if (previousFilesDir === undefined) delete process.env.FILES_DIR;
  else process.env.FILES_DIR = previousFilesDir;
  await fs.rm(filesDir, { recursive: true, force: true });
});
afterEach(() => {
  session.actor = null;
});

const signInAs = (user: User | null) => {
  session.actor = user ? actorOf(user) : null;
};

/** A conversation whose customer wrote an hour ago, so free-form replies (and files) may go. */
async function openConversation(app: CreatedApp) {
  const conversation = await createConversation({ app });
  await createMessage({ conversation, direction: "inbound", occurredAt: new Date(Date.now() - 60 * 60 * 1000) });
  return conversation;
}

function post(conversationId: string, body: BodyInit | null, headers: Record<string, string>) {
  const request = new Request(`http://localhost/api/files?conversationId=${conversationId}`, {
    method: "POST",
    body,
    headers,
    // A streamed body (no Content-Length) needs half-duplex in undici.
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
  return upload.POST(request, undefined);
}

async function uploadPng(conversationId: string, name = "photo.png", bytes: Buffer = TINY_PNG) {
  const response = await post(conversationId, new Uint8Array(bytes), { "content-type": "image/png", "x-file-name": encodeURIComponent(name) });
  return { response, body: (await response.json()) as { ok: boolean; reason?: string; file?: { id: string; name: string; size: number } } };
}

const get = (fileId: string, query = "") => download.GET(new Request(`http://localhost/api/files/${fileId}${query}`), { params: Promise.resolve({ fileId }) });

/** The request the provider would make for a link it was given. */
function fetchAsProvider(link: string) {
  const url = new URL(link);
  const fileId = url.pathname.split("/").pop()!;
  return get(fileId, url.search);
}

const storedNames = async () => (await fs.readdir(filesDir)).sort();
const fileRows = async () => {
  const [row] = await db.select({ n: count() }).from(files);
  return row!.n;
};

/** A body that streams `total` bytes in 1 MiB chunks without saying its length first. */
function streamOf(total: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      const size = Math.min(1024 * 1024, total - sent);
      if (size <= 0) return controller.close();
      sent += size;
      controller.enqueue(new Uint8Array(size).fill(7));
    },
  });
}

const runSendJobs = () => drainJobs({ retryBaseMs: 0, queues: [sendReplyJob.queue] });

describe("POST /api/files", () => {
  it("keeps the file under FILES_DIR with its name, type and size", async () => {
    const conversation = await openConversation(whatsapp);
    signInAs(alice);
    const { response, body } = await uploadPng(conversation.id, "Quote 2026 ✓.png");
    expect(response.status).toBe(201);
    expect(body).toMatchObject({ ok: true, file: { name: "Quote 2026 ✓.png", size: TINY_PNG.length, contentType: "image/png" } });
    expect(await fs.readFile(path.join(filesDir, body.file!.id))).toEqual(TINY_PNG);
    const [row] = await db.select().from(files).where(eq(files.id, body.file!.id));
    expect(row).toMatchObject({ conversationId: conversation.id, workspaceId: alice.workspaceId, uploadedBy: alice.id, name: "Quote 2026 ✓.png" });
  });

  it("refuses a file declared over 16 MB before reading it, keeping nothing", async () => {
    const conversation = await openConversation(whatsapp);
    signInAs(alice);
    const [rowsBefore, namesBefore] = [await fileRows(), await storedNames()];
    const response = await post(conversation.id, streamOf(MAX_FILE_BYTES + 1), {
      "content-type": "video/mp4",
      "content-length": String(MAX_FILE_BYTES + 1),
      "x-file-name": "big.mp4",
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ ok: false, reason: "file_too_large" });
    expect([await fileRows(), await storedNames()]).toEqual([rowsBefore, namesBefore]);
  });

  it("cuts off a body that goes past 16 MB without saying its length, keeping nothing", async () => {
    const conversation = await openConversation(whatsapp);
    signInAs(alice);
    const [rowsBefore, namesBefore] = [await fileRows(), await storedNames()];
    const response = await post(conversation.id, streamOf(MAX_FILE_BYTES + 512 * 1024), { "content-type": "video/mp4", "x-file-name": "big.mp4" });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ ok: false, reason: "file_too_large" });
    expect([await fileRows(), await storedNames()]).toEqual([rowsBefore, namesBefore]);
  });

  it("takes exactly 16 MB", async () => {
    const conversation = await openConversation(whatsapp);
    signInAs(alice);
    const response = await post(conversation.id, streamOf(MAX_FILE_BYTES), { "content-type": "video/mp4", "x-file-name": "limit.mp4" });
    expect(response.status).toBe(201);
    const { file } = (await response.json()) as { file: { id: string; size: number } };
    expect(file.size).toBe(MAX_FILE_BYTES);
    expect((await fs.stat(path.join(filesDir, file.id))).size).toBe(MAX_FILE_BYTES);
  });

  it.each([
    ["HTML (it would run in our origin)", "whatsapp", "text/html"],
    ["SVG", "messenger", "image/svg+xml"],
    ["a GIF on WhatsApp", "whatsapp", "image/gif"],
    ["no type at all", "whatsapp", ""],
  ] as const)("refuses %s as a type the provider does not take", async (_case, provider, type) => {
    const conversation = await openConversation(provider === "whatsapp" ? whatsapp : messenger);
    signInAs(alice);
    const rowsBefore = await fileRows();
    const response = await post(conversation.id, "<svg onload=alert(1)>", { "content-type": type, "x-file-name": "x" });
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({ ok: false, reason: "file_type_refused" });
    expect(await fileRows()).toBe(rowsBefore);
  });

  it("refuses an empty file", async () => {
    const conversation = await openConversation(whatsapp);
    signInAs(alice);
    const { response, body } = await uploadPng(conversation.id, "empty.png", Buffer.alloc(0));
    expect(response.status).toBe(400);
    expect(body).toEqual({ ok: false, reason: "file_empty" });
  });

  it("answers 404 for another workspace's conversation and for an app the user has no access to", async () => {
    const theirs = await openConversation(whatsapp);
    const closed = await openConversation(closedApp);
    const rowsBefore = await fileRows();
    signInAs(dave);
    expect((await uploadPng(theirs.id)).response.status).toBe(404);
    signInAs(outsider);
    expect((await uploadPng(closed.id)).response.status).toBe(404);
    expect(await fileRows()).toBe(rowsBefore);
  });

  it("answers 401 when signed out and 400 without a conversation or a file name", async () => {
    const conversation = await openConversation(whatsapp);
    expect((await uploadPng(conversation.id)).response.status).toBe(401);
    signInAs(alice);
    expect((await post("not-a-uuid", new Uint8Array(TINY_PNG), { "content-type": "image/png", "x-file-name": "a.png" })).status).toBe(400);
    expect((await post(conversation.id, new Uint8Array(TINY_PNG), { "content-type": "image/png" })).status).toBe(400);
  });
});

describe("GET /api/files/{id}", () => {
  let fileId: string;
  let conversationId: string;

  beforeAll(async () => {
    const conversation = await openConversation(closedApp);
    conversationId = conversation.id;
    signInAs(alice);
    fileId = (await uploadPng(conversation.id, "plan.png")).body.file!.id;
    signInAs(null);
  });

  it("serves the bytes to anyone holding a valid signature, as the provider fetches them", async () => {
    const response = await get(fileId, `?signature=${encodeURIComponent(fileSignature(fileId))}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toContain("sandbox");
    expect(Buffer.from(await response.arrayBuffer())).toEqual(TINY_PNG);
  });

  it("refuses a tampered signature, another file's signature and an expired one with 403", async () => {
    const signature = fileSignature(fileId);
    const [expires, mac] = signature.split(".");
    const tampered = `${expires}.${mac!.slice(0, -1)}${mac!.endsWith("A") ? "B" : "A"}`;
    const later = `${Number(expires) + 3600}.${mac}`;
    const otherFile = fileSignature(conversationId);
    const expired = fileSignature(fileId, new Date(Date.now() - 2 * 60 * 60 * 1000));
    for (const bad of [tampered, later, otherFile, expired, "", "garbage"]) {
      const response = await get(fileId, `?signature=${encodeURIComponent(bad)}`);
      expect(response.status, `signature ${bad}`).toBe(403);
    }
    expect(await (await get(fileId, `?signature=${encodeURIComponent(expired)}`)).text()).toBe("This link has expired");
  });

  it("serves a signed-in user who may see the conversation, and 404s everyone else", async () => {
    signInAs(bob);
    expect((await get(fileId)).status).toBe(200);
    signInAs(outsider);
    expect((await get(fileId)).status).toBe(404);
    signInAs(dave);
    expect((await get(fileId)).status).toBe(404);
    signInAs(null);
    expect((await get(fileId)).status).toBe(401);
  });
});

describe("sending an attachment", () => {
  it("gives Twilio a signed MediaUrl that fetches the file, with the words as its caption", async () => {
    const conversation = await openConversation(whatsapp);
    signInAs(alice);
    const { body } = await uploadPng(conversation.id, "floor-plan.png");
    const result = await sendReply(db, subjectOf(alice), { conversationId: conversation.id, text: "Here is the plan", fileId: body.file!.id });
    expect(result.ok).toBe(true);
    await runSendJobs();
    const sent = twilioApi.requests.filter((request) => new URLSearchParams(request.body).get("To") === conversation.externalContactId);
    expect(sent).toHaveLength(1);
    const form = new URLSearchParams(sent[0]!.body);
    expect(form.get("Body")).toBe("Here is the plan");
    const link = form.get("MediaUrl")!;
    expect(link).toMatch(new RegExp(`/api/files/${body.file!.id}\\?signature=`));
    const fetched = await fetchAsProvider(link);
    expect(fetched.status).toBe(200);
    expect(Buffer.from(await fetched.arrayBuffer())).toEqual(TINY_PNG);
    const [stored] = await db.select().from(messages).where(eq(messages.id, result.ok ? result.value.messageId : ""));
    expect(stored).toMatchObject({ state: "sent", text: "Here is the plan" });
    expect(stored!.attachments).toEqual([expect.objectContaining({ type: "image", name: "floor-plan.png", fileId: body.file!.id, contentType: "image/png" })]);
    // The stored link is the unsigned one: signatures expire, the thread's link must not.
    expect(stored!.attachments[0]!.url).not.toContain("signature");
  });

  it("sends Messenger the file as an attachment payload, then the words as their own message", async () => {
    const conversation = await openConversation(messenger);
    signInAs(alice);
    const { body } = await uploadPng(conversation.id, "menu.png");
    const result = await sendReply(db, subjectOf(alice), { conversationId: conversation.id, text: "Our menu", fileId: body.file!.id });
    expect(result.ok).toBe(true);
    await runSendJobs();
    const sent = messengerApi.requests
      .map((request) => JSON.parse(request.body) as { recipient: { id: string }; message: Record<string, unknown> })
      .filter((request) => request.recipient.id === conversation.externalContactId);
    expect(sent.map((request) => Object.keys(request.message).sort())).toEqual([
      ["attachment", "metadata"],
      ["metadata", "text"],
    ]);
    const attachment = sent[0]!.message.attachment as { type: string; payload: { url: string; is_reusable: boolean } };
    expect(attachment.type).toBe("image");
    const fetched = await fetchAsProvider(attachment.payload.url);
    expect(Buffer.from(await fetched.arrayBuffer())).toEqual(TINY_PNG);
    expect(sent[1]!.message.text).toBe("Our menu");
    const thread = await db.select().from(messages).where(eq(messages.conversationId, conversation.id)).orderBy(messages.occurredAt);
    expect(thread.filter((m) => m.direction === "outbound").map((m) => [m.text, m.attachments.length, m.state])).toEqual([
      ["", 1, "sent"],
      ["Our menu", 0, "sent"],
    ]);
  });

  it("sends a file without words", async () => {
    const conversation = await openConversation(whatsapp);
    signInAs(alice);
    const { body } = await uploadPng(conversation.id);
    expect((await sendReply(db, subjectOf(alice), { conversationId: conversation.id, text: "  ", fileId: body.file!.id })).ok).toBe(true);
    await runSendJobs();
    const form = new URLSearchParams(twilioApi.requests.at(-1)!.body);
    expect(form.has("Body")).toBe(false);
    expect(form.get("MediaUrl")).toContain(body.file!.id);
  });

  it("refuses a file of another conversation or workspace, storing and sending nothing", async () => {
    const mine = await openConversation(whatsapp);
    const elsewhere = await openConversation(whatsapp);
    signInAs(alice);
    const { body } = await uploadPng(elsewhere.id);
    const requestsBefore = twilioApi.requests.length;
    const countMine = async () => (await db.select({ n: count() }).from(messages).where(eq(messages.conversationId, mine.id)))[0]!.n;
    const before = await countMine();
    expect(await sendReply(db, subjectOf(alice), { conversationId: mine.id, text: "see attached", fileId: body.file!.id })).toMatchObject({
      ok: false,
      reason: "file_not_found",
    });
    // Dave's workspace cannot even name Alice's conversation.
    expect(await sendReply(db, subjectOf(dave), { conversationId: elsewhere.id, text: "x", fileId: body.file!.id })).toMatchObject({ ok: false, reason: "not_found" });
    await runSendJobs();
    expect(await countMine()).toBe(before);
    expect(twilioApi.requests.length).toBe(requestsBefore);
  });
});
