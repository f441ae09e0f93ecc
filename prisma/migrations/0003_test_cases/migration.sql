-- Saved test cases: a request for one method of an API and what its response must satisfy.

CREATE TABLE "test_cases" (
    "id" UUID NOT NULL,
    "rest_api_id" UUID NOT NULL,
    "resource_path" TEXT NOT NULL,
    "http_method" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "request" JSONB NOT NULL,
    "expectations" JSONB NOT NULL DEFAULT '{}',
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "test_cases_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "test_cases_rest_api_id_resource_path_http_method_name_key" ON "test_cases"("rest_api_id", "resource_path", "http_method", "name");
ALTER TABLE "test_cases" ADD CONSTRAINT "test_cases_rest_api_id_fkey" FOREIGN KEY ("rest_api_id") REFERENCES "rest_apis"("id") ON DELETE CASCADE ON UPDATE CASCADE;
