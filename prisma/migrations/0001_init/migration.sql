-- Gatehouse's first schema: users and sessions, workspaces and memberships, REST API
-- designs, deployments and stages, AWS connections and pushes, and the audit trail.

CREATE TYPE "Role" AS ENUM ('viewer', 'editor', 'deployer', 'admin');
CREATE TYPE "PushStatus" AS ENUM ('running', 'succeeded', 'failed');

CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

CREATE TABLE "sessions" (
    "id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "user_agent" TEXT,
    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "sessions_token_hash_key" ON "sessions"("token_hash");
CREATE INDEX "sessions_user_id_idx" ON "sessions"("user_id");

CREATE TABLE "sign_in_throttles" (
    "email" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "last_failure" TIMESTAMPTZ(3) NOT NULL,
    "locked_until" TIMESTAMPTZ(3),
    CONSTRAINT "sign_in_throttles_pkey" PRIMARY KEY ("email")
);

CREATE TABLE "workspaces" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "workspaces_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "workspaces_slug_key" ON "workspaces"("slug");

CREATE TABLE "memberships" (
    "workspace_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "memberships_pkey" PRIMARY KEY ("workspace_id", "user_id")
);
CREATE INDEX "memberships_user_id_idx" ON "memberships"("user_id");

CREATE TABLE "rest_apis" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "design" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "aws_connection_id" UUID,
    "aws_rest_api_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "rest_apis_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "rest_apis_workspace_id_idx" ON "rest_apis"("workspace_id");

CREATE TABLE "deployments" (
    "id" UUID NOT NULL,
    "rest_api_id" UUID NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "snapshot" JSONB NOT NULL,
    "content_hash" TEXT NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "deployments_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "deployments_rest_api_id_created_at_idx" ON "deployments"("rest_api_id", "created_at");

CREATE TABLE "stages" (
    "id" UUID NOT NULL,
    "rest_api_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "deployment_id" UUID NOT NULL,
    "variables" JSONB NOT NULL DEFAULT '{}',
    "settings" JSONB NOT NULL DEFAULT '{}',
    "protected" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "stages_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "stages_rest_api_id_name_key" ON "stages"("rest_api_id", "name");

CREATE TABLE "aws_connections" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "role_arn" TEXT,
    "endpoint_url" TEXT,
    "profile" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "aws_connections_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "aws_connections_workspace_id_name_key" ON "aws_connections"("workspace_id", "name");

CREATE TABLE "pushes" (
    "id" UUID NOT NULL,
    "rest_api_id" UUID NOT NULL,
    "stage_id" UUID NOT NULL,
    "connection_id" UUID NOT NULL,
    "status" "PushStatus" NOT NULL DEFAULT 'running',
    "plan" JSONB NOT NULL,
    "calls" JSONB NOT NULL DEFAULT '[]',
    "error" TEXT,
    "aws_rest_api_id" TEXT,
    "aws_deployment_id" TEXT,
    "actor_id" UUID,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    CONSTRAINT "pushes_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "pushes_rest_api_id_started_at_idx" ON "pushes"("rest_api_id", "started_at");

CREATE TABLE "audit_events" (
    "id" BIGSERIAL NOT NULL,
    "workspace_id" UUID NOT NULL,
    "rest_api_id" UUID,
    "actor_id" UUID,
    "actor_email" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "before" JSONB,
    "after" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "audit_events_workspace_id_created_at_idx" ON "audit_events"("workspace_id", "created_at");
CREATE INDEX "audit_events_rest_api_id_created_at_idx" ON "audit_events"("rest_api_id", "created_at");

ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "rest_apis" ADD CONSTRAINT "rest_apis_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "rest_apis" ADD CONSTRAINT "rest_apis_aws_connection_id_fkey" FOREIGN KEY ("aws_connection_id") REFERENCES "aws_connections"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_rest_api_id_fkey" FOREIGN KEY ("rest_api_id") REFERENCES "rest_apis"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "stages" ADD CONSTRAINT "stages_rest_api_id_fkey" FOREIGN KEY ("rest_api_id") REFERENCES "rest_apis"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "stages" ADD CONSTRAINT "stages_deployment_id_fkey" FOREIGN KEY ("deployment_id") REFERENCES "deployments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "aws_connections" ADD CONSTRAINT "aws_connections_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "pushes" ADD CONSTRAINT "pushes_rest_api_id_fkey" FOREIGN KEY ("rest_api_id") REFERENCES "rest_apis"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "pushes" ADD CONSTRAINT "pushes_stage_id_fkey" FOREIGN KEY ("stage_id") REFERENCES "stages"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "pushes" ADD CONSTRAINT "pushes_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "aws_connections"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Deployments are immutable snapshots: only their description may change.
CREATE FUNCTION "gatehouse_deployments_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."snapshot" IS DISTINCT FROM OLD."snapshot" OR NEW."content_hash" IS DISTINCT FROM OLD."content_hash"
     OR NEW."rest_api_id" IS DISTINCT FROM OLD."rest_api_id" THEN
    RAISE EXCEPTION 'deployments are immutable snapshots';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "deployments_immutable" BEFORE UPDATE ON "deployments"
  FOR EACH ROW EXECUTE FUNCTION "gatehouse_deployments_immutable"();

-- The audit trail is append-only. Row triggers refuse UPDATE and DELETE, a statement
-- trigger refuses TRUNCATE; this holds for every database role, owners included.
CREATE FUNCTION "gatehouse_audit_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER "audit_events_no_update" BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "gatehouse_audit_append_only"();
CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "gatehouse_audit_append_only"();
