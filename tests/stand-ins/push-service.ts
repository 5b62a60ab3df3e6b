import { execFileSync } from "node:child_process";
import { createECDH, randomBytes, type ECDH } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import https from "node:https";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { overrideEnv, startHttpStandIn, type ReceivedRequest, type StandInReply } from "./http-stand-in";

/**
 * A local push service (RFC 8030) for integration tests, over https with a self-signed
 * certificate because web-push only speaks https (STACK-NOTES.md "Web Push in tests"). Each
 * browser it hands out holds a real P-256 key pair and auth secret, and every push it
 * receives is decrypted with http_ece, so a test sees exactly what the service worker would.
 */

type Ece = {
  decrypt(buffer: Buffer, params: { version: "aes128gcm"; privateKey: ECDH; authSecret: string }): Buffer;
};
const ece = createRequire(import.meta.url)("http_ece") as Ece;

/** What the service worker gets (lib/notifications/send-push.ts PushPayload), parsed. */
export type PushMessage = { title: string; body: string; url: string; tag: string };

export type ReceivedPush = {
  /** The browser's name as the test gave it. */
  browser: string;
  /** Which of the stand-in's browsers (names may repeat across tests). */
  browserId: string;
  headers: Record<string, string | string[] | undefined>;
  /** The decrypted payload; null when it could not be decrypted (a test failure in itself). */
  payload: PushMessage | null;
  /** The status the stand-in answered; null when it hung or cut the connection. */
  status: number | null;
  /** performance.now() when the push had been read and decrypted (benchmarks time it). */
  receivedAt: number;
};

/** `hang` never answers; `destroy` reads the request and cuts the connection. */
export type PushAnswer = { status: number; body?: string } | "hang" | "destroy";

export type StandInBrowser = {
  id: string;
  name: string;
  endpoint: string;
  /** As PushSubscription.toJSON() gives them, base64url. */
  keys: { p256dh: string; auth: string };
  /** Pushes this browser accepted (answered 2xx) and could decrypt. */
  delivered(): PushMessage[];
  /** Every request that reached this browser's endpoint, whatever was answered. */
  requests(): ReceivedPush[];
  /** Answers for this browser's next requests, in order; afterwards 201 Created. */
  answerNext(...answers: PushAnswer[]): void;
};

export type PushServiceStandIn = {
  origin: string;
  /** Trusts the stand-in's certificate; hand it to setPushAgent(). */
  agent: https.Agent;
  /** The self-signed certificate (PEM), for processes that trust it through NODE_EXTRA_CA_CERTS. */
  certificate: string;
  newBrowser(name: string): StandInBrowser;
  /** Every request, to any endpoint, in arrival order. */
  received: ReceivedPush[];
  close(): Promise<void>;
};

function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "push-stand-in-"));
  try {
    const keyFile = path.join(dir, "key.pem");
    const certFile = path.join(dir, "cert.pem");
    execFileSync(
      "openssl",
      [
        "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", keyFile, "-out", certFile, "-days", "1", "-subj", "/CN=127.0.0.1",
        "-addext", "subjectAltName=IP:127.0.0.1",
      ],
      { stdio: "ignore" },
    );
    return { key: readFileSync(keyFile, "utf8"), cert: readFileSync(certFile, "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function startPushServiceStandIn(): Promise<PushServiceStandIn> {
  const { key, cert } = selfSignedCertificate();
  const received: ReceivedPush[] = [];
  const browsers = new Map<string, { name: string; ecdh: ECDH; auth: Buffer; answers: PushAnswer[] }>();

  const answer = (request: ReceivedRequest, rawBody: Buffer): StandInReply => {
    const id = /^\/push\/([0-9a-f]+)$/.exec(request.path)?.[1];
    const browser = id ? browsers.get(id) : undefined;
    if (!browser || request.method !== "POST") return { status: 404 };
    let payload: PushMessage | null = null;
    try {
      const clear = ece.decrypt(rawBody, {
        version: "aes128gcm",
        privateKey: browser.ecdh,
        authSecret: browser.auth.toString("base64url"),
      });
      payload = JSON.parse(clear.toString("utf8")) as PushMessage;
    } catch (error) {
      console.error(`[push stand-in] could not decrypt a push to ${browser.name}`, error);
    }
    const next = browser.answers.shift() ?? { status: 201 };
    const push: ReceivedPush = { browser: browser.name, browserId: id!, headers: request.headers, payload, status: null, receivedAt: performance.now() };
    received.push(push);
    if (next === "hang" || next === "destroy") return next;
    push.status = next.status;
    return { status: next.status, text: next.body ?? "", contentType: "text/plain" };
  };
  const server = await startHttpStandIn({ tls: { key, cert }, answer });
  const origin = server.origin;
  const agent = new https.Agent({ ca: cert, keepAlive: false });
  // The server pushes only to known push services (lib/notifications/push-endpoints.ts); this
  // stand-in is one for as long as it runs.
  const hostsBefore = process.env.PUSH_SERVICE_HOSTS;
  const listed = new URL(origin).host;
  const restoreEnv = overrideEnv({ PUSH_SERVICE_HOSTS: hostsBefore ? `${hostsBefore},${listed}` : listed });

  return {
    origin,
    agent,
    certificate: cert,
    received,
    newBrowser(name) {
      const ecdh = createECDH("prime256v1");
      ecdh.generateKeys();
      const auth = randomBytes(16);
      const id = randomBytes(12).toString("hex");
      const state = { name, ecdh, auth, answers: [] as PushAnswer[] };
      browsers.set(id, state);
      const requests = () => received.filter((push) => push.browserId === id);
      return {
        id,
        name,
        endpoint: `${origin}/push/${id}`,
        keys: { p256dh: ecdh.getPublicKey().toString("base64url"), auth: auth.toString("base64url") },
        requests,
        delivered: () =>
          requests()
            .filter((push) => push.status !== null && push.status >= 200 && push.status < 300 && push.payload)
            .map((push) => push.payload!),
        answerNext: (...answers) => state.answers.push(...answers),
      };
    },
    async close() {
      restoreEnv();
      agent.destroy();
      await server.close();
    },
  };
}
