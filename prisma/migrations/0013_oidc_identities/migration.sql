-- OpenID Connect sign-in (issue #15 item 4): who a person is at their identity provider. An
-- account is matched by the issuer and the provider's subject (stable, never reassigned), never
-- by email alone, which a provider may let people change.
CREATE TABLE "oidc_identities" (
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "oidc_identities_pkey" PRIMARY KEY ("issuer", "subject")
);

CREATE INDEX "oidc_identities_user_id_idx" ON "oidc_identities"("user_id");

ALTER TABLE "oidc_identities" ADD CONSTRAINT "oidc_identities_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
