import { PageSkeleton } from "@/components/ui/skeleton";

// The API list's skeleton, in a route group of its own. A loading.tsx at the console's root would
// wrap every page below it, including the API layout: the skeleton would stream with HTTP 200
// before that layout could answer 404 for a missing API. So each top-level page has
// its own, and none sits above a layout that may answer 404 (test/app-conventions.test.ts).
export default function Loading() {
  return <PageSkeleton />;
}
