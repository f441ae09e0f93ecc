import { PageSkeleton } from "@/components/ui/skeleton";

// Inside the console layout (header kept), for this page alone: see app/(console)/(home)/loading.tsx for why not one above all.
export default function Loading() {
  return <PageSkeleton />;
}
