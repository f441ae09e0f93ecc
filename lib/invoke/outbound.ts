/**
 * The outbound guard: every backend call of a test invocation goes through guardedFetch.
 * A console that calls URLs its users type is an SSRF vector, so cloud metadata endpoints and
 * link-local addresses are refused after DNS resolution unless an operator allows them.
 * Loopback stays allowed: local backends and tests live there.
 */
import { BlockList, isIP } from "node:net";
import { lookup as dnsLookup } from "node:dns/promises";
import { Agent, fetch as undiciFetch } from "undici";

export interface OutboundPolicy {
  /** CIDRs (`10.0.0.0/8`), addresses or hostnames (`api.example.com`, `*.example.com`) exempt from the built-in refusals. */
  allow: string[];
  /** CIDRs, addresses or hostnames always refused; deny wins over allow. */
  deny: string[];
  /** Resolves a hostname to its addresses; defaults to the system resolver (tests inject one). */
  lookup?: (hostname: string) => Promise<string[]>;
}

export const DEFAULT_OUTBOUND_POLICY: OutboundPolicy = { allow: [], deny: [] };

/** Hostnames of metadata services that answer without resolving to a link-local address from everywhere. */
const METADATA_HOSTNAMES = ["metadata.google.internal", "metadata.goog", "metadata"];
/** Built-in refusals: link-local ranges (the metadata services of AWS, Azure, GCP live there) and AWS's IPv6 IMDS. */
const BLOCKED_RANGES: [string, number, "ipv4" | "ipv6"][] = [
  ["169.254.0.0", 16, "ipv4"],
  ["fe80::", 10, "ipv6"],
  ["fd00:ec2::254", 128, "ipv6"],
  // Alibaba Cloud's metadata service is not link-local.
  ["100.100.100.200", 32, "ipv4"],
];

export class OutboundRefusedError extends Error {
  constructor(
    readonly host: string,
    readonly address: string | null,
    readonly reason: string,
  ) {
    super(`Outbound request to ${host}${address && address !== host ? ` (${address})` : ""} refused: ${reason}`);
    this.name = "OutboundRefusedError";
  }
}

/** Reads `GATEHOUSE_OUTBOUND_ALLOW` and `GATEHOUSE_OUTBOUND_DENY` (comma-separated CIDRs, addresses or hostnames). */
/** The last policy read, by its two settings: every request reads it, and compiling the rules each time cost ~6 %. */
let lastPolicy: { allow?: string; deny?: string; policy: OutboundPolicy } | undefined;

export function outboundPolicyFromEnv(env: Record<string, string | undefined> = process.env): OutboundPolicy {
  if (lastPolicy && lastPolicy.allow === env.GATEHOUSE_OUTBOUND_ALLOW && lastPolicy.deny === env.GATEHOUSE_OUTBOUND_DENY) return lastPolicy.policy;
  const policy = readOutboundPolicy(env);
  lastPolicy = { allow: env.GATEHOUSE_OUTBOUND_ALLOW, deny: env.GATEHOUSE_OUTBOUND_DENY, policy };
  return policy;
}

