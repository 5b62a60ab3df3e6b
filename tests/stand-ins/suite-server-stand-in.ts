import { startHttpStandIn, type HttpStandIn, type ReceivedRequest } from "./http-stand-in";

/**
 * A provider API for the e2e suite's server, which start-server.sh points at a fixed base URL
 * before any spec runs: a spec starts the stand-in on that URL's port and stops it after. It
 * answers by routing like the provider does, and keeps each request with its answer, because
 * other specs' background jobs may call it too and a test finds its own requests by content.
 */
export type AnsweredRequest = ReceivedRequest & {
  /** What the stand-in answered with, e.g. the Send API's message id or Twilio's sid. */
  answer: Record<string, unknown>;
};

/** `bytes`: a raw body (media) instead of JSON. */
export type SuiteAnswer = { status: number; body: Record<string, unknown>; bytes?: { data: Buffer; contentType: string } };

export abstract class SuiteServerStandIn {
  readonly requests: AnsweredRequest[] = [];
  private server: HttpStandIn | null = null;
  private readonly prefix: string;

  constructor(protected readonly base: string) {
    this.prefix = new URL(base).pathname.replace(/\/+$/, "");
  }

  /** `request.path` is below the base URL, e.g. `/100200300/messages`. */
  protected abstract answer(request: ReceivedRequest): SuiteAnswer;

  async start(): Promise<void> {
    const url = new URL(this.base);
    // `localhost` on every interface: the server may resolve it to ::1 or 127.0.0.1.
    const host = url.hostname === "localhost" ? undefined : url.hostname;
    this.server = await startHttpStandIn({ listen: { port: Number(url.port), host }, answer: (received) => this.reply(received) });
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    await server?.close();
  }

  private reply(received: ReceivedRequest) {
    const path = received.path.startsWith(this.prefix) ? received.path.slice(this.prefix.length) : received.path;
    const request = { ...received, path };
    const { status, body, bytes } = this.answer(request);
    this.requests.push({ ...request, answer: body });
    return bytes ? { status, bytes: bytes.data, contentType: bytes.contentType } : { status, json: body };
  }
}
