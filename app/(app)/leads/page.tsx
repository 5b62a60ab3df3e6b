import { recordListRoute } from "@/app/(app)/crm/record-routes";

const route = recordListRoute("lead");
export const generateMetadata = route.generateMetadata;
export default route.Page;