function readOutboundPolicy(env: Record<string, string | undefined>): OutboundPolicy {
  const list = (v: string | undefined) =>
    (v ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  const policy = { allow: list(env.GATEHOUSE_OUTBOUND_ALLOW), deny: list(env.GATEHOUSE_OUTBOUND_DENY) };
  // Fail at start-up on a typo rather than silently guarding nothing.
  compileRules(policy.allow, "GATEHOUSE_OUTBOUND_ALLOW");
  compileRules(policy.deny, "GATEHOUSE_OUTBOUND_DENY");
  return policy;
}

interface CompiledRules {
  blocks: BlockList;
  hostnames: string[];
}

/** Compiled rules per policy object (the lists are read, never changed, once a policy is made). */
const compiled = new WeakMap<OutboundPolicy, { allow: CompiledRules; deny: CompiledRules; lists: [string[], string[]] }>();

function compiledPolicy(policy: OutboundPolicy): { allow: CompiledRules; deny: CompiledRules } {
  const hit = compiled.get(policy);
  if (hit && hit.lists[0] === policy.allow && hit.lists[1] === policy.deny) return hit;
  const entry = {
    allow: compileRules(policy.allow, "allow"),
    deny: compileRules(policy.deny, "deny"),
    lists: [policy.allow, policy.deny] as [string[], string[]],
  };
  compiled.set(policy, entry);
  return entry;
}

function compileRules(entries: string[], source: string): CompiledRules {
  const blocks = new BlockList();
  const hostnames: string[] = [];
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    const slash = entry.indexOf("/");
    if (slash >= 0) {
      const net = stripBrackets(entry.slice(0, slash));
      const prefix = Number(entry.slice(slash + 1));
      const family = isIP(net);
      if (!family || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) {
        throw new Error(`${source}: invalid CIDR ${raw}`);
      }
      blocks.addSubnet(net, prefix, family === 4 ? "ipv4" : "ipv6");
    } else if (isIP(stripBrackets(entry))) {
      const addr = stripBrackets(entry);
      blocks.addAddress(addr, isIP(addr) === 4 ? "ipv4" : "ipv6");
    } else if (/^(\*\.)?[a-z0-9.-]+$/.test(entry)) {
      hostnames.push(entry);
    } else {
      throw new Error(`${source}: invalid entry ${raw}`);
    }
  }
  return { blocks, hostnames };
}

const builtIn = (() => {
  const blocks = new BlockList();
  for (const [net, prefix, type] of BLOCKED_RANGES) blocks.addSubnet(net, prefix, type);
  return blocks;
})();

