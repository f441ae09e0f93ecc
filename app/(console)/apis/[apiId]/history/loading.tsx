import { HistorySkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return <HistorySkeleton />;
}
