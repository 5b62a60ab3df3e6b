"use client";

import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { listTemplatesAction, sendTemplateAction } from "@/app/(app)/messaging/template-actions";
import { Button } from "@/components/ui/button";
import { RefusalAlert, type ShownRefusal } from "@/components/ui/refusal-alert";
import { missingVariables, renderTemplate, type WhatsappTemplate } from "@/lib/content/templates";

type Loaded = { status: "idle" } | { status: "loading" } | { status: "loaded"; templates: WhatsappTemplate[] };

/**
 * SPEC §14: after WhatsApp's 24-hour window the reply box offers the app's approved templates
 * (Twilio Content API): choose one, fill its variables, see the text the customer will get, send.
 */
export function TemplatePicker({ conversationId }: { conversationId: string }) {
  const t = useTranslations("templates");
  const id = useId();
  const [loaded, setLoaded] = useState<Loaded>({ status: "idle" });
  const [chosenSid, setChosenSid] = useState("");
  const [values, setValues] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<ShownRefusal | null>(null);
  const [isSending, startSending] = useTransition();

  const load = async () => {
    setLoaded({ status: "loading" });
    setRefusal(null);
    try {
      const result = await listTemplatesAction({ conversationId });
      if (result.ok) {
        setLoaded({ status: "loaded", templates: result.value });
        if (result.value.length === 1) setChosenSid(result.value[0]!.sid);
      } else {
        setLoaded({ status: "idle" });
        setRefusal(result);
      }
    } catch (error) {
      console.error(error);
      setLoaded({ status: "idle" });
      setRefusal({ reason: "unknown" });
    }
  };

  if (loaded.status !== "loaded") {
    return (
      <div className="flex flex-col gap-2">
        {refusal ? <RefusalAlert refusal={refusal} onDismiss={() => setRefusal(null)} /> : null}
        <Button variant="secondary" className="self-start" disabled={loaded.status === "loading"} onClick={() => void load()}>
          {loaded.status === "loading" ? t("loading") : t("choose")}
        </Button>
      </div>
    );
  }
  if (loaded.templates.length === 0) return <p className="text-sm text-muted">{t("none")}</p>;

  const template = loaded.templates.find((candidate) => candidate.sid === chosenSid) ?? null;
  const missing = template ? missingVariables(template, values) : [];
  const send = () => {
    if (!template || missing.length > 0) return;
    setRefusal(null);
    startSending(async () => {
      try {
        const result = await sendTemplateAction({ conversationId, contentSid: template.sid, variables: values });
        if (result.ok) {
          setChosenSid("");
          setValues({});
        } else setRefusal(result);
      } catch (error) {
        console.error(error);
        setRefusal({ reason: "unknown" });
      }
    });
  };

  return (
    <form
      aria-label={t("formLabel")}
      className="flex flex-col gap-2.5 rounded-lg border border-line bg-white p-3"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      {refusal ? <RefusalAlert refusal={refusal} onDismiss={() => setRefusal(null)} /> : null}
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-template`} className="text-xs font-medium text-muted">
          {t("label")}
        </label>
        <select
          id={`${id}-template`}
          value={chosenSid}
          onChange={(event) => {
            setChosenSid(event.target.value);
            setValues({});
          }}
          className="rounded-md border border-line bg-white px-2 py-1.5 text-sm"
        >
          <option value="">{t("placeholder")}</option>
          {loaded.templates.map((candidate) => (
            <option key={candidate.sid} value={candidate.sid}>
              {candidate.language ? `${candidate.name} (${candidate.language})` : candidate.name}
            </option>
          ))}
        </select>
      </div>
      {template ? (
        <>
          {template.variables.length > 0 ? (
            <div className="grid gap-2 sm:grid-cols-2">
              {template.variables.map((name) => (
                <div key={name} className="flex flex-col gap-1">
                  <label htmlFor={`${id}-var-${name}`} className="text-xs font-medium text-muted">
                    {t("variable", { name: `{{${name}}}` })}
                  </label>
                  <input
                    id={`${id}-var-${name}`}
                    value={values[name] ?? ""}
                    maxLength={1024}
                    placeholder={template.samples[name] ?? ""}
                    onChange={(event) => setValues((current) => ({ ...current, [name]: event.target.value }))}
                    className="rounded-md border border-line px-2 py-1.5 text-sm"
                  />
                </div>
              ))}
            </div>
          ) : null}
          <figure className="rounded-md bg-canvas px-3 py-2">
            <figcaption className="text-xs font-medium text-muted">{t("preview")}</figcaption>
            <p data-testid="template-preview" className="mt-0.5 text-sm whitespace-pre-wrap">
              {renderTemplate(template.body, values)}
            </p>
          </figure>
          <div className="flex items-center justify-end gap-3">
            {missing.length > 0 ? <p className="min-w-0 flex-1 text-xs text-muted">{t("fillAll")}</p> : null}
            <Button type="submit" disabled={missing.length > 0 || isSending}>
              {t("send")}
            </Button>
          </div>
        </>
      ) : null}
    </form>
  );
}
