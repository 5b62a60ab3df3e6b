import { recordListRoute } from "@/app/(app)/crm/record-routes";

const route = recordListRoute("person");
export const generateMetadata = route.generateMetadata;
export default route.Page;
