"use client";
/** The Test panel's request body: typed in the editor, or a file's bytes sent as base64. */
import { useRef, useState } from "react";
import { CodeEditor } from "@/components/editor/code-editor";
import { Checkbox } from "@/components/ui/field";
import { base64ByteLength, fileToBase64, formatBytes } from "./binary-body";

export function RequestBodyInput({
  body,
  isBase64,
  onChange,
}: {
  body: string;
  isBase64: boolean;
  onChange: (change: { body?: string; isBase64?: boolean }) => void;
}) {
  const [fileNote, setFileNote] = useState<string | null>(null);
  // The editor echoes a value set from a file through onChange: only a real edit drops the file's note.
  const loadedBody = useRef<string | null>(null);
  const loadFile = async (file: File) => {
    const encoded = await fileToBase64(file);
    loadedBody.current = encoded;
    onChange({ body: encoded, isBase64: true });
    setFileNote(`${file.name}, ${formatBytes(file.size)}${file.type ? `, ${file.type}` : ""}: sent as its bytes; set Content-Type in the headers`);
  };
  return (
    <div className="text-sm font-medium text-slate-700 md:col-span-2">
      Request body
      <div className="mt-1 flex flex-wrap items-center gap-4 text-xs font-normal">
        <Checkbox label="Body is base64 (binary)" name="test.isBase64Encoded" checked={isBase64} onChange={(e) => onChange({ isBase64: e.target.checked })} />
        <label className="flex items-center gap-1">
          Load a file as the body
          {/* No primitive for a file picker: the browser's own control, labelled. */}
          <input
            type="file"
            name="test.file"
            className="text-xs"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              await loadFile(file);
              e.target.value = "";
            }}
          />
        </label>
        {isBase64 && (
          <span className="text-slate-500" data-testid="binary-body-note">
            {fileNote ?? `The server decodes this base64 and sends ${formatBytes(base64ByteLength(body))}`}
          </span>
        )}
      </div>
      <div className="mt-1">
        <CodeEditor
          value={body}
          onChange={(v) => {
            onChange({ body: v });
            if (v !== loadedBody.current) setFileNote(null);
          }}
          language={isBase64 ? "plaintext" : "json"}
          height={120}
          ariaLabel="test-body"
        />
      </div>
    </div>
  );
}
