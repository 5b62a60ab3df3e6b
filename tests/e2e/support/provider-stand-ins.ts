import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

/**
 * Local stand-ins for the providers' APIs that the e2e server calls (SPEC §8): start-server.sh
 * points MESSENGER_API_BASE and TWILIO_API_BASE at these ports. They answer as Meta and Twilio
 * do (PROVIDERS.md §4, §6) and keep every request so a test can check what the provider got.
 * Other specs' background jobs may call them too: look requests up by what your test sent.
 */
export type ReceivedRequest = {
  method: string;
  /** The path below the configured base URL, e.g. `/100200300/messages`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: string;
  /** What the stand-in answered with, e.g. the Send API's message id or Twilio's sid. */
  answer: Record<string, unknown>;
};

export const MESSENGER_API_BASE = process.env.MESSENGER_API_BASE ?? "http://localhost:3291";
export const TWILIO_API_BASE = process.env.TWILIO_API_BASE ?? "http://localhost:3292";

/** `bytes`: a raw body (media) instead of JSON. */
type Answer = { status: number; body: Record<string, unknown>; bytes?: { data: Buffer; contentType: string } };

type Request = Omit<ReceivedRequest, "answer">;

abstract class StandIn {
  readonly requests: ReceivedRequest[] = [];
  private server: Server | null = null;
  private readonly prefix: string;

  constructor(private readonly base: string) {
    this.prefix = new URL(base).pathname.replace(/\/+$/, "");
  }

  protected abstract answer(request: Request): Answer;

  async start(): Promise<void> {
    const url = new URL(this.base);
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(Number(url.port), url.hostname === "localhost" ? undefined : url.hostname, resolve);
    });
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", "http://stand-in");
    const path = url.pathname.startsWith(this.prefix) ? url.pathname.slice(this.prefix.length) : url.pathname;
    const request = {
      method: req.method ?? "GET",
      path,
      query: url.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks).toString("utf8"),
    };
    const { status, body, bytes } = this.answer(request);
    this.requests.push({ ...request, answer: body });
    res.writeHead(status, { "content-type": bytes?.contentType ?? "application/json" });
    res.end(bytes ? bytes.data : JSON.stringify(body));
  }
}

/**
 * Meta's Graph API: the Send API (`POST /{page-id}/messages` → recipient_id, message_id) and the
 * user profile (`GET /{psid}?fields=…` → first_name, last_name). Names come from `profiles`.
 */
export class MessengerStandIn extends StandIn {
  readonly profiles = new Map<string, { first_name: string; last_name: string }>();

  constructor(base = MESSENGER_API_BASE) {
    super(base);
  }

  protected answer(request: Request): Answer {
    const segments = request.path.split("/").filter(Boolean);
    if (request.method === "POST" && segments.length === 2 && segments[1] === "messages") {
      const payload = JSON.parse(request.body || "{}") as { recipient?: { id?: string } };
      return { status: 200, body: { recipient_id: payload.recipient?.id ?? "", message_id: `m_${randomBytes(16).toString("hex")}` } };
    }
    if (request.method === "GET" && segments.length === 1) {
      const profile = this.profiles.get(segments[0]!);
      if (profile) return { status: 200, body: { ...profile, id: segments[0] } };
      return {
        status: 400,
        body: { error: { message: "Unsupported get request.", type: "GraphMethodException", code: 100, error_subcode: 33 } },
      };
    }
    return { status: 404, body: { error: { message: "Unknown path components", type: "OAuthException", code: 2500 } } };
  }

  sentTo(psid: string): ReceivedRequest[] {
    return this.requests.filter((request) => request.method === "POST" && request.body.includes(`"id":"${psid}"`));
  }
}

/** A 1×1 PNG, served for every media URL, so the browser shows something real. */
export const TINY_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

/**
 * Twilio's Messages API: `POST /2010-04-01/Accounts/{sid}/Messages.json` → 201 with a new `SM…`
 * sid, queued; and inbound media, `GET …/Messages/{sid}/Media/{sid}` with Basic auth → an image.
 */
export class TwilioStandIn extends StandIn {
  constructor(base = TWILIO_API_BASE) {
    super(base);
  }

  /** The media URL of an inbound message, as Twilio puts it in MediaUrl0. */
  mediaUrl(accountSid: string, media = `ME${randomBytes(16).toString("hex")}`): string {
    return `${TWILIO_API_BASE}/2010-04-01/Accounts/${accountSid}/Messages/MM${randomBytes(16).toString("hex")}/Media/${media}`;
  }

  mediaRequests(): ReceivedRequest[] {
    return this.requests.filter((request) => request.method === "GET" && /\/Media\/[^/]+$/.test(request.path));
  }

  /**
   * Twilio's Content API (TWILIO_CONTENT_API_BASE points at this stand-in too): the account's
   * templates with WhatsApp's approval, `GET /v1/ContentAndApprovals`.
   */
  readonly templates: { sid: string; name: string; body: string; variables?: Record<string, string>; status?: string }[] = [];

  protected answer(request: Request): Answer {
    if (request.method === "GET" && request.path === "/v1/ContentAndApprovals") {
      const contents = this.templates.map((template) => ({
        sid: template.sid,
        friendly_name: template.name,
        language: "en",
        variables: template.variables ?? {},
        types: { "twilio/text": { body: template.body } },
        approval_requests: { type: "whatsapp", category: "UTILITY", content_type: "twilio/text", status: template.status ?? "approved" },
      }));
      return { status: 200, body: { contents, meta: { page: 0, page_size: 100, next_page_url: null, key: "contents" } } };
    }
    if (request.method === "GET" && /^\/2010-04-01\/Accounts\/AC[0-9a-fA-F]{32}\/Messages\/[^/]+\/Media\/[^/]+$/.test(request.path)) {
      if (!request.headers.authorization?.startsWith("Basic ")) return { status: 401, body: { code: 20003, message: "Authenticate", status: 401 } };
      return { status: 200, body: {}, bytes: { data: TINY_PNG, contentType: "image/png" } };
    }
    const match = /^\/2010-04-01\/Accounts\/(AC[0-9a-fA-F]{32})\/Messages\.json$/.exec(request.path);
    if (request.method !== "POST" || !match) {
      return { status: 404, body: { code: 20404, message: "The requested resource was not found", status: 404 } };
    }
    const form = new URLSearchParams(request.body);
    return {
      status: 201,
      body: {
        sid: `SM${randomBytes(16).toString("hex")}`,
        account_sid: match[1],
        to: form.get("To"),
        from: form.get("From"),
        body: form.get("Body"),
        status: "queued",
        direction: "outbound-api",
        api_version: "2010-04-01",
      },
    };
  }

  /** The Messages API calls whose form says `To` is this WhatsApp address. */
  sentTo(to: string): { form: URLSearchParams; sid: string; request: ReceivedRequest }[] {
    return this.requests
      .map((request) => ({ request, form: new URLSearchParams(request.body), sid: String(request.answer.sid ?? "") }))
      .filter(({ request, form }) => request.method === "POST" && form.get("To") === to);
  }
}
