"use client";

import { useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import { Button } from "@/components/ui/button";
import { AppForm } from "./app-form";
import { SettingsDialog } from "./settings-dialog";
import type { EditableApp, WorkspaceUserOption } from "./types";
import { UninstallForm } from "./uninstall-form";

/** The card's Edit and Uninstall buttons, each opening its dialog. */
export function AppCardActions({ app, users }: { app: EditableApp; users: WorkspaceUserOption[] }) {
  const t = useTranslations("settings");
  const [dialog, setDialog] = useState<"edit" | "uninstall" | null>(null);
  const close = useCallback(() => setDialog(null), []);
  return (
    <div className="flex shrink-0 gap-2">
      <Button variant="secondary" className="px-2.5 py-1 text-xs" onClick={() => setDialog("edit")}>
        {t("card.edit")}
      </Button>
      <Button variant="secondary" className="px-2.5 py-1 text-xs" onClick={() => setDialog("uninstall")}>
        {t("card.uninstall")}
      </Button>
      <SettingsDialog open={dialog === "edit"} onClose={close} title={t("form.editTitle", { name: app.name })} guardUnsaved>
        <AppForm mode={{ kind: "edit", app }} users={users} installerId={app.installer.id} onDone={close} onCancel={close} />
      </SettingsDialog>
      <SettingsDialog open={dialog === "uninstall"} onClose={close} title={t("uninstall.title", { name: app.name })}>
        <UninstallForm appId={app.id} onCancel={close} />
      </SettingsDialog>
    </div>
  );
}
