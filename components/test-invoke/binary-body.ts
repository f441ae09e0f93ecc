/**
 * Binary payloads in the Test panel: a file becomes the base64 body the server decodes
 * (isBase64Encoded), and a binary answer's base64 becomes a download. Browser-only helpers.
 */

/** The base64 of a file's bytes, read in the browser (no upload until Send). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  // Chunks keep String.fromCharCode under the engine's argument limit on large files.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** How many bytes a base64 text stands for (padding and whitespace not counted). */
export function base64ByteLength(text: string): number {
  const clean = text.replace(/\s+/g, "");
  const padding = clean.endsWith("==") ? 2 : clean.endsWith("=") ? 1 : 0;
  return Math.max(0, Math.floor((clean.length * 3) / 4) - padding);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} byte${n === 1 ? "" : "s"}`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** Saves base64 bytes as a file through a temporary object URL. */
export function downloadBase64(base64: string, contentType: string, fileName: string): void {
  const binary = atob(base64.replace(/\s+/g, ""));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: contentType || "application/octet-stream" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const EXTENSIONS: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/gif": "gif",
  "image/webp": "webp",
  "application/pdf": "pdf",
  "application/zip": "zip",
  "application/octet-stream": "bin",
};

/** A download name for a response of this content type. */
export function responseFileName(contentType: string): string {
  const type = contentType.split(";")[0].trim().toLowerCase();
  return `response.${EXTENSIONS[type] ?? (type.split("/")[1]?.replace(/[^a-z0-9]+/g, "") || "bin")}`;
}
