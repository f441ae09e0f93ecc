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
  // Deleting a deployment or a stage removes what a deployer could have created; nothing on AWS is touched.
  "deployment.delete": "deployer",
  "stage.write": "deployer",
  "stage.delete": "deployer",
  "stage.protect": "admin",
  // A protected stage is one only admins may unprotect, so only admins may delete it outright.
  "stage.deleteProtected": "admin",
  "aws.push": "deployer",
  "connection.write": "admin",
  // An API with its stages, deployments and test cases: the whole team's work, so admin only.
  "api.delete": "admin",
  "connection.delete": "admin",
  "member.write": "admin",
  // Who may call an API and how much is a release decision, like a deployment: deployers and admins.
  "apiKey.write": "deployer",
  "usagePlan.write": "deployer",
  // A key's value is a credential: after its creation only admins read it, and each reading is audited.
  "apiKey.reveal": "admin",
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
