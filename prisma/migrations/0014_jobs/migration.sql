-- Durable jobs (issue #15 item 2). The queue itself is pg-boss's own schema ("pgboss"), which it
-- creates and migrates; these columns tie Gatehouse's rows to it.
-- A push run by a job names it, so any instance (any tab) follows the job's progress through the
-- push row it writes; a job retried after its worker died writes a second row with the same job.
ALTER TABLE "pushes" ADD COLUMN "job_id" TEXT;
CREATE INDEX "pushes_job_id_idx" ON "pushes"("job_id");

-- Scheduled drift checks: every this many minutes, NULL when the connection has none.
ALTER TABLE "aws_connections" ADD COLUMN "drift_check_minutes" INTEGER;
