"use client";

import { useEffect, useRef } from "react";
import type { ActionResult } from "@/lib/result";
import { firstErrorByField } from "./field-errors";

/**
 * A form's answer from its action (useActionState): its field errors, one per input, and on
 * each new refusal the focus on the first invalid field (or the alert when no field is to
 * blame). `onDone` runs once per success. Attach `formRef` to the form.
 */
export function useFormErrors<T>(outcome: ActionResult<T> | null, onDone?: (value: T) => void) {
  const formRef = useRef<HTMLFormElement>(null);
  const handled = useRef<ActionResult<T> | null>(null);
  useEffect(() => {
    if (!outcome || handled.current === outcome) return;
    handled.current = outcome;
    if (outcome.ok) {
      onDone?.(outcome.value);
      return;
    }
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [role="alert"]')?.focus();
  }, [outcome, onDone]);
  const errors = outcome && !outcome.ok ? firstErrorByField(outcome.fieldErrors) : {};
  return { formRef, errors };
}
