import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/index";
import { jobs } from "@/db/schema";
import { captureLogs, log } from "@/lib/observability/log";
import { logRequestError } from "@/lib/observability/request-error";
import { createApp, createUser, createWorkspace } from "@/tests/factories";
import { deliver, inboundEvent, messengerRequest, newPsid } from "@/tests/support/webhooks";
import { fetchMessengerProfileJob } from "@/lib/inbox/fetch-messenger-profile-job";
import { notifyMessageJob } from "@/lib/notifications/notify-message-job";
import { drainJobs, testJob } from "@/tests/support/jobs";

/** SPEC §15: a request's id reaches the jobs it queued, their follow-up jobs, and every log line of them. */

const PARENT = "test.request-id.parent";
const CHILD = "test.request-id.child";
const parentJob = testJob(PARENT, async (payload) => {
  log.info("parent ran");
  await childJob.enqueue(await getDb(), { from: payload.marker });
});
const childJob = testJob(CHILD, async () => {
  log.info("child ran");
});

describe("request ids", () => {
  it("a webhook's X-Request-Id is stamped on the jobs it queued and on their log lines", async () => {
    const workspace = await createWorkspace();
    const alice = await createUser({ workspace, role: "admin" });
    const app = await createApp({ installer: alice, provider: "messenger" });
    const signed = messengerRequest(app, [inboundEvent(app, newPsid(), "A secret plan for Tuesday")]);

    const { result: response, lines: requestLines } = await captureLogs(() =>
      deliver("messenger", app.id, { ...signed, headers: { ...signed.headers, "x-request-id": "req-abc-12345" } }),
    );
    expect(response.status).toBe(200);
    expect(requestLines).toContainEqual(
      expect.objectContaining({ level: "info", msg: "request", route: "webhooks.messenger", status: 200, requestId: "req-abc-12345" }),
    );

    const db = await getDb();
    const queued = await db.select().from(jobs).where(eq(jobs.requestId, "req-abc-12345"));
    expect(queued.map((job) => job.queue).sort()).toEqual([fetchMessengerProfileJob.queue, notifyMessageJob.queue].sort());

    const { lines } = await captureLogs(() => drainJobs({ queues: [notifyMessageJob.queue], retryBaseMs: 0 }));
    const jobLines = lines.filter((line) => line.msg === "job done" || line.msg === "job failed");
    expect(jobLines.length).toBeGreaterThan(0);
    for (const line of jobLines) expect(line).toMatchObject({ requestId: "req-abc-12345", queue: notifyMessageJob.queue });
    // Nothing logged carries the message's text.
    expect(JSON.stringify([...requestLines, ...lines])).not.toContain("secret plan");
  });

  it("a header that is not a plain short id is replaced by a generated one", async () => {
    const workspace = await createWorkspace();
    const alice = await createUser({ workspace, role: "admin" });
    const app = await createApp({ installer: alice, provider: "messenger" });
    const signed = messengerRequest(app, [inboundEvent(app, newPsid())]);
    const hostile = `x"} {"level":"fatal ${"a".repeat(300)}`;
    const { lines } = await captureLogs(() => deliver("messenger", app.id, { ...signed, headers: { ...signed.headers, "x-request-id": hostile } }));
    const line = lines.find((entry) => entry.msg === "request");
    expect(line?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("a job queued by a job keeps the request id; the job id is on each line", async () => {
    const { lines } = await captureLogs(async () => {
      const { runWithLogContext } = await import("@/lib/observability/context");
      await runWithLogContext({ requestId: "req-parent-0001" }, async () => parentJob.enqueue(await getDb(), { marker: 1 }));
      await drainJobs({ jobs: [parentJob, childJob], retryBaseMs: 0 });
    });
    const db = await getDb();
    const [child] = await db.select().from(jobs).where(eq(jobs.queue, CHILD));
    expect(child?.requestId).toBe("req-parent-0001");
    const parentLine = lines.find((line) => line.msg === "parent ran");
    const childLine = lines.find((line) => line.msg === "child ran");
    expect(parentLine).toMatchObject({ requestId: "req-parent-0001", queue: PARENT });
    expect(childLine).toMatchObject({ requestId: "req-parent-0001", queue: CHILD, jobId: child!.id });
  });

  it("redacts secret-looking fields even when a caller passes them", async () => {
    const { lines } = await captureLogs(async () => {
      log.info({ password: "hunter2", app: { appSecret: "s3cret", authToken: "tok" }, text: "Hello", headers: { cookie: "c" } }, "careless");
    });
    const text = JSON.stringify(lines);
    for (const secret of ["hunter2", "s3cret", '"tok"', "Hello", '"c"']) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ level: "info", msg: "careless", password: "[redacted]" });
  });

  it("logs a page's or action's error with its request id and without the query string", async () => {
    const { lines } = await captureLogs(async () =>
      logRequestError(
        new Error("boom"),
        { path: "/login?token=secret-magic-token", method: "GET", headers: { "x-request-id": "req-error-0001", cookie: "session=abc" } },
        { routerKind: "App Router", routePath: "/login", routeType: "render", renderSource: "server-rendering", revalidateReason: undefined },
      ),
    );
    expect(lines).toEqual([
      expect.objectContaining({ level: "error", msg: "request failed", requestId: "req-error-0001", path: "/login", route: "/login", routeType: "render" }),
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/secret-magic-token|session=abc/);
  });
});
