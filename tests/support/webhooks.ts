import { randomBytes } from "node:crypto";
import { count, eq, inArray, or, sql } from "drizzle-orm";
import { GET as messengerGet, POST as messengerPost } from "@/app/api/webhooks/messenger/[appId]/route";
import { POST as whatsappPost } from "@/app/api/webhooks/whatsapp/[appId]/route";
import { POST as whatsappStatusPost } from "@/app/api/webhooks/whatsapp/[appId]/status/route";
import { getDb } from "@/db/index";
import { conversationActivities, conversations, jobs, messages, type MessagingApp } from "@/db/schema";
import { signMessengerBody } from "@/lib/channels/messenger/sign";
import type { FormParams } from "@/lib/channels/whatsapp/form";
import { appUrl } from "@/lib/env";
import {
  messengerMessageEvent,
  psidFor,
  signedMessengerRequest,
  signedTwilioRequest,
  twilioInboundParams,
  type SignedRequest,
} from "@/lib/webhooks/signed-requests";
import type { CreatedApp } from "@/tests/factories";
import { twilioStatusParams } from "@/tests/stand-ins/twilio";

/**
 * Webhook requests for integration tests: built with the simulator's signing code
 * (lib/webhooks/signed-requests.ts) and handed straight to the route handlers, no server.
 */

export type WebhookRoute = "messenger" | "whatsapp" | "whatsapp-status";

const handlers = { messenger: messengerPost, whatsapp: whatsappPost, "whatsapp-status": whatsappStatusPost };

export function webhookPath(route: WebhookRoute, appId: string): string {
  if (route === "messenger") return `/api/webhooks/messenger/${appId}`;
  return `/api/webhooks/whatsapp/${appId}${route === "whatsapp-status" ? "/status" : ""}`;
}

const context = (appId: string) => ({ params: Promise.resolve({ appId }) });

/** POSTs to a route handler as Next would call it; `body` may be a stream (then `duplex: "half"`). */
export function postWebhook(
  route: WebhookRoute,
  appId: string,
  init: {
    headers?: Record<string, string>;
    body: string | ReadableStream<Uint8Array>;
    /** The URL the request arrives at, when it is not the route's plain path (a query string, say). */
    requestUrl?: string;
  },
): Promise<Response> {
  // A real client's request carries its Content-Length, which Next hands to the route (a
  // Request built here would not): without it every body would queue at the unsigned body gate.
  const headers =
    typeof init.body === "string" && !Object.keys(init.headers ?? {}).some((name) => name.toLowerCase() === "content-length")
      ? { ...init.headers, "Content-Length": String(Buffer.byteLength(init.body)) }
      : init.headers;
  const request = new Request(init.requestUrl ?? `${appUrl()}${webhookPath(route, appId)}`, {
    method: "POST",
    headers,
    body: init.body,
    ...(typeof init.body === "string" ? {} : { duplex: "half" }),
  } as RequestInit);
  return handlers[route](request, context(appId));
}

/** Sends a request built by signed-requests.ts to `route` of `appId` (the URL is the route's own). */
export function deliver(route: WebhookRoute, appId: string, signed: SignedRequest): Promise<Response> {
  return postWebhook(route, appId, { headers: signed.headers, body: signed.body });
}

/** Meta's GET subscription check with the given query. */
export function verifyMessenger(appId: string, query: Record<string, string>): Promise<Response> {
  const url = `${appUrl()}${webhookPath("messenger", appId)}?${new URLSearchParams(query)}`;
  return messengerGet(new Request(url), context(appId));
}

// ---- contacts -------------------------------------------------------------------------------

/** A page-scoped id nobody has used yet. */
export const newPsid = () => psidFor(randomBytes(8).toString("hex"));

/** A `whatsapp:+E164` number nobody has used yet. */
export const newWhatsappNumber = () => `whatsapp:+4207${String(randomBytes(4).readUInt32BE() % 1e8).padStart(8, "0")}`;

// The ids the providers' own answers carry, under the names the webhook tests know them by.
export { newMessengerMid as newMid } from "@/tests/stand-ins/meta";
export { newTwilioSid as newMessageSid } from "@/tests/stand-ins/twilio";

