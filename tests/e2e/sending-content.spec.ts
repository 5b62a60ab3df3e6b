import { randomBytes } from "node:crypto";
import type { Locator } from "@playwright/test";
import { expect, test } from "./fixtures";
import { ConversationPage } from "./pages/conversation-page";
import { catalogs } from "./support/catalogs";
import { MessengerStandIn } from "@/tests/stand-ins/meta";
import { TINY_PNG, TwilioStandIn } from "@/tests/stand-ins/twilio";
import { newPsid, newWhatsappContact, sendMessengerMessage, sendWhatsappMessage } from "./support/webhooks";

/**
 * Issue 14 "Must show": an image sent from the reply box reaches the Twilio and Messenger
 * stand-ins as a signed link that really fetches the file; a template goes out after WhatsApp's
 * 24-hour window through the Content API stand-in.
 */

const t = catalogs.en;
const messenger = new MessengerStandIn();
const twilio = new TwilioStandIn();

test.beforeAll(async () => {
  await Promise.all([messenger.start(), twilio.start()]);
});
test.afterAll(async () => {
  await Promise.all([messenger.stop(), twilio.stop()]);
});

/** Drops or pastes a file the page builds itself, as the browser does for a real drag or paste. */
async function dispatchFile(target: Locator, event: "drop" | "paste", file: { name: string; type: string; size?: number; base64?: string }) {
  await target.evaluate(
    (element, { event, file }) => {
      const bytes = file.base64 ? Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0)) : new Uint8Array(file.size ?? 0);
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], file.name, { type: file.type }));
      if (event === "paste") element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }));
      else {
        element.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }));
        element.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }
    },
    { event, file },
  );
}

/** What a provider gets when it fetches the link it was handed. */
async function fetchLink(link: string): Promise<{ status: number; bytes: Buffer }> {
  const response = await fetch(link);
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
}

test("an image from the reply box reaches Twilio and Messenger as a signed link that fetches it", async ({ alice, baseURL }) => {
  const { page, inbox } = alice;
  const uploads: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === "/api/files") uploads.push(request.url());
  });
  const whatsappContact = newWhatsappContact();
  const whatsappName = `Hana Fotka ${randomBytes(2).toString("hex")}`;
  await sendWhatsappMessage(baseURL!, { from: whatsappContact, profileName: whatsappName, text: "Can you send me the floor plan?" });
  const psid = newPsid();
  const messengerName = `Otto Obraz ${randomBytes(2).toString("hex")}`;
  messenger.profiles.set(psid, { first_name: "Otto", last_name: messengerName.slice("Otto ".length) });
  await sendMessengerMessage(baseURL!, { psid, text: "A picture of the car, please" });

  try {
    await inbox.goto("unassigned");
    await inbox.openConversation(whatsappName);
    const conversation = new ConversationPage(page, whatsappName);

    // Refused before anything is uploaded: too big (dropped) and a type WhatsApp does not take (chosen).
    await dispatchFile(conversation.replyBox.locator("xpath=ancestor::form[1]"), "drop", { name: "huge.mp4", type: "video/mp4", size: 17 * 1024 * 1024 });
    await expect(page.getByRole("alert").filter({ hasText: "huge.mp4 is larger than 16 MB" })).toBeVisible();
    const chooseHtml = page.waitForEvent("filechooser");
    await page.getByRole("button", { name: t.replyFiles.attach, exact: true }).click();
    await (await chooseHtml).setFiles({ name: "page.html", mimeType: "text/html", buffer: Buffer.from("<script>alert(1)</script>") });
    await expect(page.getByRole("alert").filter({ hasText: "WhatsApp doesn't take this kind of file (page.html)" })).toBeVisible();
    expect(uploads).toEqual([]);

    // The Attach button, then a caption, then Send.
    const chooser = page.waitForEvent("filechooser");
    await page.getByRole("button", { name: t.replyFiles.attach, exact: true }).click();
    await (await chooser).setFiles({ name: "floor-plan.png", mimeType: "image/png", buffer: TINY_PNG });
    const chip = page.getByTestId("reply-attachment");
    await expect(chip).toContainText("floor-plan.png");
    await expect(chip.getByRole("status")).toHaveText(t.replyFiles.ready);
    await conversation.replyBox.fill("Here is the plan");
    await conversation.sendButton.click();
    await expect(chip).toHaveCount(0);
    const sentImage = conversation.entry("Here is the plan").getByRole("img", { name: t.conversation.attachment.image });
    await expect(sentImage).toHaveAttribute("src", /^\/api\/files\/[0-9a-f-]{36}$/);
    await expect.poll(() => sentImage.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    await expect(conversation.deliveryState("Here is the plan")).toHaveText(t.conversation.state.sent);

    const [toTwilio] = twilio.sentTo(whatsappContact);
    expect(toTwilio!.form.get("Body")).toBe("Here is the plan");
    const mediaUrl = toTwilio!.form.get("MediaUrl")!;
    expect(mediaUrl).toMatch(/\/api\/files\/[0-9a-f-]{36}\?signature=\d+\.[\w-]{43}$/);
    expect(await fetchLink(mediaUrl)).toEqual({ status: 200, bytes: TINY_PNG });
    // The link is the permission: without its signature, or with another one, it opens nothing.
    expect((await fetchLink(mediaUrl.replace(/\?signature=.*/, ""))).status).toBe(401);
    expect((await fetchLink(mediaUrl.replace(/.$/, (c) => (c === "A" ? "B" : "A")))).status).toBe(403);

    // Messenger: a pasted picture without words.
    await inbox.goto("unassigned");
    await inbox.openConversation(messengerName);
    await dispatchFile(new ConversationPage(page, messengerName).replyBox, "paste", { name: "car.png", type: "image/png", base64: TINY_PNG.toString("base64") });
    await expect(page.getByTestId("reply-attachment").getByRole("status")).toHaveText(t.replyFiles.ready);
    await new ConversationPage(page, messengerName).sendButton.click();
    await expect.poll(() => messenger.sentTo(psid).length).toBe(1);
    const sent = JSON.parse(messenger.sentTo(psid)[0]!.body) as { message: { attachment?: { type: string; payload: { url: string } }; text?: string } };
    expect(sent.message.text).toBeUndefined();
    expect(sent.message.attachment!.type).toBe("image");
    expect(await fetchLink(sent.message.attachment!.payload.url)).toEqual({ status: 200, bytes: TINY_PNG });
    await expect(inbox.thread.getByRole("img", { name: t.conversation.attachment.image })).toBeVisible();
    expect(uploads).toHaveLength(2);
  } finally {
    // A reply claims its conversation (issue 16): the one answered is in Assigned to me now.
    for (const contact of [whatsappName, messengerName]) {
      for (const view of ["unassigned", "mine"] as const) {
        await inbox.goto(view);
        if ((await inbox.row(contact).count()) === 0) continue;
        await inbox.openConversation(contact);
        await new ConversationPage(page, contact).deleteConversation();
        break;
      }
    }
  }
});

