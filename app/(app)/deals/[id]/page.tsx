import { recordDetailRoute } from "@/app/(app)/crm/record-routes";

const route = recordDetailRoute("deal");
export const generateMetadata = route.generateMetadata;
export default route.Page;
