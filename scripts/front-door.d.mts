/** Types of front-door.mjs (plain JavaScript, for scripts/start.mjs). */
export interface FrontDoorAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}
export function frontDoorAnswer(method: string, url: string): FrontDoorAnswer | null;
/** True for `/gw` and everything below it (a path, without the query). */
export function isGatewayPath(path: string): boolean;
