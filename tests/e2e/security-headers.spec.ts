import { DEMO_PASSWORD, expect, test, USERS } from "./fixtures";

/** SPEC §15: the headers on every page, and a CSP that refuses what the app did not send. */
test.describe("security headers", () => {
  test("every page carries a nonce-based CSP without unsafe-inline scripts, no framing, nosniff and the referrer policy", async ({
    request,
    alice: { page },
  }) => {
    const first = await request.get("/login");
    const second = await request.get("/login");
    const signedIn = await page.goto("/messaging/unassigned");
    const notFound = await page.request.get("/no-such-page");

    for (const response of [first, signedIn!, notFound]) {
      const headers = response.headers();
      const csp = headers["content-security-policy"] ?? "";
      const scriptSrc = csp.split(";").map((part) => part.trim()).find((part) => part.startsWith("script-src ")) ?? "";
      expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
      expect(scriptSrc).not.toContain("unsafe-inline");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      // The suite's APP_URL is http://localhost: no HSTS there (it is sent when APP_URL is https).
      expect(headers["strict-transport-security"]).toBeUndefined();
    }
    const nonceOf = (csp: string | undefined) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];
    expect(nonceOf(first.headers()["content-security-policy"])).not.toBe(nonceOf(second.headers()["content-security-policy"]));
  });

  test("a script the page did not bring is refused, and the suite's CSP watch sees it", async ({ page, loginPage, cspViolations }) => {
    await loginPage.goto();
    // Markup an attacker slipped into the page: its inline handler is not the page's script.
    const ran = await page.evaluate(async () => {
      document.body.insertAdjacentHTML("beforeend", `<img alt="" src="/icon.svg" onload="window.__injected = true">`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => cspViolations.seen.length).toBeGreaterThan(0);
    expect(cspViolations.take().join("\n")).toMatch(/script-src/);

    // The app's own scripts run: the form still signs in.
    await loginPage.signIn(USERS.bob.email, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/messaging\/unassigned$/);
  });

  test("a hostile callbackUrl lands on the inbox, not on another site", async ({ page, loginPage }) => {
    await page.goto("/login?callbackUrl=%2F%2509%2Fevil.example");
    await loginPage.signIn(USERS.carol.email, DEMO_PASSWORD);
    await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/messaging\/unassigned$/);
  });
});
