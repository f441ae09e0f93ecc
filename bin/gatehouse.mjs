#!/usr/bin/env node
// The CLI is TypeScript in lib/cli; tsx loads it directly so pipelines need no build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../lib/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