test("a WhatsApp template after the 24-hour window, through the Content API", async ({ alice }) => {
  const { page, inbox } = alice;
  const sid = `HX${randomBytes(16).toString("hex")}`;
  const order = `#${randomBytes(2).toString("hex")}`;
  twilio.templates.push(
    { sid, name: "Offer follow-up", body: "Hi {{1}}, the offer {{2}} is still open. Shall we continue?", variables: { "1": "Marek", "2": "#1001" } },
    { sid: `HX${randomBytes(16).toString("hex")}`, name: "Still in review", body: "Not yet {{1}}", status: "pending" },
  );
  // The seeded Marek Dvořák wrote 30 hours ago: only a template reaches him now.
  const contact = "Marek Dvořák";
  await inbox.goto("mine");
  await inbox.openConversation(contact);
  await expect(page.getByTestId("reply-window")).toHaveText(t.content.window.template_only);
  await expect(page.getByRole("textbox", { name: t.conversation.reply.label, exact: true })).toHaveCount(0);

  await page.getByRole("button", { name: t.templates.choose }).click();
  const form = page.getByRole("form", { name: t.templates.formLabel });
  const select = form.getByLabel(t.templates.label, { exact: true });
  await expect(select.getByRole("option")).toHaveText([t.templates.placeholder, "Offer follow-up (en)"]);
  await select.selectOption({ label: "Offer follow-up (en)" });
  await form.getByLabel("Variable {{1}}", { exact: true }).fill("Marek");
  const send = form.getByRole("button", { name: t.templates.send });
  await expect(send).toBeDisabled();
  await form.getByLabel("Variable {{2}}", { exact: true }).fill(order);
  const text = `Hi Marek, the offer ${order} is still open. Shall we continue?`;
  await expect(form.getByTestId("template-preview")).toHaveText(text);
  await send.click();

  const conversation = new ConversationPage(page, contact);
  await expect(conversation.entry(text)).toContainText("Template: Offer follow-up");
  await expect(conversation.deliveryState(text)).toHaveText(t.conversation.state.sent);
  const toTwilio = twilio.sentTo("whatsapp:+420601234567").find(({ form }) => form.get("ContentSid") === sid);
  expect(toTwilio).toBeDefined();
  expect(JSON.parse(toTwilio!.form.get("ContentVariables")!)).toEqual({ "1": "Marek", "2": order });
  expect(toTwilio!.form.has("Body")).toBe(false);
});
