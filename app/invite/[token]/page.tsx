import { getDb } from "@/db/index";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/accounts/auth-card";
import { InvalidLink } from "@/components/accounts/invalid-link";
import { NewPasswordForm } from "@/components/accounts/new-password-form";
import { findInvitation } from "@/lib/team/invitations";
import { acceptInvitationAction } from "../actions";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ token: string }> }): Promise<Metadata> {
  const db = await getDb();
  const invitation = await findInvitation(db, (await params).token);
  const t = await getTranslations("accounts.invite");
  return { title: invitation ? t("metaTitle", { company: invitation.company }) : t("invalidTitle") };
}

/** Accepting an invitation (spec §12); any bad token gets one page and changes nothing. */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const db = await getDb();
  const { token } = await params;
  const t = await getTranslations("accounts");
  const invitation = await findInvitation(db, token);
  if (!invitation) return <InvalidLink title={t("invite.invalidTitle")} body={t("invite.invalidBody")} />;
  return (
    <AuthCard title={t("invite.title", { company: invitation.company })} subtitle={t("invite.subtitle", { email: invitation.email })}>
      <NewPasswordForm
        action={acceptInvitationAction}
        token={token}
        withName
        passwordLabel={t("fields.password")}
        submitLabel={t("invite.submit", { company: invitation.company })}
        pendingLabel={t("invite.submitting")}
      />
    </AuthCard>
  );
}