// ---- Messenger ------------------------------------------------------------------------------

type MessengerApp = CreatedApp<"messenger">;
type WhatsappApp = CreatedApp<"whatsapp">;

/** An inbound text message event from `psid` to the app's page. */
export function inboundEvent(app: MessengerApp, psid: string, text = "Hello from Messenger", extra: { mid?: string; timestamp?: number } = {}) {
  return messengerMessageEvent({ pageId: app.credentials.pageId, psid, text, ...extra });
}

/** One entry per event, signed with the app's secret (or `appSecret`), as signed-requests.ts builds it. */
export function messengerRequest(app: MessengerApp, events: object[], options: { appSecret?: string } = {}): SignedRequest {
  return signedMessengerRequest({
    baseUrl: appUrl(),
    appId: app.id,
    appSecret: options.appSecret ?? app.credentials.appSecret,
    pageId: app.credentials.pageId,
    events,
  });
}

/** Any raw body (an envelope of our own, or something malformed) with a valid signature for it. */
export function signedMessengerBody(app: MessengerApp, body: string | object, appSecret = app.credentials.appSecret): SignedRequest {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  return {
    url: `${appUrl()}${webhookPath("messenger", app.id)}`,
    headers: { "Content-Type": "application/json", "X-Hub-Signature-256": signMessengerBody(raw, appSecret) },
    body: raw,
  };
}

export function sendMessenger(app: MessengerApp, events: object[], options: { appSecret?: string } = {}): Promise<Response> {
  return deliver("messenger", app.id, messengerRequest(app, events, options));
}

/** The envelope Meta sends, with the given entries' `messaging` arrays under the app's page. */
export function messengerEnvelope(app: MessengerApp, batches: object[][]) {
  return {
    object: "page",
    entry: batches.map((messaging, i) => ({ id: app.credentials.pageId, time: Date.now() + i, messaging })),
  };
}

// ---- WhatsApp (Twilio) ----------------------------------------------------------------------

/** Twilio's inbound parameters from `from` to the app's sender. */
export function whatsappInbound(
  app: WhatsappApp,
  input: { from?: string; text?: string; profileName?: string; messageSid?: string; extra?: FormParams } = {},
): FormParams {
  return {
    ...twilioInboundParams({
      accountSid: app.credentials.accountSid,
      to: app.credentials.sender,
      from: input.from ?? newWhatsappNumber(),
      text: input.text ?? "Hello from WhatsApp",
      profileName: input.profileName,
      messageSid: input.messageSid,
    }),
    ...input.extra,
  };
}

/** A status callback for one of the app's outbound messages (PROVIDERS.md §3). */
export function twilioStatus(
  app: WhatsappApp,
  input: { messageSid: string; status: string; to?: string; errorCode?: string; errorMessage?: string },
): FormParams {
  return twilioStatusParams({ accountSid: app.credentials.accountSid, sender: app.credentials.sender, ...input, to: input.to ?? newWhatsappNumber() });
}

/** Signed over APP_URL + the route's path, as Twilio signs the public URL it called. */
export function twilioRequest(
  app: Pick<WhatsappApp, "id" | "credentials">,
  params: FormParams,
  options: { route?: "whatsapp" | "whatsapp-status"; authToken?: string } = {},
): SignedRequest {
  return signedTwilioRequest({
    baseUrl: appUrl(),
    path: webhookPath(options.route ?? "whatsapp", app.id),
    authToken: options.authToken ?? app.credentials.authToken,
    params,
  });
}

export function sendWhatsapp(
  app: WhatsappApp,
  params: FormParams,
  options: { route?: "whatsapp" | "whatsapp-status"; authToken?: string } = {},
): Promise<Response> {
  return deliver(options.route ?? "whatsapp", app.id, twilioRequest(app, params, options));
}

// ---- the database afterwards ----------------------------------------------------------------

export type RowCounts = { conversations: number; messages: number; activities: number; jobs: number };

