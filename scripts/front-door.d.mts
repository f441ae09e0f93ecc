/** Types of front-door.mjs (plain JavaScript, for scripts/start.mjs). */
export interface FrontDoorAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}
export function frontDoorAnswer(method: string, url: string): FrontDoorAnswer | null;
