import { expect, signInThroughForm, test, USERS, DEMO_PASSWORD } from "./fixtures";
import { InboxPage } from "./pages/inbox-page";
import { LoginPage } from "./pages/login-page";

test.describe("language", () => {
  // Alice's language is kept in the database, which every other spec reads: put English back whatever happens.
  test.afterEach(async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, storageState: await signInThroughForm(browser, baseURL!, "alice") });
    const inbox = new InboxPage(await context.newPage());
    await inbox.goto("unassigned");
    if ((await inbox.page.locator("html").getAttribute("lang")) !== "en") {
      inbox.locale = "cs";
      await inbox.chooseLanguage("en");
    }
    await context.close();
  });

  test("alice switches to Czech and it stays after signing out and in", async ({ page, loginPage }) => {
    const inbox = new InboxPage(page);
    await loginPage.goto();
    await loginPage.signIn(USERS.alice.email, DEMO_PASSWORD);
    await inbox.expectCounts({ unassigned: 2, mine: 2, others: 2, snoozed: 0, closed: 2 });

    await inbox.chooseLanguage("cs");
    await expect(inbox.viewNav.getByRole("link")).toHaveText([
      /^Nepřiřazené\s*2$/,
      /^Přiřazeno mně\s*2$/,
      /^Přiřazeno ostatním\s*2$/,
      /^Odložené\s*0$/,
      /^Uzavřené\s*2$/,
    ]);

    await inbox.signOut();
    // The login page follows the browser (en-US) until someone signs in.
    const login = new LoginPage(page);
    await login.signIn(USERS.alice.email, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/messaging\/unassigned$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "cs");
    await inbox.expectCounts({ unassigned: 2, mine: 2, others: 2, snoozed: 0, closed: 2 });
    await expect(inbox.viewLink("mine")).toHaveText(/^Přiřazeno mně/);

    // Issue 16 item 9: the availability toggle is gender-neutral, the day dividers spell out the weekday
    // ("po 30. listopadu" would read "after 30 November").
    await expect(inbox.availabilityToggle(true)).toHaveText(/Dostupný/);
    await inbox.viewLink("mine").click();
    await inbox.openConversation("Tomás Rivera");
    const dividers = inbox.thread.locator("li > time");
    await expect(dividers.first()).toHaveText(/^(pondělí|úterý|středa|čtvrtek|pátek|sobota|neděle) \d{1,2}\. \p{L}+ \d{4}$/u);
  });
});
