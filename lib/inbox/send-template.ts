import "server-only";
import type { Database } from "@/db/client";
import type { MessagingApp } from "@/db/schema";
import { withCredentials } from "@/lib/apps/credentials";
import { listApprovedTemplates } from "@/lib/channels/whatsapp/content-templates";
import { findAccessibleConversation, lockAccessibleConversation, type AccessSubject } from "@/lib/apps/access";
import { queueOutbound } from "@/lib/inbox/reply";
import { ok, refuse, type Result } from "@/lib/result";
import { missingVariables, renderTemplate, type WhatsappTemplate } from "@/lib/content/templates";

export type TemplateRefusal = "not_found" | "templates_whatsapp_only" | "templates_unavailable" | "template_not_found" | "template_variables_missing";

async function templatesOf(app: MessagingApp): Promise<Result<WhatsappTemplate[], TemplateRefusal>> {
  const found = withCredentials(app);
  if (found.provider !== "whatsapp") return refuse("templates_whatsapp_only");
  const list = await listApprovedTemplates(found.credentials);
  return list.ok ? ok(list.templates) : refuse("templates_unavailable");
}

/** SPEC §14: the WhatsApp app's approved templates, for a user who may reply in the conversation. */
export async function listConversationTemplates(
  db: Database,
  actor: AccessSubject,
  conversationId: string,
): Promise<Result<WhatsappTemplate[], TemplateRefusal>> {
  const found = await findAccessibleConversation(db, actor, conversationId);
  if (!found) return refuse("not_found");
  return templatesOf(found.app);
}

/**
 * Sends an approved template with its variables (ContentSid + ContentVariables). The template is
 * looked up again at Twilio, so the thread shows the text the customer gets, and no made-up sid
 * is ever queued. The Content API is asked before the conversation is locked: no row lock waits
 * on a network call.
 */
export async function sendTemplate(
  db: Database,
  actor: AccessSubject,
  input: { conversationId: string; contentSid: string; variables: Record<string, string> },
): Promise<Result<{ messageId: string }, TemplateRefusal>> {
  const listed = await listConversationTemplates(db, actor, input.conversationId);
  if (!listed.ok) return listed;
  const template = listed.value.find((candidate) => candidate.sid === input.contentSid);
  if (!template) return refuse("template_not_found");
  const missing = missingVariables(template, input.variables);
  if (missing.length > 0) return refuse("template_variables_missing", { names: missing.map((name) => `{{${name}}}`).join(", ") });
  const variables = Object.fromEntries(template.variables.map((name) => [name, input.variables[name]!.trim()]));
  return db.transaction(async (tx) => {
    const found = await lockAccessibleConversation(tx, actor, input.conversationId);
    if (!found) return refuse("not_found");
    const [message] = await queueOutbound(tx, actor, found, [
      {
        text: renderTemplate(template.body, variables),
        content: { kind: "template", title: template.name, contentSid: template.sid, variables },
      },
    ]);
    return ok({ messageId: message!.id });
  });
}
