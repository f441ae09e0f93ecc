/** Workspace roles, each including everything the one before it may do. */
import { ForbiddenError } from "../errors";

export const ROLES = ["viewer", "editor", "deployer", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** What each kind of action needs. Checked inside every server action and route handler. */
export const REQUIRED_ROLE = {
  read: "viewer",
  "design.edit": "editor",
  "api.create": "editor",
  "invoke.test": "editor",
  "deployment.create": "deployer",
  "stage.write": "deployer",
  "stage.protect": "admin",
  "aws.push": "deployer",
  "connection.write": "admin",
  "member.write": "admin",
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof REQUIRED_ROLE;

export function roleAtLeast(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

export function can(role: Role, permission: Permission): boolean {
  return roleAtLeast(role, REQUIRED_ROLE[permission]);
}

export function assertCan(role: Role, permission: Permission): void {
  if (!can(role, permission)) {
    throw new ForbiddenError(`Your role (${role}) cannot do this: it needs ${REQUIRED_ROLE[permission]} or above`);
  }
}
