import { StageSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return <StageSkeleton />;
}
