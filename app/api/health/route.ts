import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

/** Liveness and database reachability; the one endpoint that answers without a session. */
export async function GET() {
  try {
    const { sql, kind } = await getDb();
    await sql.query("SELECT 1");
    return NextResponse.json({ status: "ok", database: kind });
  } catch {
    return NextResponse.json({ status: "error", database: "unreachable" }, { status: 503 });
  }
}
