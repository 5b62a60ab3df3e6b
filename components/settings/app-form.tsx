"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useId, useRef, useState } from "react";
import { installAppAction, updateAppAction } from "@/app/(app)/settings/integrations/messaging/actions";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import type { Provider } from "@/db/schema";
import { firstErrorByField } from "@/components/ui/field-errors";
import { RefusalAlert } from "@/components/ui/refusal-alert";
import type { ActionResult } from "@/lib/result";
import type { EditableApp, WorkspaceUserOption } from "./types";
import { useRequestClose } from "@/components/ui/dialog";

export type AppFormMode = { kind: "install"; provider: Provider } | { kind: "edit"; app: EditableApp };

type Values = {
  name: string;
  accessMode: "everyone" | "chosen";
  memberIds: string[];
  pageId: string;
  pageAccessToken: string;
  appSecret: string;
  accountSid: string;
  authToken: string;
  sender: string;
};

type FormState = { values: Values; outcome: ActionResult<{ appId: string }> | null };

function initialValues(mode: AppFormMode): Values {
  const empty: Values = {
    name: "",
    accessMode: "everyone",
    memberIds: [],
    pageId: "",
    pageAccessToken: "",
    appSecret: "",
    accountSid: "",
    authToken: "",
    sender: "",
  };
  if (mode.kind === "install") return empty;
  const { app } = mode;
  return {
    ...empty,
    name: app.name,
    accessMode: app.accessMode,
    memberIds: app.memberIds,
    pageId: app.provider === "messenger" ? app.externalAccountId : "",
    sender: app.provider === "whatsapp" ? app.externalAccountId : "",
    accountSid: app.accountSid ?? "",
  };
}

function readValues(form: FormData): Values {
  const text = (key: string) => String(form.get(key) ?? "");
  return {
    name: text("name"),
    accessMode: text("accessMode") === "chosen" ? "chosen" : "everyone",
    memberIds: form.getAll("memberIds").map(String),
    pageId: text("pageId"),
    pageAccessToken: text("pageAccessToken"),
    appSecret: text("appSecret"),
    accountSid: text("accountSid"),
    authToken: text("authToken"),
    sender: text("sender"),
  };
}

async function submitValues(mode: AppFormMode, values: Values): Promise<ActionResult<{ appId: string }>> {
  const access = {
    name: values.name,
    accessMode: values.accessMode,
    memberIds: values.accessMode === "chosen" ? values.memberIds : [],
  };
  if (mode.kind === "install") {
    return mode.provider === "messenger"
      ? installAppAction({
          provider: "messenger",
          ...access,
          credentials: { pageId: values.pageId, pageAccessToken: values.pageAccessToken, appSecret: values.appSecret },
        })
      : installAppAction({
          provider: "whatsapp",
          ...access,
          credentials: { accountSid: values.accountSid, authToken: values.authToken, sender: values.sender },
        });
  }
  // Empty secret fields keep their saved value (updateAppSchema). The Account SID is not in the
  // settings view, so its field starts empty too and is only sent when the admin types a new one.
  const credentials =
    mode.app.provider === "messenger"
      ? { pageId: values.pageId, pageAccessToken: values.pageAccessToken, appSecret: values.appSecret }
      : { accountSid: values.accountSid.trim() || undefined, authToken: values.authToken, sender: values.sender };
  return updateAppAction({ appId: mode.app.id, ...access, credentials });
}

