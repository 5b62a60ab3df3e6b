import { DEMO_PASSWORD, expect, test, USERS } from "./fixtures";

test.describe("signing in and out", () => {
  test("a wrong password is refused with the generic message", async ({ page, loginPage }) => {
    await loginPage.goto();
    await loginPage.signIn(USERS.alice.email, "not-the-password");

    await expect(loginPage.error).toHaveText("Email or password is incorrect");
    await expect(page).toHaveURL(/\/login/);
  });

  test("an unknown email gets the same message", async ({ loginPage }) => {
    await loginPage.goto();
    await loginPage.signIn("nobody@demo.test", DEMO_PASSWORD);

    await expect(loginPage.error).toHaveText("Email or password is incorrect");
  });

  test("a signed-out visit to a view goes to the login page and back after signing in", async ({ page, loginPage, inboxPage }) => {
    await page.goto("/messaging/mine");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fmessaging%2Fmine$/);

    await loginPage.signIn(USERS.bob.email, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/messaging\/mine$/);
    await expect(inboxPage.viewLink("mine", 2)).toHaveAttribute("aria-current", "page");
  });

  test("signing out ends the session", async ({ page, loginPage, inboxPage }) => {
    await loginPage.goto();
    await loginPage.signIn(USERS.carol.email, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/messaging\/unassigned$/);

    await inboxPage.signOut();
    await expect(loginPage.submit).toBeVisible();

    await page.goto("/messaging/unassigned");
    await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  });
});

test.describe("settings", () => {
  test("a member opening the messaging settings gets the 403 page", async ({ bob: { page } }) => {
    const response = await page.goto("/settings/integrations/messaging");

    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  });

  test("an admin opens the messaging settings", async ({ alice: { page } }) => {
    const response = await page.goto("/settings/integrations/messaging");

    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toHaveCount(0);
  });
});
