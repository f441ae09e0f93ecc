-- Sign-in throttling per (email, client address), plus an account-wide row (client_address '*')
-- that slows attempts down instead of locking anyone out. The old per-email locks are dropped:
-- they were exactly what let five anonymous requests lock a member out.
DROP TABLE "sign_in_throttles";

CREATE TABLE "sign_in_throttles" (
    "email" TEXT NOT NULL,
    "client_address" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "window_started_at" TIMESTAMPTZ(3) NOT NULL,
    "locked_until" TIMESTAMPTZ(3),

    CONSTRAINT "sign_in_throttles_pkey" PRIMARY KEY ("email", "client_address")
);

-- One pending invitation per email and workspace. Links the invitation race left usable are
-- revoked first (all but the newest), as a new invitation would have done.
UPDATE "invitations" AS i SET "revoked_at" = CURRENT_TIMESTAMP
WHERE i."accepted_at" IS NULL AND i."revoked_at" IS NULL AND EXISTS (
    SELECT 1 FROM "invitations" AS n
    WHERE n."workspace_id" = i."workspace_id" AND n."email" = i."email"
      AND n."accepted_at" IS NULL AND n."revoked_at" IS NULL
      AND (n."created_at", n."id") > (i."created_at", i."id")
);
CREATE UNIQUE INDEX "invitations_one_pending_per_email" ON "invitations"("workspace_id", "email")
    WHERE "accepted_at" IS NULL AND "revoked_at" IS NULL;
