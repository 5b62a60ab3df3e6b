import { recordListRoute } from "@/app/(app)/crm/record-routes";

const route = recordListRoute("deal");
export const generateMetadata = route.generateMetadata;
export default route.Page;
