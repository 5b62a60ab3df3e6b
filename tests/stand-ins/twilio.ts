import { randomBytes } from "node:crypto";
import type { FormParams } from "@/lib/channels/whatsapp/form";
import type { ReceivedRequest, StandInReply } from "./http-stand-in";
import { startProviderStandIn, type ProviderStandIn } from "./provider-stand-in";
import { SuiteServerStandIn, type AnsweredRequest, type SuiteAnswer } from "./suite-server-stand-in";

/** Twilio: the Messages API and inbound media (PROVIDERS.md §4) and the Content API (SPEC §14). */

export const newTwilioSid = () => `SM${randomBytes(16).toString("hex")}`;

/** A 1×1 PNG, as Twilio serves an inbound image's media. */
export const TINY_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-fA-F]{32})\/Messages\.json$/;

/** The 201 of `POST /2010-04-01/Accounts/{sid}/Messages.json`: queued, echoing the form. */
function messageCreated(sid: string, request?: ReceivedRequest) {
  const form = new URLSearchParams(request?.body ?? "");
  return {
    sid,
    account_sid: request ? MESSAGES_PATH.exec(request.path)?.[1] : undefined,
    status: "queued",
    direction: "outbound-api",
    body: form.get("Body"),
    from: form.get("From"),
    to: form.get("To"),
    error_code: null,
    error_message: null,
    api_version: "2010-04-01",
  };
}

const notFound = { code: 20404, message: "The requested resource was not found", status: 404 };

export const twilioAnswers = {
  created: (sid = newTwilioSid(), request?: ReceivedRequest): StandInReply => ({ status: 201, json: messageCreated(sid, request) }),
  outsideWindow: (): StandInReply => ({
    status: 400,
    json: {
      code: 63016,
      message:
        "Failed to send freeform message because you are outside the allowed window. If you are using WhatsApp, please use a Message Template.",
      more_info: "https://www.twilio.com/docs/errors/63016",
      status: 400,
    },
  }),
  unavailable: (): StandInReply => ({
    status: 503,
    json: { code: 20503, message: "Service unavailable", more_info: "https://www.twilio.com/docs/errors/20503", status: 503 },
  }),
  throttled: (): StandInReply => ({
    status: 429,
    json: { code: 20429, message: "Too Many Requests", more_info: "https://www.twilio.com/docs/errors/20429", status: 429 },
  }),
};

/** `GET …/Messages/{sid}/Media/{sid}`: Twilio's media URL, here without redirecting to a CDN. */
export const isTwilioMediaRequest = (request: ReceivedRequest) => request.method === "GET" && /\/Messages\/[^/]+\/Media\/[^/]+$/.test(request.path);

export type StandInTemplate = { sid: string; name: string; body: string; variables?: Record<string, string>; status?: string; language?: string };

/** One item of `GET /v1/ContentAndApprovals`, shaped as Twilio's Content API returns it. */
export function contentAndApproval(template: StandInTemplate) {
  return {
    sid: template.sid,
    account_sid: "AC0123456789abcdef0123456789abcdef",
    friendly_name: template.name,
    language: template.language ?? "en",
    variables: template.variables ?? {},
    types: { "twilio/text": { body: template.body } },
    date_created: "2026-01-05T10:00:00Z",
    date_updated: "2026-01-05T10:00:00Z",
    url: `https://content.twilio.com/v1/Content/${template.sid}`,
    approval_requests: {
      type: "whatsapp",
      name: template.name.toLowerCase().replace(/\W+/g, "_"),
      category: "UTILITY",
      content_type: "twilio/text",
      status: template.status ?? "approved",
      rejection_reason: "",
      allow_category_change: true,
    },
  };
}

const isTemplateListing = (request: ReceivedRequest) => request.method === "GET" && request.path === "/v1/ContentAndApprovals";

/** The whole listing in one page. */
const templateListing = (templates: StandInTemplate[]) => ({
  contents: templates.map(contentAndApproval),
  meta: { page: 0, page_size: 100, first_page_url: null, previous_page_url: null, url: null, next_page_url: null, key: "contents" },
});

