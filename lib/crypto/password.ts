import bcrypt from "bcryptjs";

const COST = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/** Compared against when the email is unknown, so both paths take the same time. */
export const DUMMY_HASH = "$2b$10$R5YklYrHiPtOKuxCxzOfP.AM9vSLpzRleDR4YcgxTDAmg.CnJrMR6";
