import { randomBytes } from "node:crypto";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { messengerMessageEvent, send, signedMessengerRequest } from "@/lib/webhooks/signed-requests";
import { startResendStandIn, type ResendStandIn } from "@/tests/stand-ins/resend";
import { dropDatabase, emptyDatabase, removeDataDir, startAppInstance, type AppInstance } from "./support/app-instance";
import { catalogs } from "./support/catalogs";

/**
 * Issue 11 end to end, on its own `next start` over an EMPTY PostgreSQL database (no seed), with
 * Resend pointed at the stand-in: first-run setup, inviting, joining, deactivation ending the
 * member's session and live stream, a password reset, and a password change signing out
 * another browser. The suite's own server (the demo seed) is untouched.
 */
const t = catalogs.en;
const port = Number(process.env.E2E_PORT ?? 3210) + 5;
const database = `${process.env.E2E_DATABASE ?? "switchboard_e2e"}_team`;
const dataDir = ".data-e2e-team";

const ADMIN = { company: "Acme Trading", name: "Ada Admin", email: "ada@acme.test", password: "ada-first-password" };
const MEMBER = { name: "Bea Member", email: "bea@acme.test", password: "bea-chosen-password" };
const PAGE = { pageId: "555000111", appSecret: "e2e-team-app-secret", token: "e2e-team-page-token" };

test.describe.configure({ mode: "serial" });

