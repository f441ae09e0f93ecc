-- Changes of what a protected stage runs wait here for a second person's approval.

CREATE TYPE "StageChangeStatus" AS ENUM ('pending', 'approved', 'rejected', 'cancelled');

CREATE TABLE "stage_change_requests" (
    "id" UUID NOT NULL,
    "rest_api_id" UUID NOT NULL,
    "stage_id" UUID NOT NULL,
    "change" JSONB NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "status" "StageChangeStatus" NOT NULL DEFAULT 'pending',
    "requested_by_id" UUID,
    "requested_by_email" TEXT NOT NULL,
    "decided_by_id" UUID,
    "decided_by_email" TEXT,
    "decision_note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMPTZ(3),
    CONSTRAINT "stage_change_requests_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "stage_change_requests_rest_api_id_created_at_idx" ON "stage_change_requests"("rest_api_id", "created_at");
ALTER TABLE "stage_change_requests" ADD CONSTRAINT "stage_change_requests_rest_api_id_fkey" FOREIGN KEY ("rest_api_id") REFERENCES "rest_apis"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "stage_change_requests" ADD CONSTRAINT "stage_change_requests_stage_id_fkey" FOREIGN KEY ("stage_id") REFERENCES "stages"("id") ON DELETE CASCADE ON UPDATE CASCADE;
