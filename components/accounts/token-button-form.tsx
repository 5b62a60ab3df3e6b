"use client";

import { useActionState } from "react";
import { EMPTY_FORM, type FormState } from "@/lib/accounts/form-state";
import { FormRefusal, SubmitButton } from "./form-parts";

/** A link's page that acts only on a press (mail scanners open links but press nothing). */
export function TokenButtonForm({
  action,
  token,
  label,
}: {
  action: (previous: FormState, form: FormData) => Promise<FormState>;
  token: string;
  label: string;
}) {
  const [state, formAction, pending] = useActionState(action, EMPTY_FORM);
  return (
    <form action={formAction} className="flex flex-col gap-4">
      <input type="hidden" name="token" value={token} />
      <FormRefusal state={state} />
      {state.done ? null : <SubmitButton pending={pending} label={label} pendingLabel={label} />}
    </form>
  );
}
