"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { RefusalAlert } from "@/components/ui/refusal-alert";
import { TextField } from "@/components/ui/text-field";
import type { FormState } from "@/lib/accounts/form-state";

/** A text field of an account form, showing its error from the form state in the catalog's words. */
export function AccountField({
  state,
  name,
  label,
  ...props
}: React.InputHTMLAttributes<HTMLInputElement> & { state: FormState; name: string; label: string; hint?: string }) {
  const t = useTranslations("accounts.errors");
  const code = state.errors?.[name];
  const error = code ? (t.has(code) ? t(code) : code) : null;
  return <TextField label={label} name={name} defaultValue={state.values?.[name]} error={error} {...props} />;
}

export function FormRefusal({ state }: { state: FormState }) {
  return state.refusal ? <RefusalAlert refusal={state.refusal} /> : null;
}

export function SubmitButton({
  pending,
  label,
  pendingLabel,
  variant = "primary",
  className = "w-full justify-center",
}: {
  pending: boolean;
  label: string;
  pendingLabel: string;
  variant?: "primary" | "secondary" | "danger";
  className?: string;
}) {
  return (
    <Button type="submit" variant={variant} disabled={pending} className={className}>
      {pending ? pendingLabel : label}
    </Button>
  );
}
