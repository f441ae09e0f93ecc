"use client";
/**
 * Pickers A and B (draft, a stage, a deployment); Compare (or Swap) navigates, so a comparison has a
 * link, reload keeps it and Back returns to the previous pair. The page keys this form by the URL's
 * pair, so after Back the selects show the pair on screen, not the last one chosen.
 */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { diffPairHref } from "@/lib/url-state/query";

export function DiffPickers({ apiId, options, a, b }: { apiId: string; options: { value: string; label: string }[]; a: string; b: string }) {
  const router = useRouter();
  const [left, setLeft] = useState(a);
  const [right, setRight] = useState(b);
  const go = (x: string, y: string) => router.push(diffPairHref(apiId, x, y), { scroll: false });
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      data-testid="diff-pickers"
      onSubmit={(e) => {
        e.preventDefault();
        go(left, right);
      }}
    >
      <SelectField label="A (before)" name="diff.a" value={left} onChange={(e) => setLeft(e.target.value)} options={options} className="min-w-64 flex-1" />
      <Button
        type="button"
        variant="ghost"
        aria-label="Swap A and B"
        onClick={() => {
          setLeft(right);
          setRight(left);
          go(right, left);
        }}
      >
        ⇄
      </Button>
      <SelectField label="B (after)" name="diff.b" value={right} onChange={(e) => setRight(e.target.value)} options={options} className="min-w-64 flex-1" />
      <Button type="submit">Compare</Button>
    </form>
  );
}
