/** Spec §12: /signup exists only with ALLOW_SIGNUP=1 (off by default). */
export function isSignupAllowed(): boolean {
  return process.env.ALLOW_SIGNUP === "1";
}
