-- Workspace-owned access tokens (issue #15 item 5): made by an admin for the team's pipelines, a
-- workspace token acts as itself (audited under its own name), not as the admin who made it, and
-- keeps working when that admin leaves the team. Existing tokens stay personal.
ALTER TABLE "access_tokens" ADD COLUMN "workspace_owned" BOOLEAN NOT NULL DEFAULT false;
