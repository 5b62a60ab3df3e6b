import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/index";
import { messagingApps } from "@/db/schema";
import { describeNoAccess, hasAnyAppAccess } from "@/lib/inbox/no-access";
import { createApp, createUser, createWorkspace, subjectOf } from "@/tests/factories";

describe("the inbox's no-access state (issue 16 item 10)", () => {
  it("names the workspace's active admins, alphabetically, when it has apps the user cannot reach", async () => {
    const acme = await createWorkspace({ name: "Acme" });
    const zoe = await createUser({ workspace: acme, role: "admin", name: "Zoe Admin" });
    await createUser({ workspace: acme, role: "admin", name: "Alice Admin" });
    await createUser({ workspace: acme, role: "admin", name: "Gone Admin", isActive: false });
    await createUser({ workspace: acme, role: "member", name: "Bob Member" });
    const carol = await createUser({ workspace: acme, name: "Carol" });
    await createApp({ installer: zoe, members: [], accessMode: "chosen" });
    const other = await createWorkspace({ name: "Other" });
    await createUser({ workspace: other, role: "admin", name: "Dave Elsewhere" });

    const db = await getDb();
    expect(await describeNoAccess(db, acme.id)).toEqual({ workspaceHasApps: true, adminNames: ["Alice Admin", "Zoe Admin"] });
    expect(await hasAnyAppAccess(db, subjectOf(carol))).toBe(false);
    expect(await hasAnyAppAccess(db, subjectOf(zoe))).toBe(true);
  });

  it("says the workspace has no apps when none is installed, uninstalled ones included", async () => {
    const acme = await createWorkspace({ name: "Acme" });
    const alice = await createUser({ workspace: acme, role: "admin", name: "Alice Admin" });
    const app = await createApp({ installer: alice });
    const db = await getDb();
    expect(await hasAnyAppAccess(db, subjectOf(alice))).toBe(true);

    await db.update(messagingApps).set({ uninstalledAt: new Date() }).where(eq(messagingApps.id, app.id));
    expect(await describeNoAccess(db, acme.id)).toEqual({ workspaceHasApps: false });
    expect(await hasAnyAppAccess(db, subjectOf(alice))).toBe(false);
  });
});
