import { recordDetailRoute } from "@/app/(app)/crm/record-routes";

const route = recordDetailRoute("lead");
export const generateMetadata = route.generateMetadata;
export default route.Page;
