-- AWS sync state: what Gatehouse last saw live after a push or an import (the drift baseline),
-- an acknowledged drift the next push will overwrite, the import's deployment list, which AWS
-- deployment each stage runs and what it holds, and the content hash each push sent.

ALTER TABLE "rest_apis" ADD COLUMN "aws_synced_design" JSONB;
ALTER TABLE "rest_apis" ADD COLUMN "aws_synced_at" TIMESTAMPTZ(3);
ALTER TABLE "rest_apis" ADD COLUMN "aws_drift_ack_hash" TEXT;
ALTER TABLE "rest_apis" ADD COLUMN "aws_import" JSONB;
ALTER TABLE "stages" ADD COLUMN "aws_deployment_id" TEXT;
ALTER TABLE "stages" ADD COLUMN "aws_deployment_hash" TEXT;
ALTER TABLE "pushes" ADD COLUMN "design_hash" TEXT;
