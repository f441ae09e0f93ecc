import { StagesSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return <StagesSkeleton />;
}
