import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Local stand-ins for the providers' send APIs (STYLE.md: real HTTP through
 * MESSENGER_API_BASE / TWILIO_API_BASE, not mocks). Each records every request it receives
 * and answers from a queue the test fills, falling back to the provider's success answer.
 */

export type ReceivedRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
};

/** `destroy` cuts the connection after reading the request, so the caller cannot know whether it arrived. */
export type StandInReply =
  | { status: number; json?: unknown; text?: string; bytes?: Buffer; contentType?: string; headers?: Record<string, string> }
  | "destroy";

/** A reply, or a function that decides it (it may await something first, e.g. an echo webhook). */
export type StandInAnswer = StandInReply | ((request: ReceivedRequest) => StandInReply | Promise<StandInReply>);

export type ProviderStandIn = {
  /** What the app's base URL variable is set to while the stand-in runs. */
  baseUrl: string;
  requests: ReceivedRequest[];
  /** Answers for the next requests, in order; afterwards the provider's success answer. */
  answerNext(...answers: StandInAnswer[]): void;
  /** Stops the server and restores the environment variable it replaced. */
  close(): Promise<void>;
};

type Options = {
  envVariable: "MESSENGER_API_BASE" | "TWILIO_API_BASE" | "TWILIO_CONTENT_API_BASE";
  /** Appended to the server's origin in the variable (Graph's pinned version, e.g. `/v21.0`). */
  basePath?: string;
  success: (request: ReceivedRequest) => StandInReply;
};

async function startStandIn(options: Options): Promise<ProviderStandIn> {
  const requests: ReceivedRequest[] = [];
  const queued: StandInAnswer[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://stand-in");
      const received: ReceivedRequest = {
        method: req.method ?? "",
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(received);
      const answer = queued.shift() ?? options.success;
      void Promise.resolve(typeof answer === "function" ? answer(received) : answer).then(
        (reply) => {
          if (reply === "destroy") {
            req.socket.destroy();
            return;
          }
          if (reply.bytes) {
            res.writeHead(reply.status, { "content-type": reply.contentType ?? "application/octet-stream", ...reply.headers });
            res.end(reply.bytes);
            return;
          }
          const isJson = reply.json !== undefined;
          res.writeHead(reply.status, { "content-type": isJson ? "application/json" : "text/html", ...reply.headers });
          res.end(isJson ? JSON.stringify(reply.json) : (reply.text ?? ""));
        },
        (error: unknown) => {
          console.error("[stand-in] an answer function failed", error);
          res.writeHead(599).end();
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}${options.basePath ?? ""}`;
  const previous = process.env[options.envVariable];
  process.env[options.envVariable] = baseUrl;
  return {
    baseUrl,
    requests,
    answerNext: (...answers) => queued.push(...answers),
    close: async () => {
      if (previous === undefined) delete process.env[options.envVariable];
      else process.env[options.envVariable] = previous;
      await new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}

export const newMessengerMid = () => `m_${randomBytes(12).toString("hex")}`;
export const newTwilioSid = () => `SM${randomBytes(16).toString("hex")}`;

// ---- Messenger Send API (PROVIDERS.md §6) ---------------------------------------------------

export const messengerAnswers = {
  sent: (mid = newMessengerMid(), recipientId = "0"): StandInReply => ({
    status: 200,
    json: { recipient_id: recipientId, message_id: mid },
  }),
  outsideWindow: (): StandInReply => ({
    status: 400,
    json: {
      error: {
        message: "(#10) This message is sent outside of allowed window. Learn more about the new policy here: https://developers.facebook.com/docs/messenger-platform/policy-overview",
        type: "OAuthException",
        code: 10,
        error_subcode: 2018278,
        fbtrace_id: "AbCdEfGhIjK",
      },
    },
  }),
  unavailable: (): StandInReply => ({ status: 503, text: "<html><body>Service Unavailable</body></html>" }),
  throttled: (): StandInReply => ({
    status: 429,
    json: { error: { message: "(#613) Calls to this api have exceeded the rate limit.", type: "OAuthException", code: 613 } },
  }),
};

/** Graph under `/v21.0`, as MESSENGER_API_BASE carries the pinned version. */
export function startMessengerStandIn(): Promise<ProviderStandIn> {
  return startStandIn({
    envVariable: "MESSENGER_API_BASE",
    basePath: "/v21.0",
    success: (request) => {
      const recipient = (JSON.parse(request.body || "{}") as { recipient?: { id?: string } }).recipient?.id;
      return messengerAnswers.sent(newMessengerMid(), recipient);
    },
  });
}

// ---- Twilio Messages API (PROVIDERS.md §4) --------------------------------------------------

export const twilioAnswers = {
  created: (sid = newTwilioSid(), request?: ReceivedRequest): StandInReply => {
    const form = new URLSearchParams(request?.body ?? "");
    return {
      status: 201,
      json: {
        sid,
        status: "queued",
        direction: "outbound-api",
        body: form.get("Body"),
        from: form.get("From"),
        to: form.get("To"),
        error_code: null,
        error_message: null,
        api_version: "2010-04-01",
      },
    };
  },
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

/** A 1×1 PNG, as Twilio serves an inbound image's media. */
export const TINY_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

/** `GET …/Messages/{sid}/Media/{sid}`: Twilio's media URL, here without redirecting to a CDN. */
export const isTwilioMediaRequest = (request: ReceivedRequest) => request.method === "GET" && /\/Messages\/[^/]+\/Media\/[^/]+$/.test(request.path);

export function startTwilioStandIn(): Promise<ProviderStandIn> {
  return startStandIn({
    envVariable: "TWILIO_API_BASE",
    success: (request) =>
      isTwilioMediaRequest(request)
        ? { status: 200, bytes: TINY_PNG, contentType: "image/png" }
        : twilioAnswers.created(newTwilioSid(), request),
  });
}

// ---- Twilio Content API (content.twilio.com, SPEC §14) --------------------------------------

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

/** The Content API at TWILIO_CONTENT_API_BASE, listing `templates` (the test may change the array). */
export function startTwilioContentStandIn(templates: StandInTemplate[]): Promise<ProviderStandIn> {
  return startStandIn({
    envVariable: "TWILIO_CONTENT_API_BASE",
    success: (request) =>
      request.method === "GET" && request.path === "/v1/ContentAndApprovals"
        ? {
            status: 200,
            json: {
              contents: templates.map(contentAndApproval),
              meta: { page: 0, page_size: 100, first_page_url: null, previous_page_url: null, url: null, next_page_url: null, key: "contents" },
            },
          }
        : { status: 404, json: { code: 20404, message: "The requested resource was not found", status: 404 } },
  });
}

/** An origin whose port was just freed: connecting to it is refused before anything is sent. */
export async function refusedBaseUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
