import http from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
};

/** `hang` never answers (timeouts); `destroy` cuts the connection after reading the request. */
export type StubReply = { status: number; json?: unknown; text?: string } | "hang" | "destroy";

export type StubProvider = { baseUrl: string; requests: ReceivedRequest[]; close(): Promise<void> };

/** A local stand-in for a provider API on a random port, recording what it receives. */
export async function startStubProvider(reply: (request: ReceivedRequest) => StubReply): Promise<StubProvider> {
  const requests: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://stub");
      const received: ReceivedRequest = {
        method: req.method ?? "",
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(received);
      const answer = reply(received);
      if (answer === "hang") return;
      if (answer === "destroy") {
        req.socket.destroy();
        return;
      }
      const payload = answer.json !== undefined ? JSON.stringify(answer.json) : (answer.text ?? "");
      res.writeHead(answer.status, { "content-type": answer.json !== undefined ? "application/json" : "text/html" });
      res.end(payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A URL on a port that was just freed, so connecting to it is refused. */
export async function refusedBaseUrl(): Promise<string> {
  const stub = await startStubProvider(() => ({ status: 200 }));
  await stub.close();
  return stub.baseUrl;
}
