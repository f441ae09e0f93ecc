/**
 * Whether the role the console runs as could rewrite the audit trail. The append-only triggers
 * hold for an ordinary role, but a superuser can set session_replication_role = replica (which
 * skips triggers) and the table's owner can disable or drop them. Said at start, not refused:
 * one role for everything is the simple setup, with a weaker guarantee.
 */
import type { SqlExecutor } from "./sql";

interface RolePowers {
  role: string;
  superuser: boolean;
  owns_audit: boolean;
  can_update: boolean;
  can_delete: boolean;
  can_truncate: boolean;
}

/** A warning naming what the role can do to audit rows, or null when it can only read and append. */
export async function auditTamperWarning(sql: SqlExecutor): Promise<string | null> {
  const [p] = await sql.query<RolePowers>(`
    SELECT current_user AS role,
           (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
           pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = 'audit_events'::regclass), 'USAGE') AS owns_audit,
           has_table_privilege('audit_events', 'UPDATE') AS can_update,
           has_table_privilege('audit_events', 'DELETE') AS can_delete,
           has_table_privilege('audit_events', 'TRUNCATE') AS can_truncate`);
  const powers = [
    p.superuser && "is a superuser (can switch the audit triggers off with session_replication_role)",
    p.owns_audit && "owns audit_events (can disable or drop its append-only triggers)",
    (p.can_update || p.can_delete || p.can_truncate) && "holds UPDATE/DELETE/TRUNCATE on audit_events",
  ].filter(Boolean);
  if (powers.length === 0) return null;
  return (
    `[gatehouse] Warning: the database role "${p.role}" ${powers.join("; ")}, so the audit trail is only as safe as this role. ` +
    `Run migrations as the owner (DATABASE_MIGRATION_URL) and the console as a member of gatehouse_app (DATABASE_URL); see README, "Running in production".`
  );
}
