import { randomUUID } from "node:crypto";
import type http from "node:http";
import { overrideEnv, startHttpStandIn, type ReceivedRequest, type StandInReply } from "./http-stand-in";

/**
 * A local Resend API (PROVIDERS.md §8): `POST /emails` answers 200 {"id": …} and records what
 * was sent. While it runs, RESEND_API_KEY and RESEND_BASE_URL point the SDK at it (the SDK
 * reads RESEND_BASE_URL when `new Resend()` runs); an e2e spec hands both to the server it
 * starts. close() stops it and restores both variables.
 */

export type SentEmail = {
  id: string;
  headers: http.IncomingHttpHeaders;
  from: string;
  to: string | string[];
  subject: string;
  html: string;
  text: string;
};

export type ResendStandIn = {
  baseUrl: string;
  apiKey: string;
  emails: SentEmail[];
  /** Answers for the next accepted requests (right path and key), in order; afterwards 200 with a new id. */
  answerNext(...answers: { status: number; json: unknown }[]): void;
  close(): Promise<void>;
};

export async function startResendStandIn(): Promise<ResendStandIn> {
  const emails: SentEmail[] = [];
  const answers: { status: number; json: unknown }[] = [];
  const apiKey = `re_test_${randomUUID().replaceAll("-", "")}`;

  const answer = (request: ReceivedRequest): StandInReply => {
    if (request.method !== "POST" || request.path !== "/emails") {
      return { status: 404, json: { statusCode: 404, name: "not_found", message: "The requested endpoint does not exist." } };
    }
    if (request.headers.authorization !== `Bearer ${apiKey}`) {
      return { status: 401, json: { statusCode: 401, name: "invalid_api_key", message: "API key is invalid" } };
    }
    const queued = answers.shift();
    if (queued) return queued;
    const body = JSON.parse(request.body) as Omit<SentEmail, "id" | "headers">;
    const id = randomUUID();
    emails.push({ id, headers: request.headers, ...body });
    return { status: 200, json: { id } };
  };
  const server = await startHttpStandIn({ answer });
  const restoreEnv = overrideEnv({ RESEND_API_KEY: apiKey, RESEND_BASE_URL: server.origin });

  return {
    baseUrl: server.origin,
    apiKey,
    emails,
    answerNext: (...next) => answers.push(...next),
    async close() {
      restoreEnv();
      await server.close();
    },
  };
}
