-- API keys and usage plans (issue #13 items 1 and 2), workspace-scoped as on AWS (account-scoped
-- there). A key's value is unique within a workspace (AWS: two keys are the same key when their
-- values are). Links between plans and keys are deleted by the service before either side (the
-- refusal names what uses them); a stage's deletion takes it out of every plan.
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "value" TEXT NOT NULL,
    "tags" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "api_keys_workspace_id_value_key" ON "api_keys"("workspace_id", "value");

CREATE TABLE "usage_plans" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "throttle" JSONB,
    "quota" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "usage_plans_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "usage_plans_workspace_id_idx" ON "usage_plans"("workspace_id");

CREATE TABLE "usage_plan_keys" (
    "usage_plan_id" UUID NOT NULL,
    "api_key_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "usage_plan_keys_pkey" PRIMARY KEY ("usage_plan_id", "api_key_id")
);

CREATE INDEX "usage_plan_keys_api_key_id_idx" ON "usage_plan_keys"("api_key_id");

CREATE TABLE "usage_plan_stages" (
    "usage_plan_id" UUID NOT NULL,
    "stage_id" UUID NOT NULL,
    "throttle" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "usage_plan_stages_pkey" PRIMARY KEY ("usage_plan_id", "stage_id")
);

CREATE INDEX "usage_plan_stages_stage_id_idx" ON "usage_plan_stages"("stage_id");

ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "usage_plans" ADD CONSTRAINT "usage_plans_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "usage_plan_keys" ADD CONSTRAINT "usage_plan_keys_usage_plan_id_fkey" FOREIGN KEY ("usage_plan_id") REFERENCES "usage_plans"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "usage_plan_keys" ADD CONSTRAINT "usage_plan_keys_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_keys"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "usage_plan_stages" ADD CONSTRAINT "usage_plan_stages_usage_plan_id_fkey" FOREIGN KEY ("usage_plan_id") REFERENCES "usage_plans"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "usage_plan_stages" ADD CONSTRAINT "usage_plan_stages_stage_id_fkey" FOREIGN KEY ("stage_id") REFERENCES "stages"("id") ON DELETE CASCADE ON UPDATE CASCADE;
