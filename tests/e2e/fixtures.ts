import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { InboxPage } from "./pages/inbox-page";
import { LoginPage } from "./pages/login-page";

/** The demo workspace's people (SPEC §9), as seeded by `npm run db:seed` or the first start. */
export const USERS = {
  alice: { email: "alice@demo.test", name: "Alice Admin" },
  bob: { email: "bob@demo.test", name: "Bob Member" },
  carol: { email: "carol@demo.test", name: "Carol Member" },
  dave: { email: "dave@other.test", name: "Dave Other" },
} as const;
export const DEMO_PASSWORD = "demo-password";
export type Role = keyof typeof USERS;

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;
export type SignedIn = { page: Page; inbox: InboxPage };

/** CSP violations the browser reported during the test; any left at its end fail it. */
export type CspViolations = {
  /** Every violation so far, as "directive: blocked" lines. */
  readonly seen: string[];
  /** Removes and returns what was seen: for the one spec that provokes a violation on purpose. */
  take(): string[];
};

type TestFixtures = {
  cspViolations: CspViolations;
  loginPage: LoginPage;
  inboxPage: InboxPage;
  /** A new browser context signed in as the role, on its own page. */
  signInAs: (role: Role) => Promise<SignedIn>;
  alice: SignedIn;
  bob: SignedIn;
  carol: SignedIn;
  dave: SignedIn;
};
type WorkerFixtures = { sessions: { stateOf(role: Role): Promise<StorageState> } };

export async function signInThroughForm(browser: Browser, baseURL: string, role: Role): Promise<StorageState> {
  const context = await browser.newContext({ baseURL, locale: "en-US" });
  try {
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn(USERS[role].email, DEMO_PASSWORD);
    await page.waitForURL("**/messaging/unassigned");
    return await context.storageState();
  } finally {
    await context.close();
  }
}

const CSP_MESSAGE = /Content Security Policy|Content-Security-Policy|CSP violation/i;

/**
 * Watches a browser context for CSP violations: Chromium's console errors ("Refused to … because
 * it violates the following Content Security Policy directive") and every page's
 * `securitypolicyviolation` events, which a script added before the page's own reports.
 */
const watched = new WeakSet<BrowserContext>();

async function watchCsp(context: BrowserContext, seen: string[]): Promise<void> {
  if (watched.has(context)) return;
  watched.add(context);
  await context.exposeBinding("__reportCspViolation", (_source, line: string) => {
    seen.push(line);
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportCspViolation?: (line: string) => void }).__reportCspViolation;
      report?.(`${event.effectiveDirective}: ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  context.on("console", (message) => {
    if (message.type() === "error" && CSP_MESSAGE.test(message.text())) seen.push(`console: ${message.text()}`);
  });
}

// Fixtures receive their value through `provide` (Playwright calls it `use`; React's lint rule would read that as a hook).
export const test = base.extend<TestFixtures, WorkerFixtures>({
  // Each role signs in through the real form once per worker; later tests reuse its cookie.
  sessions: [
    async ({ browser }, provide, workerInfo) => {
      const baseURL = String(workerInfo.project.use.baseURL);
      const states = new Map<Role, Promise<StorageState>>();
      await provide({
        stateOf(role) {
          if (!states.has(role)) states.set(role, signInThroughForm(browser, baseURL, role));
          return states.get(role)!;
        },
      });
    },
    { scope: "worker" },
  ],

  // Every test, every browser context it opens (the default one, signInAs's, its own
  // browser.newContext() calls, the sign-in of `sessions`): the app must run under its CSP
  // with zero violations (SPEC §15).
  cspViolations: [
    async ({ browser }, provide) => {
      const seen: string[] = [];
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args: Parameters<Browser["newContext"]>) => {
        const context = await newContext(...args);
        await watchCsp(context, seen);
        return context;
      };
      try {
        await provide({ seen, take: () => seen.splice(0, seen.length) });
      } finally {
        browser.newContext = newContext;
      }
      expect(seen, "CSP violations in the browser").toEqual([]);
    },
    { auto: true },
  ],

  // The default context is made by Playwright itself, not through browser.newContext().
  context: async ({ context, cspViolations }, provide) => {
    await watchCsp(context, cspViolations.seen);
    await provide(context);
  },

  signInAs: async ({ browser, sessions, baseURL, locale }, provide) => {
    const contexts: BrowserContext[] = [];
    await provide(async (role) => {
      const context = await browser.newContext({ baseURL, locale, storageState: await sessions.stateOf(role) });
      contexts.push(context);
      const page = await context.newPage();
      return { page, inbox: new InboxPage(page) };
    });
    await Promise.all(contexts.map((context) => context.close()));
  },

  alice: async ({ signInAs }, provide) => provide(await signInAs("alice")),
  bob: async ({ signInAs }, provide) => provide(await signInAs("bob")),
  carol: async ({ signInAs }, provide) => provide(await signInAs("carol")),
  dave: async ({ signInAs }, provide) => provide(await signInAs("dave")),

  loginPage: async ({ page }, provide) => provide(new LoginPage(page)),
  inboxPage: async ({ page }, provide) => provide(new InboxPage(page)),
});

export { expect } from "@playwright/test";