/** Every row a webhook can create, across the whole (per-file) test database. */
export async function countAllRows(): Promise<RowCounts> {
  const db = await getDb();
  const [[c], [m], [a], [j]] = await Promise.all([
    db.select({ n: count() }).from(conversations),
    db.select({ n: count() }).from(messages),
    db.select({ n: count() }).from(conversationActivities),
    db.select({ n: count() }).from(jobs),
  ]);
  return { conversations: c!.n, messages: m!.n, activities: a!.n, jobs: j!.n };
}

type Db = Awaited<ReturnType<typeof getDb>>;

/**
 * Which jobs are about the conversations (and messages) in scope: follow-ups name a
 * `conversationId` (profile lookups, history notes) or a `messageId` (notifications, replies).
 */
function jobScope(db: Db, scope: { workspaceId: string } | { appId: string }) {
  const conversationScope =
    "workspaceId" in scope ? eq(conversations.workspaceId, scope.workspaceId) : eq(conversations.appId, scope.appId);
  const messageScope = "workspaceId" in scope ? eq(messages.workspaceId, scope.workspaceId) : eq(messages.appId, scope.appId);
  return or(
    inArray(sql`${jobs.payload}->>'conversationId'`, db.select({ id: sql`${conversations.id}::text` }).from(conversations).where(conversationScope)),
    inArray(sql`${jobs.payload}->>'messageId'`, db.select({ id: sql`${messages.id}::text` }).from(messages).where(messageScope)),
  );
}

/** The rows of one workspace, jobs included (see jobScope). */
export async function countWorkspaceRows(workspaceId: string): Promise<RowCounts> {
  const db = await getDb();
  const [[c], [m], [a], [j]] = await Promise.all([
    db.select({ n: count() }).from(conversations).where(eq(conversations.workspaceId, workspaceId)),
    db.select({ n: count() }).from(messages).where(eq(messages.workspaceId, workspaceId)),
    db.select({ n: count() }).from(conversationActivities).where(eq(conversationActivities.workspaceId, workspaceId)),
    db.select({ n: count() }).from(jobs).where(jobScope(db, { workspaceId })),
  ]);
  return { conversations: c!.n, messages: m!.n, activities: a!.n, jobs: j!.n };
}

export async function conversationsOf(app: Pick<MessagingApp, "id">) {
  const db = await getDb();
  return db.select().from(conversations).where(eq(conversations.appId, app.id)).orderBy(conversations.createdAt);
}

export async function messagesOf(app: Pick<MessagingApp, "id">) {
  const db = await getDb();
  return db.select().from(messages).where(eq(messages.appId, app.id)).orderBy(messages.occurredAt, messages.createdAt);
}

/** Jobs about the app's conversations or messages (see jobScope). */
export async function jobsOf(app: Pick<MessagingApp, "id">) {
  const db = await getDb();
  return db.select().from(jobs).where(jobScope(db, { appId: app.id }));
}

/** How many of the app's jobs each queue holds, e.g. `{ "messenger.fetch-profile": 1, "notify.message": 1 }`. */
export async function jobQueuesOf(app: Pick<MessagingApp, "id">): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const job of await jobsOf(app)) counts[job.queue] = (counts[job.queue] ?? 0) + 1;
  return counts;
}

// ---- either provider ------------------------------------------------------------------------

/** A contact id of the app's provider that nobody has used yet. */
export const newContact = (app: Pick<MessagingApp, "provider">) => (app.provider === "messenger" ? newPsid() : newWhatsappNumber());

/** A correctly signed inbound text message from `contact` to either kind of app. */
export function inboundRequest(app: CreatedApp, contact: string, text: string): { route: WebhookRoute; signed: SignedRequest } {
  if (app.provider === "messenger") {
    const messenger = app as CreatedApp<"messenger">;
    return { route: "messenger", signed: messengerRequest(messenger, [inboundEvent(messenger, contact, text)]) };
  }
  const whatsapp = app as CreatedApp<"whatsapp">;
  return { route: "whatsapp", signed: twilioRequest(whatsapp, whatsappInbound(whatsapp, { from: contact, text })) };
}

export function sendInbound(app: CreatedApp, contact: string, text: string): Promise<Response> {
  const { route, signed } = inboundRequest(app, contact, text);
  return deliver(route, app.id, signed);
}