test.describe("a company adopts Switchboard", () => {
  test.skip(!process.env.DATABASE_URL, "needs DATABASE_URL: an empty PostgreSQL database for first-run setup");

  let instance: AppInstance;
  let resend: ResendStandIn;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    resend = await startResendStandIn();
    await removeDataDir(dataDir);
    instance = await startAppInstance({
      port,
      env: {
        DATABASE_URL: await emptyDatabase(database),
        SWITCHBOARD_DATA_DIR: dataDir,
        AUTH_SECRET: randomBytes(32).toString("base64url"),
        APP_SECRET_KEY: randomBytes(32).toString("hex"),
        RESEND_API_KEY: resend.apiKey,
        RESEND_BASE_URL: resend.baseUrl,
      },
    });
  });

  test.afterAll(async () => {
    await instance?.stop();
    await resend?.close();
    await dropDatabase(database).catch(() => {});
    await removeDataDir(dataDir);
  });

  const contexts: BrowserContext[] = [];
  test.afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  async function newPage(browser: Browser): Promise<Page> {
    const context = await browser.newContext({ baseURL: instance.url, locale: "en-US" });
    contexts.push(context);
    return context.newPage();
  }

  /** The sign-in form (the page also has the magic-link form, with its own Email field). */
  async function signIn(browser: Browser, email: string, password: string): Promise<Page> {
    const page = await newPage(browser);
    await page.goto("/login");
    const form = page.locator("form", { has: page.getByRole("button", { name: t.login.submit, exact: true }) });
    await form.getByLabel(t.login.email).fill(email);
    await form.getByLabel(t.login.password, { exact: true }).fill(password);
    await form.getByRole("button", { name: t.login.submit, exact: true }).click();
    await page.waitForURL("**/messaging/unassigned");
    return page;
  }

  function linkSentTo(email: string, path: string): string {
    const sent = resend.emails.filter((message) => [message.to].flat().includes(email)).at(-1);
    const link = new RegExp(`https?://[^\\s"]+${path}[A-Za-z0-9_-]{43}`).exec(String(sent?.text ?? ""))?.[0];
    if (!link) throw new Error(`no ${path} link was emailed to ${email}`);
    return link;
  }

  const waitForLive = (page: Page, state: "connected" | "closed") =>
    page.waitForFunction((expected) => document.documentElement.dataset.live === expected, state, { timeout: 15_000 });

  test("first-run setup, a Messenger app, an invited member who joins and is deactivated", async ({ browser }) => {
    test.setTimeout(120_000);
    const admin = await newPage(browser);

    // Every page leads to first-run setup on an empty database.
    await admin.goto("/messaging/unassigned");
    await expect(admin).toHaveURL(/\/setup$/);
    await expect(admin.getByRole("heading", { name: t.accounts.setup.title })).toBeVisible();
    await admin.getByLabel(t.accounts.fields.companyName).fill(ADMIN.company);
    await admin.getByLabel(t.accounts.fields.yourName).fill(ADMIN.name);
    await admin.getByLabel(t.accounts.fields.email).fill(ADMIN.email);
    await admin.getByLabel(t.accounts.fields.password).fill("short");
    await admin.getByRole("button", { name: t.accounts.setup.submit }).click();
    await expect(admin.getByText(t.accounts.errors.password_too_short)).toBeVisible();
    await admin.getByLabel(t.accounts.fields.password).fill(ADMIN.password);
    await admin.getByRole("button", { name: t.accounts.setup.submit }).click();
    await expect(admin).toHaveURL(/\/messaging\/unassigned$/);
    expect((await admin.request.get("/setup")).status()).toBe(404);

    // The admin installs a Messenger app open to everyone, and a customer writes.
    await admin.goto("/settings/integrations/messaging");
    await admin.getByRole("button", { name: t.settings.messaging.add.messenger }).click();
    const form = admin.getByRole("dialog", { name: t.settings.form.installTitle.messenger });
    await form.getByLabel(t.settings.form.name, { exact: true }).fill("Acme Page");
    await form.getByLabel(t.settings.form.pageId, { exact: true }).fill(PAGE.pageId);
    await form.getByLabel(t.settings.form.pageAccessToken, { exact: true }).fill(PAGE.token);
    await form.getByLabel(t.settings.form.appSecret, { exact: true }).fill(PAGE.appSecret);
    await form.getByRole("button", { name: t.settings.form.install }).click();
    const card = admin.getByRole("article", { name: "Acme Page" });
    await expect(card).toBeVisible();
    const webhookUrl = await card.getByRole("textbox", { name: t.settings.card.webhookUrl, exact: true }).inputValue();
    const appId = /\/api\/webhooks\/messenger\/([0-9a-f-]{36})/.exec(webhookUrl)?.[1];
    expect(appId).toBeTruthy();
    const text = `Hello Acme, do you ship to Brno? ${Date.now().toString(36)}`;
    const response = await send(
      signedMessengerRequest({
        baseUrl: instance.url,
        appId: appId!,
        appSecret: PAGE.appSecret,
        pageId: PAGE.pageId,
        events: [messengerMessageEvent({ pageId: PAGE.pageId, psid: "7900000000001", text, mid: `m_${randomBytes(8).toString("hex")}` })],
      }),
    );
    expect(response.status).toBe(200);

    // Team settings: Invite people.
    await admin.getByRole("navigation", { name: t.nav.settings }).getByRole("link", { name: t.nav.team }).click();
    await expect(admin.getByRole("heading", { level: 1, name: t.team.title })).toBeVisible();
    await admin.getByRole("button", { name: t.team.invite }).click();
    const dialog = admin.getByRole("dialog", { name: t.team.dialog.title });
    await dialog.getByLabel(t.team.dialog.emails).fill(MEMBER.email);
    await dialog.getByRole("radio", { name: t.team.roles.member }).check();
    await dialog.getByRole("button", { name: t.team.dialog.submit }).click();
    const copyable = dialog.getByRole("textbox", { name: t.team.dialog.linkFor.replace("{email}", MEMBER.email) });
    const shownLink = await copyable.inputValue();
    expect(shownLink).toBe(linkSentTo(MEMBER.email, "/invite/"));
    await dialog.getByRole("button", { name: t.team.dialog.done }).click();
    await expect(admin.getByRole("row", { name: MEMBER.email })).toContainText(t.team.status.invited);

    // The member opens the emailed link, sets a password and sees the inbox with the app's conversation.
    const member = await newPage(browser);
    await member.goto(shownLink);
    const join = t.accounts.invite.submit.replace("{company}", ADMIN.company);
    await member.getByLabel(t.accounts.fields.yourName).fill(MEMBER.name);
    await member.getByLabel(t.accounts.fields.password).fill(MEMBER.email);
    await member.getByRole("button", { name: join }).click();
    await expect(member.getByText(t.accounts.errors.password_is_email)).toBeVisible();
    await member.getByLabel(t.accounts.fields.password).fill(MEMBER.password);
    await member.getByRole("button", { name: join }).click();
    await expect(member).toHaveURL(/\/messaging\/unassigned$/);
    await expect(member.getByText(text)).toBeVisible();
    await waitForLive(member, "connected");
    // Team settings are for admins (the 403 page); the account page is everyone's.
    expect((await member.request.get("/settings/team")).status()).toBe(403);
    expect((await member.request.get("/settings/account")).status()).toBe(200);

    // The member takes the conversation.
    await member.getByRole("option").filter({ hasText: text }).click();
    await member.getByRole("button", { name: t.conversation.assign.assign, exact: true }).click();
    await member.getByRole("menuitem", { name: t.conversation.assign.toMe }).click();
    await expect(member.getByRole("button", { name: MEMBER.name, exact: true })).toBeVisible();
    await waitForLive(member, "connected");

    // The used link now shows the one "no longer valid" page.
    const stranger = await newPage(browser);
    await stranger.goto(shownLink);
    await expect(stranger.getByRole("heading", { name: t.accounts.invite.invalidTitle })).toBeVisible();

    // The admin deactivates the member: their live stream closes and their next action signs them out.
    await admin.reload();
    const row = admin.getByRole("row", { name: MEMBER.name });
    await expect(row).toContainText(t.team.status.active);
    await row.getByRole("button", { name: t.team.actionsFor.replace("{name}", MEMBER.name) }).click();
    await admin.getByRole("menuitem", { name: t.team.deactivate }).click();
    await admin.getByRole("dialog").getByRole("button", { name: t.team.deactivate }).click();
    await expect(row).toContainText(t.team.status.deactivated);

    await waitForLive(member, "closed");
    await member.getByRole("link", { name: new RegExp(`^${t.inbox.viewNames.mine}`) }).click();
    await expect(member).toHaveURL(/\/login/);

    // Their open conversation is back in Unassigned, with the line saying why.
    await admin.goto("/messaging/unassigned");
    await admin.getByRole("option").filter({ hasText: text }).click();
    await expect(admin.getByRole("button", { name: t.conversation.assign.assign, exact: true })).toBeVisible();
    await expect(admin.getByText(t.conversation.activity.assignee_deactivated.replace("{target}", MEMBER.name))).toBeVisible();
  });

  test("a forgotten password is reset through the emailed link, signing out every other session", async ({ browser }) => {
    const elsewhere = await signIn(browser, ADMIN.email, ADMIN.password);
    const page = await newPage(browser);
    await page.goto("/login");
    await page.getByRole("link", { name: t.accounts.forgot.link }).click();
    await expect(page).toHaveURL(/\/forgot-password$/);
    await page.getByLabel(t.accounts.fields.email).fill(ADMIN.email);
    await page.getByRole("button", { name: t.accounts.forgot.submit }).click();
    await expect(page.getByRole("status")).toContainText(ADMIN.email);

    const link = linkSentTo(ADMIN.email, "/reset-password/");
    await page.goto(link);
    await page.getByLabel(t.accounts.fields.newPassword).fill("ada-second-password");
    await page.getByRole("button", { name: t.accounts.reset.submit }).click();
    await expect(page).toHaveURL(/\/messaging\/unassigned$/);
    ADMIN.password = "ada-second-password";

    await elsewhere.reload();
    await expect(elsewhere).toHaveURL(/\/login/);
    await page.goto(link);
    await expect(page.getByRole("heading", { name: t.accounts.reset.invalidTitle })).toBeVisible();
  });

  test("changing the password on the account page signs out a second browser", async ({ browser }) => {
    const here = await signIn(browser, ADMIN.email, ADMIN.password);
    const second = await signIn(browser, ADMIN.email, ADMIN.password);

    await here.getByRole("button", { name: t.userMenu.open }).click();
    await here.getByRole("menuitem", { name: t.userMenu.account }).click();
    await expect(here).toHaveURL(/\/settings\/account$/);
    await here.getByLabel(t.accounts.fields.currentPassword).fill(ADMIN.password);
    await here.getByLabel(t.accounts.fields.newPassword).fill("ada-third-password");
    await here.getByRole("button", { name: t.accounts.account.changePassword }).click();
    await expect(here.getByRole("status").filter({ hasText: t.accounts.account.passwordChanged })).toBeVisible();

    await second.reload();
    await expect(second).toHaveURL(/\/login/);
    await here.reload();
    await expect(here).toHaveURL(/\/settings\/account$/);
  });

  test("signing out ends the session on the server: a copy of its cookie no longer works", async ({ browser }) => {
    const page = await signIn(browser, ADMIN.email, "ada-third-password");
    const copied = await page.context().storageState();

    await page.getByRole("button", { name: t.userMenu.open }).click();
    await page.getByRole("menuitem", { name: t.userMenu.signOut }).click();
    await expect(page).toHaveURL(/\/login/);

    const context = await browser.newContext({ baseURL: instance.url, locale: "en-US", storageState: copied });
    contexts.push(context);
    const thief = await context.newPage();
    await thief.goto("/messaging/unassigned");
    await expect(thief).toHaveURL(/\/login/);
    expect((await thief.request.get("/api/events")).status()).toBe(401);
  });

  test("Email me a sign-in link signs in from the emailed link, once", async ({ browser }) => {
    const page = await newPage(browser);
    await page.goto("/login");
    await page.getByLabel(t.login.email).fill(ADMIN.email);
    await page.getByRole("button", { name: t.accounts.magic.request }).click();
    await expect(page.getByRole("status")).toContainText(ADMIN.email);

    const link = linkSentTo(ADMIN.email, "/login/link/");
    await page.goto(link);
    await page.getByRole("button", { name: t.accounts.magic.submit, exact: true }).click();
    await expect(page).toHaveURL(/\/messaging\/unassigned$/);
    await page.goto(link);
    await expect(page.getByRole("heading", { name: t.accounts.magic.invalidTitle })).toBeVisible();
  });
});
