import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/index";
import { jobs } from "@/db/schema";
import { sendReplyJob } from "@/lib/inbox/send-reply-job";
import type { AnyJob } from "@/lib/jobs/define-job";
import { runDueJobs } from "@/lib/jobs/worker";
import { withBatchedWrites } from "@/db/transaction-batch";
import { testJob } from "@/tests/support/jobs";

/**
 * Issue 9 item 4 / spec §15: one workspace's flood delays no other workspace's work, and a
 * reply goes before notifications, emails and notes. Measured in claims, not in time: "one
 * job's run time" is one position in the order the worker runs jobs.
 */

const FLOOD = 10_000;

/** Queues `count` jobs for one workspace, as a flood of signed webhooks would, in chunks of one multi-row insert. */
async function flood(job: AnyJob, workspaceId: string, count: number) {
  const db = await getDb();
  for (let start = 0; start < count; start += 1_000) {
    await db.transaction((tx) =>
      withBatchedWrites(tx, async () => {
        for (let n = start; n < Math.min(count, start + 1_000); n++) await job.enqueue(tx, { workspaceId, n }, { workspaceId });
      }),
    );
  }
}

/** Every job run, in order, as `queue/workspace`. "reply.send" stands for replies: it has their priority. */
function recordRuns(queues: string[]) {
  const runs: string[] = [];
  const byQueue = new Map(
    queues.map((queue) => [
      queue,
      testJob(
        queue,
        async (payload) => {
          runs.push(`${queue}/${String(payload.workspaceId)}`);
        },
        { priority: queue === sendReplyJob.queue ? sendReplyJob.priority : undefined },
      ),
    ]),
  );
  return { runs, list: [...byQueue.values()], job: (queue: string) => byQueue.get(queue)! };
}

afterEach(async () => {
  await (await getDb()).delete(jobs);
});

describe("claiming jobs", () => {
  it("runs another workspace's reply first and its notification second while one workspace has 10,000 jobs queued", async () => {
    const flooder = randomUUID();
    const other = randomUUID();
    const { runs, list, job } = recordRuns(["test.notify", "reply.send"]);
    await flood(job("test.notify"), flooder, FLOOD);
    const db = await getDb();
    // Queued after the whole flood, so by age alone they would wait for all 10,000.
    await job("test.notify").enqueue(db, { workspaceId: other }, { workspaceId: other });
    await job("reply.send").enqueue(db, { workspaceId: other }, { workspaceId: other });

    // One claim at a time: the positions are exactly the order of claims.
    expect(await runDueJobs(await getDb(), list, { limit: 4, batchSize: 1 })).toBe(4);
    expect(runs).toEqual([`reply.send/${other}`, `test.notify/${flooder}`, `test.notify/${other}`, `test.notify/${flooder}`]);
    // The position of the other workspace's notification: at most one flood job ran before it (after the reply).
    expect(runs.indexOf(`test.notify/${other}`) - 1).toBeLessThanOrEqual(1);
  });

  it("gives a batch claim the other workspace's jobs in the same batch as the flood's oldest", async () => {
    const flooder = randomUUID();
    const other = randomUUID();
    const { runs, list, job } = recordRuns(["test.notify", "reply.send"]);
    await flood(job("test.notify"), flooder, FLOOD);
    const db = await getDb();
    await job("reply.send").enqueue(db, { workspaceId: other }, { workspaceId: other });
    await job("test.notify").enqueue(db, { workspaceId: other }, { workspaceId: other });

    expect(await runDueJobs(await getDb(), list, { limit: 4, batchSize: 4 })).toBe(4);
    // The batch ran side by side; what matters is that both of the other workspace's jobs were in it.
    expect(runs.filter((run) => run.endsWith(other)).sort()).toEqual([`reply.send/${other}`, `test.notify/${other}`]);
    const [reply] = await db.select().from(jobs).where(eq(jobs.queue, "reply.send"));
    expect(reply).toMatchObject({ status: "done", priority: 0, workspaceId: other });
  });

  it("puts replies of every workspace before notifications of any", async () => {
    const first = randomUUID();
    const second = randomUUID();
    const { runs, list, job } = recordRuns(["test.notify", "reply.send"]);
    const db = await getDb();
    for (const workspaceId of [first, second]) await job("test.notify").enqueue(db, { workspaceId }, { workspaceId });
    for (const workspaceId of [first, second]) await job("reply.send").enqueue(db, { workspaceId }, { workspaceId });

    await runDueJobs(await getDb(), list, { limit: 4, batchSize: 1 });
    expect(runs.slice(0, 2).sort()).toEqual([`reply.send/${first}`, `reply.send/${second}`].sort());
    expect(runs.slice(2).sort()).toEqual([`test.notify/${first}`, `test.notify/${second}`].sort());
  });

  it("lets busy workspaces take turns, and jobs of no workspace take theirs", async () => {
    const a = randomUUID();
    const b = randomUUID();
    const { runs, list, job } = recordRuns(["test.notify"]);
    await flood(job("test.notify"), a, 50);
    await flood(job("test.notify"), b, 50);
    await job("test.notify").enqueue(await getDb(), { workspaceId: "none" });

    await runDueJobs(await getDb(), list, { limit: 9, batchSize: 1 });
    const owners = runs.map((run) => run.split("/")[1]);
    // Nine claims: the first three go to the three owners, then a and b alternate.
    expect(owners.filter((o) => o === a)).toHaveLength(4);
    expect(owners.filter((o) => o === b)).toHaveLength(4);
    expect(owners.filter((o) => o === "none")).toHaveLength(1);
    expect(owners.slice(0, 3).sort()).toEqual([a, b, "none"].sort());
    for (let i = 3; i < 9; i += 2) expect([owners[i], owners[i + 1]].sort()).toEqual([a, b].sort());
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});
