import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { conversations, messages, messagingApps } from "@/db/schema";
import { withCredentials } from "@/lib/apps/credentials";
import { isHttpUrl } from "@/lib/safe-url";
import { getEnv } from "@/lib/env";
import { appAccessibleBy, type AccessSubject } from "@/lib/apps/access";

/** WhatsApp media is at most 16 MB (documents, video); a little room on top, never more. */
export const MAX_MEDIA_BYTES = 20 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 15_000;
/** Types the browser may show inline; anything else is offered as a download. */
const INLINE = /^(image\/(png|jpeg|gif|webp)|audio\/[\w.+-]+|video\/[\w.+-]+)$/i;
const MIME = /^[\w.+-]+\/[\w.+-]+$/;

export type MediaOutcome = { ok: true; response: Response } | { ok: false; status: 404 | 413 | 502 };

/** The Twilio API host (TWILIO_API_BASE) is the only origin media is ever fetched from. */
function isTwilioMediaUrl(url: string): boolean {
  if (!isHttpUrl(url)) return false;
  return new URL(url).origin === new URL(getEnv().TWILIO_API_BASE).origin;
}

/** The attachment, if `subject` may see its conversation and it is Twilio media of a WhatsApp app. */
async function findMedia(db: Executor, subject: AccessSubject, messageId: string, index: number) {
  const [row] = await db
    .select({ message: messages, app: messagingApps })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(messagingApps, eq(messagingApps.id, messages.appId))
    .where(and(eq(messages.id, messageId), isNull(conversations.deletedAt), appAccessibleBy(subject)))
    .limit(1);
  const attachment = row?.message.attachments[index];
  if (!row || row.app.provider !== "whatsapp" || !attachment || !isTwilioMediaUrl(attachment.url)) return null;
  return { app: row.app, attachment };
}

/** Passes bytes through and errors the stream once more than `limit` have gone by. */
function capped(body: ReadableStream<Uint8Array>, limit: number): ReadableStream<Uint8Array> {
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > limit) controller.error(new Error("Media larger than the cap"));
        else controller.enqueue(chunk);
      },
    }),
  );
}

/**
 * SPEC §14: fetches Twilio-hosted media with the app's own credentials and streams it to a
 * user who may see the conversation. Another workspace's message, no access, a non-Twilio host
 * or a non-http(s) URL are all 404 (nothing says which). Redirects (Twilio sends media from its
 * CDN) are followed by fetch, which drops the Authorization header on the way to another origin.
 */
export async function streamTwilioMedia(db: Executor, subject: AccessSubject, messageId: string, index: number): Promise<MediaOutcome> {
  const found = await findMedia(db, subject, messageId, index);
  if (!found) return { ok: false, status: 404 };
  const app = withCredentials(found.app);
  if (app.provider !== "whatsapp") return { ok: false, status: 404 };
  const { accountSid, authToken } = app.credentials;

  let upstream: Response;
  try {
    upstream = await fetch(found.attachment.url, {
      headers: { Authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}` },
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
  } catch {
    return { ok: false, status: 502 };
  }
  if (upstream.status === 404) return { ok: false, status: 404 };
  if (!upstream.ok || !upstream.body) {
    await upstream.body?.cancel();
    return { ok: false, status: 502 };
  }
  const declared = Number(upstream.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > MAX_MEDIA_BYTES) {
    await upstream.body.cancel();
    return { ok: false, status: 413 };
  }
  const upstreamType = upstream.headers.get("content-type")?.split(";")[0]?.trim() ?? "";
  const type = MIME.test(upstreamType) ? upstreamType : (found.attachment.contentType ?? "application/octet-stream");
  const inline = INLINE.test(type);
  const headers = new Headers({
    "Content-Type": inline ? type : MIME.test(type) ? type : "application/octet-stream",
    "Content-Disposition": inline ? "inline" : "attachment",
    "X-Content-Type-Options": "nosniff",
    // Whatever the file is, it runs nothing in our origin.
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cache-Control": "private, max-age=300",
  });
  if (Number.isFinite(declared) && declared > 0) headers.set("Content-Length", String(declared));
  return { ok: true, response: new Response(capped(upstream.body, MAX_MEDIA_BYTES), { status: 200, headers }) };
}
