/**
 * The Node.js part of instrumentation.ts (its own file, so the edge build never sees it). Runs once
 * when the server starts: publishes the operations hooks the front door uses (request ids, logs,
 * metrics, shutdown: lib/ops), opens the database, applies migrations and seeds the demo on first
 * start, so the sign-in hint is in the log before anyone asks for a page; then starts the local
 * gateway beside Next (see startGateway) and the job queue's workers (startJobs).
 */
export async function registerNode() {
  const { publishFrontDoorOps } = await import("./lib/ops/front-door");
  const { logger } = await import("./lib/ops/logger");
  const { onShutdown } = await import("./lib/ops/lifecycle");
  publishFrontDoorOps();
  await refuseBadSignInConfig();
  const { getDb } = await import("./lib/db");
  let db: Awaited<ReturnType<typeof getDb>>;
  try {
    db = await getDb();
  } catch (e) {
    // Another process holds the embedded database: serving on would answer every page with an
    // error (and writing beside it would lose data), so this server stops with the reason.
    // (console.error, not the logger: plain text is what a person starting the server reads first.)
    if ((e as Error).name === "DataDirLockedError") {
      console.error(`[gatehouse] ${(e as Error).message}`);
      process.exit(1);
    }
    throw e;
  }
  // On PostgreSQL several instances may serve one team: AWS's quotas are per account and Region,
  // so every instance takes its control-plane tokens from buckets in the database (issue #15).
  if (db.kind === "postgres") {
    const { useQuotaStore } = await import("./lib/aws/client");
    const { PostgresQuotaStore } = await import("./lib/aws/quota-store");
    useQuotaStore(new PostgresQuotaStore(async () => db.prisma));
  }
  // Registered first, so closed last: the gateway's port closes before the database it reads.
  onShutdown("database", () => db.close());
  const { defaultDataDir } = await import("./lib/db/client");
  logger().info(
    { database: db.kind },
    `[gatehouse] Database ready (${db.kind === "pglite" ? `embedded PGlite in ${defaultDataDir()}` : "PostgreSQL from DATABASE_URL"}).`,
  );
  await startGateway(db);
  await startJobs();
}

/**
 * The job queue's workers (pushes, scheduled drift checks) run on every instance; pg-boss gives
 * each job to one of them. Stopped at shutdown after the HTTP server drains (lib/jobs registers it):
 * a running job gets GATEHOUSE_JOB_DRAIN_MS to finish, else another instance retries it.
 */
async function startJobs() {
  const { logger } = await import("./lib/ops/logger");
  try {
    const { consoleJobs } = await import("./lib/jobs");
    await consoleJobs();
    logger().info(`[gatehouse] Job queue ready${process.env.GATEHOUSE_JOB_WORKERS === "off" ? " (queueing only: GATEHOUSE_JOB_WORKERS=off)" : ""}.`);
  } catch (e) {
    // Pages and the gateway still serve; a push answers the error until the queue starts.
    logger().error({ err: e }, "[gatehouse] Job queue did not start");
  }
}

/** Sign-in settings (GATEHOUSE_OIDC_*, GATEHOUSE_PASSWORD_SIGN_IN) are checked now, not at someone's sign-in: a mistake stops the server, naming the variable. */
async function refuseBadSignInConfig() {
  const { checkSignInConfig, OidcConfigError } = await import("./lib/auth/oidc-config");
  try {
    checkSignInConfig();
  } catch (e) {
    if (!(e instanceof OidcConfigError)) throw e;
    console.error(`[gatehouse] Sign-in is misconfigured: ${e.message}`);
    process.exit(1);
  }
}

/** Where scripts/start.mjs finds the gateway's handler, to answer `/gw/…` before Next does. */
const GATEWAY_HANDLER = Symbol.for("gatehouse.gateway");

/**
 * The local gateway on plain Node HTTP, without Next's request handling in between: its handler is
 * published for the console's front door (same process: scripts/start.mjs), and it listens on its
 * own port too (GATEHOUSE_GATEWAY_PORT).
 */
async function startGateway(db: Awaited<ReturnType<typeof import("./lib/db").getDb>>) {
  const { consoleGatewayOptions, createNodeGatewayHandler } = await import("./lib/gateway");
  const { gatewayPortFromEnv, listenGateway } = await import("./lib/gateway/own-port");
  const { logger } = await import("./lib/ops/logger");
  const { onShutdown } = await import("./lib/ops/lifecycle");
  const options = consoleGatewayOptions(async () => db.prisma);
  // The front door already appended the peer to X-Forwarded-For (scripts/console-server.mjs).
  (globalThis as Record<symbol, unknown>)[GATEWAY_HANDLER] = createNodeGatewayHandler({ ...options, appendPeer: false });
  const port = gatewayPortFromEnv();
  const host = process.env.HOST ?? "0.0.0.0";
  if (!port) return;
  try {
    const server = await listenGateway(createNodeGatewayHandler({ ...options, appendPeer: true }), port, host);
    onShutdown("gateway port", () => closeServer(server));
    logger().info(`[gatehouse] Gateway on http://${host === "0.0.0.0" ? "localhost" : host}:${port}/gw/{api}/{stage}/…`);
  } catch (e) {
    // The console's own /gw keeps serving, so a taken port is no reason to stop.
    logger().warn(
      `[gatehouse] Gateway port ${port} not opened (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); the gateway is served on the console's port at /gw.`,
    );
  }
}

/** How long open requests on the gateway's port may take to finish once the console has drained. */
const GATEWAY_CLOSE_MS = 5000;

/** Stops accepting, closes idle keep-alive connections, lets open gateway requests finish (bounded). */
function closeServer(server: import("node:http").Server): Promise<void> {
  return new Promise((resolve, reject) => {
    const cut = setTimeout(() => server.closeAllConnections(), GATEWAY_CLOSE_MS);
    server.close((e) => {
      clearTimeout(cut);
      if (e) reject(e);
      else resolve();
    });
    server.closeIdleConnections();
  });
}
