import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";

/**
 * The one local HTTP server every provider stand-in is built on (STYLE.md: real HTTP, not
 * mocks). It records every request, answers from a queue the test fills and then from the
 * stand-in's own `answer`, and closes its open connections on close() so a test never waits
 * for a keep-alive socket.
 */

export type ReceivedRequest = {
  method: string;
  /** The whole path, base path included. */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
};

/**
 * `text` goes out as text/html (what a provider's proxy answers when it fails) unless
 * `contentType` says otherwise. `hang` never answers (timeouts); `destroy` cuts the connection
 * after reading the request, so the caller cannot know whether it arrived.
 */
export type StandInReply =
  | { status: number; json?: unknown; text?: string; bytes?: Buffer; contentType?: string; headers?: Record<string, string> }
  | "hang"
  | "destroy";

/**
 * A reply, or a function that decides it (it may await something first, e.g. an echo webhook);
 * `rawBody` is the body's bytes, for bodies that are not text (an encrypted push).
 */
export type StandInAnswer = StandInReply | ((request: ReceivedRequest, rawBody: Buffer) => StandInReply | Promise<StandInReply>);

export type HttpStandIn = {
  /** `http(s)://host:port`, no trailing slash. */
  origin: string;
  requests: ReceivedRequest[];
  /** Answers for the next requests, in order; afterwards the stand-in's own answer. */
  answerNext(...answers: StandInAnswer[]): void;
  close(): Promise<void>;
};

export type HttpStandInOptions = {
  answer: StandInAnswer;
  /** A random free port on 127.0.0.1 unless given; `host` undefined listens on every interface. */
  listen?: { port: number; host?: string };
  /** Serve https with this key and certificate (web-push only speaks https). */
  tls?: { key: string; cert: string };
};

function write(res: http.ServerResponse, reply: Exclude<StandInReply, "hang" | "destroy">) {
  if (reply.bytes) {
    res.writeHead(reply.status, { "content-type": reply.contentType ?? "application/octet-stream", ...reply.headers });
    res.end(reply.bytes);
    return;
  }
  const isJson = reply.json !== undefined;
  res.writeHead(reply.status, { "content-type": reply.contentType ?? (isJson ? "application/json" : "text/html"), ...reply.headers });
  res.end(isJson ? JSON.stringify(reply.json) : (reply.text ?? ""));
}

export async function startHttpStandIn(options: HttpStandInOptions): Promise<HttpStandIn> {
  const requests: ReceivedRequest[] = [];
  const queued: StandInAnswer[] = [];
  const handle: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://stand-in");
      const rawBody = Buffer.concat(chunks);
      const received: ReceivedRequest = {
        method: req.method ?? "",
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: rawBody.toString("utf8"),
      };
      requests.push(received);
      const answer = queued.shift() ?? options.answer;
      void Promise.resolve(typeof answer === "function" ? answer(received, rawBody) : answer).then(
        (reply) => {
          if (reply === "hang") return;
          if (reply === "destroy") req.socket.destroy();
          else write(res, reply);
        },
        (error: unknown) => {
          console.error("[stand-in] an answer function failed", error);
          res.writeHead(599).end();
        },
      );
    });
  };
  const server = options.tls ? https.createServer(options.tls, handle) : http.createServer(handle);
  const listen = options.listen ?? { port: 0, host: "127.0.0.1" };
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(listen.port, listen.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `${options.tls ? "https" : "http"}://${listen.host ?? "127.0.0.1"}:${port}`,
    requests,
    answerNext: (...answers) => queued.push(...answers),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** An origin whose port was just freed: connecting to it is refused before anything is sent. */
export async function refusedBaseUrl(): Promise<string> {
  const standIn = await startHttpStandIn({ answer: { status: 200 } });
  await standIn.close();
  return standIn.origin;
}

/** Sets environment variables for as long as a stand-in runs; the function it returns puts the old values back. */
export function overrideEnv(variables: Record<string, string>): () => void {
  const previous = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
  Object.assign(process.env, variables);
  return () => {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}
