import { expect, test } from "./fixtures";

// Stable ids of the demo seed (lib/demo/seed.ts): conversation 1 is Jana Nováková's, in Demo Company.
const DEMO_CONVERSATION = "00000000-0000-4000-8100-000000000001";

test.describe("the demo inbox", () => {
  test("alice sees the four views with the seeded counts and opens a conversation's thread", async ({ alice: { page, inbox } }) => {
    await page.goto("/messaging");
    await expect(page).toHaveURL(/\/messaging\/unassigned$/);
    await inbox.expectCounts({ unassigned: 2, mine: 2, others: 2, snoozed: 0, closed: 2 });
    await expect(inbox.availabilityToggle(true)).toBeVisible();
    await expect(inbox.rows).toHaveCount(2);

    await inbox.viewLink("mine").click();
    await expect(page).toHaveURL(/\/messaging\/mine$/);
    await inbox.openConversation("Tomás Rivera");

    await expect(page).toHaveURL(/\/messaging\/mine\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name: "Tomás Rivera" })).toBeVisible();
    await expect(inbox.thread.getByRole("listitem").filter({ hasText: "Could you send me the pricing for 20 seats?" })).toBeVisible();
    await expect(inbox.thread.getByRole("listitem").filter({ hasText: "Great, thanks 🙏" })).toBeVisible();
  });

  test("alice's closed view lists the closed conversations", async ({ alice: { inbox } }) => {
    await inbox.goto("closed");
    await expect(inbox.rows).toHaveCount(2);
    await expect(inbox.row("Lukas Becker")).toBeVisible();
  });

  test("bob sees Messenger and WhatsApp conversations", async ({ bob: { inbox } }) => {
    await inbox.goto("unassigned");
    await inbox.expectCounts({ unassigned: 2, mine: 2, others: 2, snoozed: 0, closed: 2 });
    await expect(inbox.row("Jana Nováková")).toContainText("Demo Company Page");
    await expect(inbox.row("Ana Lopez")).toContainText("Demo Company WhatsApp");

    await inbox.goto("mine");
    await expect(inbox.row("Priya Shah")).toContainText("Demo Company Page");
    await expect(inbox.row("Sofia Rossi")).toContainText("Demo Company WhatsApp");
  });

  test("carol, with access to no app, is told so and which admin can give it, without an availability toggle", async ({
    carol: { page, inbox },
  }) => {
    await inbox.goto("unassigned");
    await expect(inbox.noAccessState).toBeVisible();
    await expect(inbox.noAppsState).toHaveCount(0);
    await expect(page.getByText("You don't have access to any messaging app yet. Ask Alice Admin to give you access.")).toBeVisible();
    await expect(inbox.rows).toHaveCount(0);
    // Availability only decides who is given conversations: it means nothing without an app.
    await expect(inbox.availabilityToggle(true)).toHaveCount(0);
    await expect(inbox.availabilityToggle(false)).toHaveCount(0);
  });

  test("dave sees only Other Company's conversation", async ({ dave: { page, inbox } }) => {
    await inbox.goto("unassigned");
    await inbox.expectCounts({ unassigned: 1, mine: 0, others: 0, snoozed: 0, closed: 0 });
    await expect(inbox.rows).toHaveCount(1);
    await expect(inbox.row("Olga Petrova")).toBeVisible();
    for (const demoContact of ["Jana Nováková", "Ana Lopez", "Tomás Rivera", "Priya Shah", "Lukas Becker"]) {
      await expect(page.getByText(demoContact)).toHaveCount(0);
    }

    const response = await page.goto(`/messaging/unassigned/${DEMO_CONVERSATION}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByText("Jana Nováková")).toHaveCount(0);
  });

  test("an unknown view is a 404", async ({ alice: { inbox, page } }) => {
    const response = await page.goto("/messaging/archive");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(inbox.viewNav).toHaveCount(0);
  });

  test("a malformed cursor or app id shows the view's first page", async ({ alice: { inbox } }) => {
    await inbox.goto("unassigned");
    // The conversations each row opens, not their text: a relative time may tick between two loads.
    const opened = () => inbox.rows.evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
    const firstPage = await opened();
    expect(firstPage.length).toBeGreaterThan(0);

    for (const query of ["?after=not-a-cursor", "?app=not-an-app", "?after=%00%ff&app=00000000-0000-4000-8000-000000000000"]) {
      const response = await inbox.goto("unassigned", query);
      expect(response?.status()).toBe(200);
      await expect.poll(opened).toEqual(firstPage);
    }
  });

  test("the app filter narrows the list to one app", async ({ alice: { page, inbox } }) => {
    await inbox.goto("unassigned");
    // Issue 16: the filter is a compact button opening the apps' links, so it fits beside the views in any language.
    await page.getByRole("button", { name: /^Filter by app/ }).click();
    await page.getByRole("navigation", { name: "Filter by app" }).getByRole("link", { name: "Demo Company WhatsApp" }).click();

    await expect(page).toHaveURL(/\?app=00000000-0000-4000-8000-00000000a002$/);
    await expect(inbox.rows).toHaveCount(1);
    await expect(inbox.row("Ana Lopez")).toBeVisible();
    await inbox.expectCounts({ unassigned: 1, mine: 1, others: 1, snoozed: 0, closed: 1 });
  });
});
