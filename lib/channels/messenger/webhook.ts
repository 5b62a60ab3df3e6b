import type { WebhookChannel } from "@/lib/channels/types";
import { parseMessengerWebhook } from "./parse-webhook";
import { verifyMessengerSignature } from "./verify-signature";

export const messengerWebhook: WebhookChannel = {
  provider: "messenger",
  isSigned: (found, rawBody, request) =>
    found.provider === "messenger" &&
    verifyMessengerSignature(rawBody, request.headers.get("x-hub-signature-256"), found.credentials.appSecret),
  parse(found, rawBody) {
    if (found.provider !== "messenger") return { ok: false, reason: "malformed" };
    let json: unknown;
    try {
      json = JSON.parse(rawBody.toString("utf8"));
    } catch {
      return { ok: false, reason: "malformed" };
    }
    return parseMessengerWebhook(json, found.credentials.pageId);
  },
};
