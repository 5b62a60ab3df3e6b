import { redirect } from "next/navigation";

export default function MessagingIndex() {
  redirect("/messaging/unassigned");
}
