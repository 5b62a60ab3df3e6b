"use server";

import { getDb } from "@/db/index";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/auth/authed-action";
import { invitePeople, inviteSchema, resendInvitation, revokeInvitation } from "@/lib/team/invitations";
import { changeRole, deactivateMember, memberSchema, reactivateMember, roleChangeSchema } from "@/lib/team/members";
import type { Result } from "@/lib/result";
import { SETTINGS_PATHS } from "@/lib/paths";

/** Each action re-renders the team list on success; the domain functions check the admin role. */
function refreshing<T, R extends string>(result: Result<T, R>): Result<T, R> {
  if (result.ok) revalidatePath(SETTINGS_PATHS.team);
  return result;
}

const invitationSchema = z.object({ invitationId: z.uuid() });

export const invitePeopleAction = authedAction(inviteSchema, async (actor, input) => refreshing(await invitePeople(await getDb(), actor, input)));
export const resendInvitationAction = authedAction(invitationSchema, async (actor, input) =>
  refreshing(await resendInvitation(await getDb(), actor, input.invitationId)),
);
export const revokeInvitationAction = authedAction(invitationSchema, async (actor, input) =>
  refreshing(await revokeInvitation(await getDb(), actor, input.invitationId)),
);
export const changeRoleAction = authedAction(roleChangeSchema, async (actor, input) => refreshing(await changeRole(await getDb(), actor, input)));
export const deactivateMemberAction = authedAction(memberSchema, async (actor, input) => refreshing(await deactivateMember(await getDb(), actor, input)));
export const reactivateMemberAction = authedAction(memberSchema, async (actor, input) => refreshing(await reactivateMember(await getDb(), actor, input)));
