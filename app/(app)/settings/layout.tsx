import { requireAdmin } from "@/lib/auth/actor";

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  await requireAdmin();
  return children;
}
