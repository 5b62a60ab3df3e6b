import { expect, test } from "./fixtures";
import { ConversationPage } from "./pages/conversation-page";
import { CrmPanel } from "./pages/crm-panel";
import { catalogs } from "./support/catalogs";

const t = catalogs.en;
/** lib/demo/seed.ts: an unassigned Messenger conversation in the demo workspace. */
const JANA = "Jana Nováková";

test.describe("the layout gives the thread the room (issue 16)", () => {
  test("at 1180px the CRM panel is closed, and its toggle opens it as a drawer showing the contact", async ({ alice: { page, inbox } }) => {
    await page.setViewportSize({ width: 1180, height: 800 });
    await inbox.goto("unassigned");
    await inbox.openConversation(JANA);
    const panel = new CrmPanel(page);
    const toggle = page.getByRole("button", { name: t.crm.panel.title, exact: true });
    await expect(panel.panel).toBeHidden();
    await expect(toggle).toHaveAttribute("aria-expanded", "false");

    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    await expect(panel.panel).toBeVisible();
    await panel.openCreate("person");
    await expect(panel.field("person", t.crm.fields.name)).toHaveValue(JANA);

    await page.getByRole("button", { name: t.crm.panel.close, exact: true }).click();
    await expect(panel.panel).toBeHidden();
    await expect(toggle).toBeFocused();
  });

  test("at 1280px the thread is the widest column and the docked panel can be put away", async ({ alice: { page, inbox } }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await inbox.goto("unassigned");
    await inbox.openConversation(JANA);
    const panel = new CrmPanel(page);
    await expect(panel.panel).toBeVisible();
    const thread = (await inbox.thread.boundingBox())!;
    const list = (await inbox.conversationList.boundingBox())!;
    const aside = (await panel.panel.boundingBox())!;
    expect(thread.width).toBeGreaterThan(list.width);
    expect(thread.width).toBeGreaterThan(aside.width);

    await page.getByRole("button", { name: t.crm.panel.title, exact: true }).click();
    await expect(panel.panel).toBeHidden();
    await page.reload();
    await expect(new ConversationPage(page, JANA).thread).toBeVisible();
    await expect(panel.panel).toBeHidden();
    await page.getByRole("button", { name: t.crm.panel.title, exact: true }).click();
    await expect(panel.panel).toBeVisible();
  });

  test("the rail collapses to icons, keeps the links' names, and stays collapsed after a reload", async ({ alice: { page, inbox } }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await inbox.goto("unassigned");
    const nav = page.getByRole("navigation", { name: t.nav.main });
    const deals = nav.getByRole("link", { name: t.nav.deals, exact: true });
    await expect(deals).toBeVisible();
    const wide = (await nav.boundingBox())!.width;

    await nav.getByRole("button", { name: t.nav.collapse }).click();
    await expect(nav.getByRole("button", { name: t.nav.expand })).toHaveAttribute("aria-expanded", "false");
    await expect.poll(async () => (await nav.boundingBox())!.width).toBeLessThan(wide / 2);
    await expect(deals).toHaveAttribute("title", t.nav.deals);

    await page.reload();
    await expect(nav.getByRole("button", { name: t.nav.expand })).toBeVisible();
    expect((await nav.boundingBox())!.width).toBeLessThan(wide / 2);
    await expect(deals).toBeVisible();
    await nav.getByRole("button", { name: t.nav.expand }).click();
    await expect(nav.getByRole("button", { name: t.nav.collapse })).toHaveAttribute("aria-expanded", "true");
  });
});

test.describe("on a phone (issue 16)", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("a tab bar holds Inbox, Deals, Contacts and More, and everything above the list is under 100px", async ({ alice: { page, inbox } }) => {
    await inbox.goto("unassigned");
    const tabs = page.getByRole("navigation", { name: t.nav.main });
    await expect(tabs.getByRole("link", { name: t.nav.inbox, exact: true })).toHaveAttribute("aria-current", "page");
    await expect(tabs.getByRole("link", { name: t.nav.deals, exact: true })).toBeVisible();
    await expect(tabs.getByRole("link", { name: t.nav.contacts, exact: true })).toBeVisible();
    const more = tabs.getByRole("button", { name: t.nav.more, exact: true });
    await more.click();
    await expect(tabs.getByRole("link", { name: t.nav.leads, exact: true })).toBeVisible();
    await expect(tabs.getByRole("link", { name: t.nav.settings, exact: true })).toBeVisible();
    await page.keyboard.press("Escape");

    await expect(inbox.rows.first()).toBeVisible();
    expect((await inbox.conversationList.boundingBox())!.y).toBeLessThan(100);

    // The views fold into one button; the links keep their names and counts inside it.
    await page.getByRole("button", { name: new RegExp(`^${t.inbox.views}`) }).click();
    await expect(inbox.viewLink("mine")).toBeVisible();
  });

  test("availability sits in the user menu, and the CRM panel opens as a full-screen sheet", async ({ alice: { page, inbox } }) => {
    await inbox.goto("unassigned");
    await expect(inbox.availabilityToggle(true)).toBeHidden();
    await inbox.userMenu.click();
    const item = page.getByRole("menuitemcheckbox", { name: t.inbox.availability.available, exact: true });
    await expect(item).toHaveAttribute("aria-checked", "true");
    await page.keyboard.press("Escape");

    await inbox.openConversation(JANA);
    const panel = new CrmPanel(page);
    await page.getByRole("button", { name: t.crm.panel.title, exact: true }).click();
    await expect(panel.panel).toBeVisible();
    const sheet = (await panel.panel.boundingBox())!;
    expect(sheet.width).toBeGreaterThanOrEqual(380);
    await expect(panel.section("person")).toBeVisible();
  });
});

test.describe("in Czech beside the docked panel (issue 16)", () => {
  // Bob keeps no language of his own in the seed, so the browser's Czech decides.
  test.use({ locale: "cs-CZ" });

  test("at 1280px the header's actions share one row and keep their names", async ({ bob: { page, inbox } }) => {
    const cs = catalogs.cs;
    await page.setViewportSize({ width: 1280, height: 800 });
    inbox.locale = "cs";
    await inbox.goto("unassigned");
    await expect(page.locator("html")).toHaveAttribute("lang", "cs");
    await inbox.openConversation(JANA);
    await expect(new CrmPanel(page).panel).toBeVisible();

    const actions = [
      page.getByRole("button", { name: cs.conversation.assign.assign, exact: true }),
      page.getByRole("button", { name: cs.snooze.snooze, exact: true }),
      page.getByRole("button", { name: cs.conversation.status.close, exact: true }),
      page.getByRole("button", { name: cs.crm.panel.title, exact: true }),
    ];
    const tops: number[] = [];
    for (const action of actions) {
      await expect(action).toBeVisible();
      tops.push((await action.boundingBox())!.y);
    }
    expect(Math.max(...tops) - Math.min(...tops), `tops ${tops.join(", ")}`).toBeLessThan(4);
    // The contact's name keeps a row above them: two rows in all.
    const header = page.locator("header").filter({ has: actions[2]! });
    expect((await header.boundingBox())!.height).toBeLessThan(110);
  });
});