/** Install or edit one messaging app; secrets are write-only (spec §2). */
export function AppForm({
  mode,
  users,
  installerId,
  onDone,
  onCancel,
}: {
  mode: AppFormMode;
  users: WorkspaceUserOption[];
  installerId: string;
  onDone: (appId: string) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("settings");
  const tCommon = useTranslations("common");
  const provider = mode.kind === "install" ? mode.provider : mode.app.provider;
  const isEdit = mode.kind === "edit";
  const cancel = useRequestClose(onCancel);
  const formRef = useRef<HTMLFormElement>(null);
  const handledOutcome = useRef<ActionResult<{ appId: string }> | null>(null);
  const accessErrorId = useId();

  const [state, submit, pending] = useActionState<FormState, FormData>(
    async (_previous, form) => {
      const values = readValues(form);
      return { values, outcome: await submitValues(mode, values) };
    },
    { values: initialValues(mode), outcome: null },
  );
  const [accessMode, setAccessMode] = useState(state.values.accessMode);

  const { outcome, values } = state;
  const errors = outcome && !outcome.ok ? firstErrorByField(outcome.fieldErrors) : {};
  const errorText = (field: string) => {
    const code = errors[field];
    if (!code) return null;
    return t.has(`errors.${code}`) ? t(`errors.${code}`) : t("errors.invalid");
  };

  useEffect(() => {
    if (!outcome || handledOutcome.current === outcome) return;
    handledOutcome.current = outcome;
    if (outcome.ok) {
      onDone(outcome.value.appId);
      return;
    }
    const target = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [role="alert"]');
    target?.focus();
  }, [outcome, onDone]);

  const secretHint = isEdit ? t("form.secretSaved") : undefined;
  const secretProps = {
    type: "password",
    autoComplete: "off",
    spellCheck: false,
    required: !isEdit,
  } as const;
  const memberError = errors.memberIds ? t("errors.members") : errorText("accessMode");

  return (
    <form ref={formRef} action={submit} noValidate className="flex flex-col gap-4">
      <TextField
        label={t("form.name")}
        name="name"
        defaultValue={values.name}
        hint={t("form.nameHint")}
        error={errorText("name")}
        maxLength={80}
        required
      />

      {provider === "messenger" ? (
        <>
          <TextField
            label={t("form.pageId")}
            name="pageId"
            defaultValue={values.pageId}
            hint={t("form.pageIdHint")}
            error={errorText("pageId")}
            inputMode="numeric"
            autoComplete="off"
            required
          />
          <TextField
            label={t("form.pageAccessToken")}
            name="pageAccessToken"
            defaultValue={values.pageAccessToken}
            hint={secretHint}
            error={errorText("pageAccessToken")}
            {...secretProps}
          />
          <TextField
            label={t("form.appSecret")}
            name="appSecret"
            defaultValue={values.appSecret}
            hint={secretHint}
            error={errorText("appSecret")}
            {...secretProps}
          />
          {isEdit ? null : <p className="text-xs text-muted">{t("form.verifyTokenNote")}</p>}
        </>
      ) : (
        <>
          <TextField
            label={t("form.accountSid")}
            name="accountSid"
            defaultValue={values.accountSid}
            error={errorText("accountSid")}
            autoComplete="off"
            spellCheck={false}
            placeholder="AC…"
            required={!isEdit}
          />
          <TextField
            label={t("form.authToken")}
            name="authToken"
            defaultValue={values.authToken}
            hint={secretHint}
            error={errorText("authToken")}
            {...secretProps}
          />
          <TextField
            label={t("form.sender")}
            name="sender"
            defaultValue={values.sender}
            hint={t("form.senderHint")}
            error={errorText("sender")}
            placeholder="whatsapp:+14155238886"
            autoComplete="off"
            spellCheck={false}
            required
          />
        </>
      )}

      <fieldset className="flex min-w-0 flex-col gap-2" aria-describedby={memberError ? accessErrorId : undefined}>
        <legend className="mb-1 text-sm font-medium">{t("form.access")}</legend>
        {(["everyone", "chosen"] as const).map((option) => (
          <label key={option} className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="accessMode"
              value={option}
              defaultChecked={values.accessMode === option}
              onChange={() => setAccessMode(option)}
              className="h-4 w-4 accent-brand-500"
            />
            {option === "everyone" ? t("form.accessEveryone") : t("form.accessChosen")}
          </label>
        ))}
        <div
          hidden={accessMode !== "chosen"}
          className="ml-6 max-h-48 overflow-y-auto rounded-md border border-line"
        >
          <ul className="divide-y divide-line">
            {users.map((user) => {
              const isInstaller = user.id === installerId;
              return (
                <li key={user.id}>
                  <label className="flex items-center gap-2 px-3 py-1.5 text-sm">
                    <input
                      type="checkbox"
                      name="memberIds"
                      value={user.id}
                      defaultChecked={isInstaller || values.memberIds.includes(user.id)}
                      disabled={isInstaller}
                      className="h-4 w-4 shrink-0 accent-brand-500"
                    />
                    <span className="min-w-0">
                      {user.name}
                      {isInstaller ? <span className="text-muted"> · {t("form.installerNote")}</span> : null}
                    </span>
                    <span className="ml-auto hidden truncate text-xs text-muted sm:inline">{user.email}</span>
                  </label>
                </li>
              );
            })}
          </ul>
        </div>
        {memberError ? (
          <p id={accessErrorId} className="ml-6 text-xs text-danger">
            {memberError}
          </p>
        ) : null}
      </fieldset>

      {outcome && !outcome.ok ? <RefusalAlert refusal={outcome} /> : null}

      <div className="sticky bottom-0 -mx-5 flex justify-end gap-2 border-t border-line bg-white px-5 py-3">
        <Button variant="secondary" onClick={cancel}>
          {tCommon("cancel")}
        </Button>
        <Button type="submit" disabled={pending}>
          {isEdit ? (pending ? t("form.saving") : tCommon("save")) : pending ? t("form.installing") : t("form.install")}
        </Button>
      </div>
    </form>
  );
}
