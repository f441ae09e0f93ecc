import { PageSkeleton } from "@/components/ui/skeleton";

// Inside the console layout (header kept): any console page, and an API until its layout has loaded.
export default function Loading() {
  return <PageSkeleton />;
}
