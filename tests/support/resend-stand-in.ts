import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local Resend API (PROVIDERS.md §8) for integration tests: `POST /emails` answers
 * 200 {"id": …} and records what was sent. While it runs, RESEND_API_KEY and RESEND_BASE_URL
 * point the SDK at it (the SDK reads RESEND_BASE_URL when `new Resend()` runs); close()
 * stops it and restores both variables.
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
  /** Answers for the next requests, in order; afterwards 200 with a new id. */
  answerNext(...answers: { status: number; json: unknown }[]): void;
  close(): Promise<void>;
};

export async function startResendStandIn(): Promise<ResendStandIn> {
  const emails: SentEmail[] = [];
  const answers: { status: number; json: unknown }[] = [];
  const apiKey = `re_test_${randomUUID().replaceAll("-", "")}`;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const reply = (status: number, json: unknown) => {
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(json));
      };
      if (req.method !== "POST" || req.url !== "/emails") {
        reply(404, { statusCode: 404, name: "not_found", message: "The requested endpoint does not exist." });
        return;
      }
      if (req.headers.authorization !== `Bearer ${apiKey}`) {
        reply(401, { statusCode: 401, name: "invalid_api_key", message: "API key is invalid" });
        return;
      }
      const queued = answers.shift();
      if (queued) {
        reply(queued.status, queued.json);
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Omit<SentEmail, "id" | "headers">;
      const id = randomUUID();
      emails.push({ id, headers: req.headers, ...body });
      reply(200, { id });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const previous = { key: process.env.RESEND_API_KEY, baseUrl: process.env.RESEND_BASE_URL };
  process.env.RESEND_API_KEY = apiKey;
  process.env.RESEND_BASE_URL = baseUrl;

  const restore = (name: string, value: string | undefined) => {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  };

  return {
    baseUrl,
    apiKey,
    emails,
    answerNext: (...next) => answers.push(...next),
    async close() {
      restore("RESEND_API_KEY", previous.key);
      restore("RESEND_BASE_URL", previous.baseUrl);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
