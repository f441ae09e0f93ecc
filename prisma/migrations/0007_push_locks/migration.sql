-- One push per stage at a time, across server processes, and pushes that outlive their watcher:
-- a push lock per stage (its holder process and heartbeat, so a dead holder is recognised), a
-- heartbeat on each push, and the status of a push whose process stopped before it finished.

ALTER TYPE "PushStatus" ADD VALUE IF NOT EXISTS 'interrupted';

ALTER TABLE "pushes" ADD COLUMN "heartbeat_at" TIMESTAMPTZ(3);

CREATE TABLE "push_locks" (
    "stage_id" UUID NOT NULL,
    "rest_api_id" UUID NOT NULL,
    "token" UUID NOT NULL,
    "holder" TEXT NOT NULL,
    "push_id" UUID,
    "actor_email" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeat_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "push_locks_pkey" PRIMARY KEY ("stage_id")
);

CREATE UNIQUE INDEX "push_locks_token_key" ON "push_locks"("token");

ALTER TABLE "push_locks" ADD CONSTRAINT "push_locks_stage_id_fkey" FOREIGN KEY ("stage_id") REFERENCES "stages"("id") ON DELETE CASCADE ON UPDATE CASCADE;
