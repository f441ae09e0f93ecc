import { TabSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return <TabSkeleton what="the approvals" />;
}
