-- AWS control-plane quota buckets shared by every console instance on this database (issue #15):
-- quotas are per account and Region, so instances pushing at once must take their tokens from
-- the same buckets (lib/aws/quota-store.ts). One row per scope (account/Region) and operation
-- (`*` is the total); the console's role may read and write it (default privileges, 0008).
CREATE TABLE "aws_quota_buckets" (
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "at_ms" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "aws_quota_buckets_pkey" PRIMARY KEY ("scope","key")
);
