import { randomBytes } from "node:crypto";
import { startHttpStandIn, type HttpStandIn, type ReceivedRequest, type StandInReply } from "./http-stand-in";
import { startProviderStandIn, type ProviderStandIn } from "./provider-stand-in";
import { SuiteServerStandIn, type AnsweredRequest, type SuiteAnswer } from "./suite-server-stand-in";

/** Meta's Graph API: the Messenger Send API and the user profile (PROVIDERS.md §6). */

export const newMessengerMid = () => `m_${randomBytes(12).toString("hex")}`;

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

const recipientOf = (request: ReceivedRequest) => (JSON.parse(request.body || "{}") as { recipient?: { id?: string } }).recipient?.id;

/**
 * In-process tests: Graph under `/v21.0`, as MESSENGER_API_BASE carries the pinned version.
 * Every request is a sent message unless the test queues another answer.
 */
export function startMessengerStandIn(): Promise<ProviderStandIn> {
  return startProviderStandIn({
    envVariable: "MESSENGER_API_BASE",
    basePath: "/v21.0",
    success: (request) => messengerAnswers.sent(newMessengerMid(), recipientOf(request)),
  });
}

/**
 * The benches' Graph API on `port`: every call answers as a profile lookup, so new
 * conversations' profile jobs succeed and the figures measure the app, not retries.
 */
export function startProfileStandIn(port: number): Promise<HttpStandIn> {
  return startHttpStandIn({ listen: { port, host: "127.0.0.1" }, answer: { status: 200, json: { first_name: "Bench", last_name: "Contact" } } });
}

/** Where the e2e suite's server sends Graph calls; start-server.sh has the same default. */
export const E2E_MESSENGER_API_BASE = process.env.MESSENGER_API_BASE ?? "http://localhost:3291";

/**
 * The e2e suite's Graph API: the Send API (`POST /{page-id}/messages` → recipient_id,
 * message_id) and the user profile (`GET /{psid}?fields=…` → first_name, last_name), with the
 * names from `profiles`.
 */
export class MessengerStandIn extends SuiteServerStandIn {
  readonly profiles = new Map<string, { first_name: string; last_name: string }>();

  constructor(base = E2E_MESSENGER_API_BASE) {
    super(base);
  }

  protected answer(request: ReceivedRequest): SuiteAnswer {
    const segments = request.path.split("/").filter(Boolean);
    if (request.method === "POST" && segments.length === 2 && segments[1] === "messages") {
      return { status: 200, body: { recipient_id: recipientOf(request) ?? "", message_id: newMessengerMid() } };
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

  sentTo(psid: string): AnsweredRequest[] {
    return this.requests.filter((request) => request.method === "POST" && request.body.includes(`"id":"${psid}"`));
  }
}
