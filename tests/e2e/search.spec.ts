import { catalogs } from "./support/catalogs";
import { expect, test } from "./fixtures";

const t = catalogs.en.search;

test.describe("search (SPEC §13)", () => {
  test("\"novakova\" typed in the search box finds Jana Nováková, marks the match and opens her conversation", async ({ alice: { page, inbox } }) => {
    await inbox.goto("mine");
    const box = page.getByRole("searchbox", { name: t.label });
    await box.fill("novakova");
    await box.press("Enter");
    await expect(page).toHaveURL(/\/messaging\/search\?q=novakova$/);

    const results = page.getByRole("region", { name: t.results });
    const hit = results.getByRole("option").filter({ hasText: "Jana Nováková" });
    await expect(hit).toHaveCount(1);
    await expect(hit.locator("mark").first()).toHaveText("Nováková");
    await expect(hit).toContainText(catalogs.en.inbox.viewNames.unassigned);

    await hit.click();
    await expect(page).toHaveURL(/\/messaging\/search\/[0-9a-f-]{36}\?q=novakova$/);
    await expect(page.getByRole("heading", { name: "Jana Nováková" })).toBeVisible();
    await expect(hit).toHaveAttribute("aria-current", "page");
    await expect(box).toHaveValue("novakova");
  });

  test("message words match without accents, and another workspace's contacts are never found", async ({ alice, dave }) => {
    const results = alice.page.getByRole("region", { name: t.results });
    await alice.page.goto("/messaging/search?q=dobry%20den");
    const jana = results.getByRole("option").filter({ hasText: "Jana Nováková" });
    await expect(jana.locator("p mark")).toHaveText(["Dobrý", "den"]);
    await alice.page.goto(`/messaging/search?q=${encodeURIComponent("+1 415 555 0123")}`);
    await expect(results.getByRole("option")).toHaveCount(1);
    await expect(results.getByRole("option")).toContainText("+14155550123");

    await dave.page.goto("/messaging/search?q=novakova");
    await expect(dave.page.getByText(t.none.replace("{text}", "novakova"))).toBeVisible();
  });

  test("only punctuation asks for words instead of searching, and markup in the query stays text", async ({ alice: { page } }) => {
    await page.goto("/messaging/search?q=%25%25%5F%27%22");
    await expect(page.getByText(t.prompt)).toBeVisible();
    await page.goto(`/messaging/search?q=${encodeURIComponent("<b>jana</b>")}`);
    await expect(page.getByRole("heading", { name: "Results for “<b>jana</b>”" })).toBeVisible();
    await expect(page.getByRole("region", { name: t.results }).getByRole("option").filter({ hasText: "Jana Nováková" })).toHaveCount(1);
  });
});
