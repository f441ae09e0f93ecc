/**
 * Next's start-up hook. The work is Node-only (the database, the gateway's sockets), so it lives in
 * instrumentation-node.ts, imported under the NEXT_RUNTIME check Next's bundler removes for the
 * edge build (an unconditional import would pull Node's http into it and fail the build).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { registerNode } = await import("./instrumentation-node");
    await registerNode();
  }
}
