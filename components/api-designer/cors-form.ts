/** The CORS helper's form state and the CorsSettings it sends (lib/model/cors writes them). */
import { CORS_METHODS, type CorsSettings } from "@/lib/model/cors";

export interface CorsFormState {
  origin: string;
  methods: string[];
  headers: string;
  expose: string;
  maxAge: string;
  credentials: boolean;
}

const list = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

export function corsForm(defaults: CorsSettings): CorsFormState {
  return {
    origin: defaults.allowOrigin,
    methods: defaults.allowMethods,
    headers: defaults.allowHeaders.join(","),
    expose: defaults.exposeHeaders.join(","),
    maxAge: defaults.maxAge === undefined ? "" : String(defaults.maxAge),
    credentials: defaults.allowCredentials,
  };
}

export function corsSettings(f: CorsFormState): CorsSettings {
  return {
    allowOrigin: f.origin,
    allowMethods: CORS_METHODS.filter((m) => f.methods.includes(m)),
    allowHeaders: list(f.headers),
    exposeHeaders: list(f.expose),
    maxAge: f.maxAge.trim() === "" ? undefined : Number(f.maxAge),
    allowCredentials: f.credentials,
  };
}
