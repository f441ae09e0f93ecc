"use client";

import { Select } from "@/components/ui/field";
import type { Mapping } from "./integration-form";
import { RowList, rowInput } from "./rows";

const TARGETS = ["path", "querystring", "header"];

/** The integration request's parameter mappings: integration.request.{location}.{name} ← a method request value. */
export function RequestParameterMappings({
  mappings,
  onChange,
  canEdit,
  error,
}: {
  mappings: Mapping[];
  onChange: (mappings: Mapping[]) => void;
  canEdit: boolean;
  error?: string;
}) {
  return (
    <RowList
      label="Request parameter mappings"
      rows={mappings}
      onChange={onChange}
      blank={{ location: "header", name: "", source: "" }}
      addLabel="Add parameter mapping"
      disabled={!canEdit}
      error={error}
      render={(m, set, i) => (
        <>
          <Select aria-label={`Mapping target location ${i}`} value={m.location} onChange={(e) => set({ ...m, location: e.target.value })} options={TARGETS} />
          <input
            aria-label={`Mapping target name ${i}`}
            className={rowInput}
            value={m.name}
            onChange={(e) => set({ ...m, name: e.target.value })}
            placeholder="name"
          />
          <span className="text-slate-500">←</span>
          <input
            aria-label={`Mapped from ${i}`}
            className={rowInput}
            value={m.source}
            onChange={(e) => set({ ...m, source: e.target.value })}
            placeholder="method.request.path.id, 'static', stageVariables.x"
          />
        </>
      )}
    />
  );
}