/** Twilio's status callback for one of our messages, e.g. `delivered` (PROVIDERS.md §3). */
export function twilioStatusParams(input: {
  accountSid: string;
  sender: string;
  messageSid: string;
  status: string;
  to: string;
  errorCode?: string;
  errorMessage?: string;
}): FormParams {
  return {
    MessageSid: input.messageSid,
    SmsSid: input.messageSid,
    AccountSid: input.accountSid,
    From: input.sender,
    To: input.to,
    MessageStatus: input.status,
    SmsStatus: input.status,
    ApiVersion: "2010-04-01",
    ...(input.errorCode ? { ErrorCode: input.errorCode } : {}),
    ...(input.errorMessage ? { ErrorMessage: input.errorMessage } : {}),
  };
}

// ---- in-process tests -----------------------------------------------------------------------

/** The Messages API at TWILIO_API_BASE: every message created, every media URL an image. */
export function startTwilioStandIn(): Promise<ProviderStandIn> {
  return startProviderStandIn({
    envVariable: "TWILIO_API_BASE",
    success: (request) =>
      isTwilioMediaRequest(request)
        ? { status: 200, bytes: TINY_PNG, contentType: "image/png" }
        : twilioAnswers.created(newTwilioSid(), request),
  });
}

/** The Content API at TWILIO_CONTENT_API_BASE, listing `templates` (the test may change the array). */
export function startTwilioContentStandIn(templates: StandInTemplate[]): Promise<ProviderStandIn> {
  return startProviderStandIn({
    envVariable: "TWILIO_CONTENT_API_BASE",
    success: (request) => (isTemplateListing(request) ? { status: 200, json: templateListing(templates) } : { status: 404, json: notFound }),
  });
}

// ---- the e2e suite's server -----------------------------------------------------------------

/** Where the e2e suite's server sends Twilio calls (the Content API's too); start-server.sh has the same default. */
export const E2E_TWILIO_API_BASE = process.env.TWILIO_API_BASE ?? "http://localhost:3292";

/**
 * The e2e suite's Twilio: the Messages API (`POST /2010-04-01/Accounts/{sid}/Messages.json` →
 * 201, queued), inbound media (`GET …/Messages/{sid}/Media/{sid}` with Basic auth → an image)
 * and the Content API, which start-server.sh points here too, listing `templates`.
 */
export class TwilioStandIn extends SuiteServerStandIn {
  readonly templates: StandInTemplate[] = [];

  constructor(base = E2E_TWILIO_API_BASE) {
    super(base);
  }

  /** The media URL of an inbound message, as Twilio puts it in MediaUrl0. */
  mediaUrl(accountSid: string, media = `ME${randomBytes(16).toString("hex")}`): string {
    return `${this.base}/2010-04-01/Accounts/${accountSid}/Messages/MM${randomBytes(16).toString("hex")}/Media/${media}`;
  }

  mediaRequests(): AnsweredRequest[] {
    return this.requests.filter((request) => request.method === "GET" && /\/Media\/[^/]+$/.test(request.path));
  }

  protected answer(request: ReceivedRequest): SuiteAnswer {
    if (isTemplateListing(request)) return { status: 200, body: templateListing(this.templates) };
    if (request.method === "GET" && /^\/2010-04-01\/Accounts\/AC[0-9a-fA-F]{32}\/Messages\/[^/]+\/Media\/[^/]+$/.test(request.path)) {
      if (!request.headers.authorization?.startsWith("Basic ")) return { status: 401, body: { code: 20003, message: "Authenticate", status: 401 } };
      return { status: 200, body: {}, bytes: { data: TINY_PNG, contentType: "image/png" } };
    }
    if (request.method !== "POST" || !MESSAGES_PATH.test(request.path)) {
      return { status: 404, body: notFound };
    }
    return { status: 201, body: messageCreated(newTwilioSid(), request) };
  }

  /** The Messages API calls whose form says `To` is this WhatsApp address. */
  sentTo(to: string): { form: URLSearchParams; sid: string; request: AnsweredRequest }[] {
    return this.requests
      .map((request) => ({ request, form: new URLSearchParams(request.body), sid: String(request.answer.sid ?? "") }))
      .filter(({ request, form }) => request.method === "POST" && form.get("To") === to);
  }
}
