/*
 * WhatsApp templates (SPEC §14) as the reply box shows them: a body with `{{1}}`-style
 * placeholders, filled from a small form. Browser-safe; the list comes from the Twilio Content
 * API through lib/channels/whatsapp/content-templates.ts.
 */

export type WhatsappTemplate = {
  /** Twilio's ContentSid, `HX` + 32 hex. */
  sid: string;
  name: string;
  language: string;
  body: string;
  /** The placeholders to fill, in order ("1", "2", … or named). */
  variables: string[];
  /** The template's sample values, shown as the fields' placeholders. */
  samples: Record<string, string>;
};

const PLACEHOLDER = /\{\{\s*([\w.-]{1,64})\s*\}\}/g;

/** Placeholders in the body plus those the template declares, numbers in numeric order. */
export function templateVariables(body: string, declared: string[]): string[] {
  const names = new Set([...Array.from(body.matchAll(PLACEHOLDER), (match) => match[1]!), ...declared]);
  return [...names].sort((a, b) => {
    const [x, y] = [Number(a), Number(b)];
    return Number.isInteger(x) && Number.isInteger(y) ? x - y : a.localeCompare(b);
  });
}

/** The body as the customer will read it; a placeholder without a value stays visible. */
export function renderTemplate(body: string, values: Record<string, string>): string {
  return body.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(values, name) && values[name]!.trim() ? values[name]!.trim() : whole));
}

/** Variables still empty, in order: the send is refused while there are any. */
export function missingVariables(template: Pick<WhatsappTemplate, "variables">, values: Record<string, string>): string[] {
  return template.variables.filter((name) => !values[name]?.trim());
}
