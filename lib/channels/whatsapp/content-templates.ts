import "server-only";
import { z } from "zod";
import { callProvider, type ProviderCallOptions } from "@/lib/channels/http";
import type { WhatsappCredentials } from "@/lib/channels/types";
import { templateVariables, type WhatsappTemplate } from "@/lib/content/templates";
import { getEnv } from "@/lib/env";

/*
 * Twilio's Content API (https://content.twilio.com, TWILIO_CONTENT_API_BASE): the account's
 * templates with WhatsApp's approval, `GET /v1/ContentAndApprovals` (Basic auth, like the
 * Messages API). Only approved ones can restart a conversation after the 24-hour window.
 */

/** One page is plenty for the picker: a team uses a handful of templates, not hundreds. */
const PAGE_SIZE = 100;

const contentSchema = z.object({
  sid: z.string().regex(/^HX[0-9a-fA-F]{32}$/),
  friendly_name: z.string().nullish(),
  language: z.string().nullish(),
  variables: z.record(z.string(), z.unknown()).nullish(),
  types: z.record(z.string(), z.unknown()).nullish(),
  approval_requests: z.object({ status: z.string().nullish() }).passthrough().nullish(),
});
const listSchema = z.object({ contents: z.array(z.unknown()).max(1000) });

/** The text of the template's first content type that has one (twilio/text, quick-reply, card…). */
function bodyOf(types: Record<string, unknown>): string | null {
  for (const value of Object.values(types)) {
    const body = (value as { body?: unknown; title?: unknown } | null)?.body ?? (value as { title?: unknown } | null)?.title;
    if (typeof body === "string" && body.trim()) return body;
  }
  return null;
}

function toTemplate(raw: unknown): WhatsappTemplate | null {
  const parsed = contentSchema.safeParse(raw);
  if (!parsed.success || parsed.data.approval_requests?.status !== "approved") return null;
  const content = parsed.data;
  const body = bodyOf(content.types ?? {});
  if (!body) return null;
  const samples = Object.fromEntries(
    Object.entries(content.variables ?? {}).flatMap(([name, value]) => (typeof value === "string" ? [[name, value.slice(0, 200)]] : [])),
  );
  return {
    sid: content.sid,
    name: (content.friendly_name ?? "").trim() || content.sid,
    language: content.language ?? "",
    body: body.slice(0, 1024),
    variables: templateVariables(body, Object.keys(samples)).slice(0, 20),
    samples,
  };
}

export type TemplateList = { ok: true; templates: WhatsappTemplate[] } | { ok: false; reason: string };

export async function listApprovedTemplates(credentials: WhatsappCredentials, options?: ProviderCallOptions): Promise<TemplateList> {
  const base = getEnv().TWILIO_CONTENT_API_BASE.replace(/\/+$/, "");
  const url = new URL(`${base}/v1/ContentAndApprovals`);
  url.searchParams.set("PageSize", String(PAGE_SIZE));
  const basic = Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString("base64");
  const call = await callProvider("Twilio", url, { method: "GET", headers: { authorization: `Basic ${basic}`, accept: "application/json" } }, options);
  if (!call.ok) return { ok: false, reason: call.outcome.reason };
  const { status, body } = call.response;
  const list = listSchema.safeParse(body);
  if (status !== 200 || !list.success) return { ok: false, reason: `Twilio's Content API answered HTTP ${status}` };
  const templates = list.data.contents.map(toTemplate).filter((template) => template !== null);
  return { ok: true, templates: templates.sort((a, b) => a.name.localeCompare(b.name)) };
}