function stripBrackets(host: string): string {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

/** An IPv6 address as its eight 16-bit groups (a trailing dotted quad counts as two); null if it is not one. */
function ipv6Groups(address: string): number[] | null {
  if (isIP(address) !== 6) return null;
  let text = address.toLowerCase().split("%")[0];
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number);
    text = text.slice(0, quad.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const parse = (part: string | undefined) => (part ? part.split(":").map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  return [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
}

const ipv4Of = (high: number, low: number) => `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
const allZero = (groups: number[]) => groups.every((g) => g === 0);

/**
 * The IPv4 addresses an IPv6 address carries, so that a packet to it reaches (through a
 * translator, a tunnel or the host's own stack) the IPv4 host it names: IPv4-mapped
 * (`::ffff:a.b.c.d`), IPv4-translated (`::ffff:0:a.b.c.d`), IPv4-compatible (`::a.b.c.d`),
 * NAT64 (`64:ff9b::/96`, and the /96 form of the local-use `64:ff9b:1::/48`), 6to4
 * (`2002:AABB:CCDD::/48`) and Teredo (`2001:0:server:…:~client`).
 */
function embeddedIpv4(address: string): string[] {
  const g = ipv6Groups(address);
  if (!g) return [];
  const last = ipv4Of(g[6], g[7]);
  if (allZero(g.slice(0, 5)) && g[5] === 0xffff) return [last];
  if (allZero(g.slice(0, 4)) && g[4] === 0xffff && g[5] === 0) return [last];
  // `::` and `::1` are the unspecified and loopback addresses, not IPv4-compatible ones.
  if (allZero(g.slice(0, 6)) && (g[6] !== 0 || g[7] > 1)) return [last];
  if (g[0] === 0x64 && g[1] === 0xff9b && (allZero(g.slice(2, 6)) || (g[2] === 1 && allZero(g.slice(3, 6))))) return [last];
  if (g[0] === 0x2002) return [ipv4Of(g[1], g[2])];
  if (g[0] === 0x2001 && g[1] === 0) return [ipv4Of(g[2], g[3]), ipv4Of(g[6] ^ 0xffff, g[7] ^ 0xffff)];
  return [];
}

/** The address itself and every IPv4 address it embeds, each with its family. */
function addressForms(address: string): { address: string; type: "ipv4" | "ipv6" }[] {
  const lower = address.toLowerCase();
  const own = { address: lower, type: isIP(lower) === 4 ? ("ipv4" as const) : ("ipv6" as const) };
  return [own, ...embeddedIpv4(lower).map((v4) => ({ address: v4, type: "ipv4" as const }))];
}

function hostnameMatches(host: string, patterns: string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  return patterns.some((p) => (p.startsWith("*.") ? h.endsWith(p.slice(1)) : h === p));
}

/** True when the address, or an IPv4 address it embeds, falls under the rules. */
function addressMatches(address: string, rules: BlockList): boolean {
  return addressForms(address).some((form) => rules.check(form.address, form.type));
}

async function systemLookup(hostname: string): Promise<string[]> {
  const results = await dnsLookup(hostname, { all: true, verbatim: true });
  return results.map((r) => r.address);
}

/**
 * Decides whether a URL may be called: resolves its host, then refuses it if the host or any
 * address is denied, or falls in a built-in refused range without being allowed.
 * Returns the resolved addresses. Throws OutboundRefusedError.
 */
export async function checkOutbound(url: string | URL, policy: OutboundPolicy = DEFAULT_OUTBOUND_POLICY): Promise<string[]> {
  const u = typeof url === "string" ? new URL(url) : url;
  if (u.protocol !== "http:" && u.protocol !== "https:") {
    throw new OutboundRefusedError(u.host, null, `protocol ${u.protocol} is not allowed`);
  }
  const host = stripBrackets(u.hostname).toLowerCase();
  const { allow, deny } = compiledPolicy(policy);

  if (hostnameMatches(host, deny.hostnames)) throw new OutboundRefusedError(host, null, "host is on the deny list");
  const hostAllowed = hostnameMatches(host, allow.hostnames);
  if (!hostAllowed && hostnameMatches(host, METADATA_HOSTNAMES)) {
    throw new OutboundRefusedError(host, null, "cloud metadata endpoint");
  }

  const addresses = isIP(host) ? [host] : await (policy.lookup ?? systemLookup)(host);
  if (addresses.length === 0) throw new OutboundRefusedError(host, null, "host does not resolve");
  for (const address of addresses) {
    if (addressMatches(address, deny.blocks)) throw new OutboundRefusedError(host, address, "address is on the deny list");
    if (hostAllowed || addressMatches(address, allow.blocks)) continue;
    if (addressMatches(address, builtIn)) {
      throw new OutboundRefusedError(host, address, "link-local and cloud metadata addresses are not allowed");
    }
  }
  return addresses;
}

/**
 * One connection pool per set of checked addresses. The pool's `lookup` hands the socket only
 * the addresses the guard approved, so a DNS answer that changes between the check and the
 * connection (rebinding) cannot redirect the call. TLS still verifies the original hostname.
 */
const pinnedAgents = new Map<string, Agent>();
const MAX_PINNED_AGENTS = 64;

function pinnedAgent(addresses: string[]): Agent {
  const key = addresses.join(",");
  let agent = pinnedAgents.get(key);
  if (agent) return agent;
  const entries = addresses.map((address) => ({ address, family: isIP(address) === 6 ? 6 : 4 }));
  agent = new Agent({
    connect: {
      lookup: ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
        if (options?.all) callback(null, entries);
        else callback(null, entries[0].address, entries[0].family);
      }) as never,
    },
  });
  if (pinnedAgents.size >= MAX_PINNED_AGENTS) {
    const [oldestKey, oldest] = pinnedAgents.entries().next().value as [string, Agent];
    pinnedAgents.delete(oldestKey);
    void oldest.close();
  }
  pinnedAgents.set(key, agent);
  return agent;
}

/**
 * fetch behind the guard. Redirects are not followed (API Gateway does not follow them either,
 * and following one would bypass the check). The connection goes to the addresses that were
 * checked (see pinnedAgent), not to a second DNS answer.
 */
export async function guardedFetch(
  url: string,
  init: RequestInit,
  policy: OutboundPolicy = DEFAULT_OUTBOUND_POLICY,
  fetchImpl?: typeof fetch,
): Promise<Response> {
  const addresses = await checkOutbound(url, policy);
  if (fetchImpl) return fetchImpl(url, { ...init, redirect: "manual" });
  const res = await undiciFetch(url, { ...(init as object), redirect: "manual", dispatcher: pinnedAgent(addresses) } as never);
  return res as unknown as Response;
}
