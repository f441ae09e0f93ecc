import { DesignerSkeleton } from "@/components/ui/skeleton";

// The Design tab (this segment's page); the other tabs have their own.
export default function Loading() {
  return <DesignerSkeleton />;
}
