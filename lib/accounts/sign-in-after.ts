import "server-only";
import { signIn } from "@/lib/auth/index";
import { HOME_PATH } from "@/lib/paths";

/**
 * Signs the browser in with the password the person just chose (setup, invitation, reset):
 * through the Credentials provider like any sign-in, so a session row is created. Redirects.
 */
export async function signInWithNewPassword(email: string, password: string, redirectTo = HOME_PATH): Promise<never> {
  await signIn("credentials", { email, password, redirectTo });
  throw new Error("signIn returned without redirecting");
}
