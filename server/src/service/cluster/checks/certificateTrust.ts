// Will each end accept the other's certificate? Routes and gateways always verify the peer both
// ways against the ca_file (nats-server forces it); a leaf node remote verifies its hub unless
// `insecure`, and the hub verifies the remote when its tls says `verify: true`. A certificate no
// CA of the verifier signed is refused ("certificate signed by unknown authority"), one whose
// public key `pinned_certs` does not list is refused too, and a leaf remote's certificate must
// allow client authentication when the hub checks it.

import type { FindingCode } from '../../findingCodes';
import { keySpan } from '../../tree';
import type { Link } from '../links';
import { Member, label } from '../members';
import type { NodeConfig } from '../nodes';
import { PresentedCache, type Presented } from '../presented';
import { ClusterContext, type RelatedPlace } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['tls-peer-trust', 'tls-peer-usage', 'tls-pinned'] as const satisfies readonly FindingCode[];

/** One end checking the certificate the other presents. */
interface Verification {
  kind: Link['kind'];
  verifier: NodeConfig;
  by: Presented;
  peer: NodeConfig;
  shown: Presented;
  /** The peer presents its certificate as the client (it dialled). */
  asClient: boolean;
}

const asMember = (node: NodeConfig): Member => ({ node, name: node.name });
const who = (node: NodeConfig) => label(asMember(node));

/** Every verification the links and route groups imply, once per pair of TLS blocks. */
function verificationsOf(
  links: readonly Link[],
  routeGroups: readonly (readonly Member[])[],
  presented: PresentedCache,
): Verification[] {
  const out: Verification[] = [];
  // Blocks by where they are written (an included file's block is one block for every config that
  // includes it); each pair once, without a key string for each of a route group's n² pairs.
  const places = new Map<Presented, string>();
  const at = (p: Presented) => places.get(p) ?? places.set(p, `${p.tls.file.path}\0${p.tls.entry.start}`).get(p)!;
  const seen = new Map<string, Set<string>>();
  const add = (
    kind: Link['kind'],
    verifier: NodeConfig,
    by: Presented | undefined,
    peer: NodeConfig,
    shown: Presented | undefined,
    asClient: boolean,
  ) => {
    if (!by || !shown || by === shown) return;
    const byKey = `${at(by)}\0${asClient}`;
    let shownKeys = seen.get(byKey);
    if (!shownKeys) seen.set(byKey, (shownKeys = new Set()));
    if (shownKeys.has(at(shown))) return;
    shownKeys.add(at(shown));
    out.push({ kind, verifier, by, peer, shown, asClient });
  };
  // Every two nodes a route group joins meet, dialled by either side: both verify both ways.
  for (const group of routeGroups) {
    const nodes = [...new Set(group.map((m) => m.node))].filter((n) => n.cluster?.tls);
    for (const v of nodes)
      for (const p of nodes)
        if (v !== p)
          add('route', v, presented.of(v.model, v.cluster!.tls), p, presented.of(p.model, p.cluster!.tls), false);
  }
  for (const l of links) {
    if (l.kind === 'route' || !l.to || !l.fromTls || !l.toTls) continue;
    const dialler = presented.of(l.from.model, l.fromTls);
    const listener = presented.of(l.to.model, l.toTls);
    if (!dialler?.insecure) add(l.kind, l.from, dialler, l.to, listener, false);
    // Gateways always ask for the dialler's certificate; a leaf node hub when its tls verifies.
    if (l.kind === 'gateway' || listener?.verify) add(l.kind, l.to, listener, l.from, dialler, true);
  }
  return out;
}

export function checkCertificateTrust(
  ctx: ClusterContext,
  links: readonly Link[],
  routeGroups: readonly (readonly Member[])[],
  presented: PresentedCache,
): void {
  const all = verificationsOf(links, routeGroups, presented);
  checkChains(ctx, all, presented);
  checkPinned(ctx, all);
  checkClientUsage(ctx, all);
}

/**
 * Certificates their verifier's CAs did not sign. Each refusal is told where it is more likely
 * wrong: at the certificate when more verifiers refuse it than this verifier refuses peers, else
 * at the verifier's ca_file (the node with another CA is the odd one out either way).
 */
function checkChains(ctx: ClusterContext, all: Verification[], presented: PresentedCache): void {
  const refused = all.filter((v) => v.by.roots && v.shown.leaf && !presented.chainsTo(v.shown, v.by));
  // Counted once, not per refusal: a mesh with the wrong CA refuses n × (n − 1) times.
  const refusers = new Map<Presented, Set<Presented>>();
  const refusedOf = new Map<Presented, Set<Presented>>();
  for (const r of refused) {
    addTo(refusers, r.shown, r.by);
    addTo(refusedOf, r.by, r.shown);
  }
  const atCert = new Map<Presented, Verification[]>();
  const atCa = new Map<Presented, Verification[]>();
  for (const r of refused) {
    const [map, key] = refusers.get(r.shown)!.size >= refusedOf.get(r.by)!.size ? [atCert, r.shown] : [atCa, r.by];
    const list = map.get(key);
    if (list) list.push(r);
    else map.set(key, [r]);
  }
  for (const [shown, list] of atCert) {
    if (!shown.certSetting) continue;
    const peer = list[0].peer;
    const verifiers = [...new Set(list.map((r) => who(r.verifier)))];
    ctx.report(
      asMember(peer),
      keySpan(shown.certSetting.entry),
      'error',
      'tls-peer-trust',
      `No CA in the ca_file of ${verifiers.join(', ')} signed this ${list[0].kind} certificate ` +
        `(issuer ${shown.leaf!.issuer || 'unnamed'}): they refuse it ("x509: certificate signed by unknown ` +
        `authority"), so ${who(peer)} is cut off from them. Issue it from their CA, or add its CA to their ca_file.`,
      list.flatMap((r) => caPlace(ctx, r.verifier, r.by, `the CAs ${who(r.verifier)} trusts`)),
    );
  }
  for (const [by, list] of atCa) {
    if (!by.caSetting) continue;
    const verifier = list[0].verifier;
    const peers = [...new Set(list.map((r) => who(r.peer)))];
    const issuers = [...new Set(list.map((r) => r.shown.leaf!.issuer || 'unnamed'))];
    ctx.report(
      asMember(verifier),
      keySpan(by.caSetting.entry),
      'error',
      'tls-peer-trust',
      `This ca_file holds none of the CAs that signed the ${list[0].kind} certificates of ${peers.join(', ')} ` +
        `(issuer ${issuers.join('; ')}): ${who(verifier)} refuses them ("x509: certificate signed by unknown ` +
        'authority"). Add their CA to this file, or issue them from the CA it holds.',
      list.flatMap((r) =>
        r.shown.certSetting
          ? [ctx.relatedAt(asMember(r.peer), r.shown.certSetting, `the certificate ${who(r.peer)} presents`)!]
          : [],
      ),
    );
  }
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function caPlace(ctx: ClusterContext, node: NodeConfig, by: Presented, message: string): RelatedPlace[] {
  const place = ctx.relatedAt(asMember(node), by.caSetting, message);
  return place ? [place] : [];
}

/** `pinned_certs` that leave out a peer's public key: that peer is refused ("certificate not pinned"). */
function checkPinned(ctx: ClusterContext, all: Verification[]): void {
  const byList = new Map<Presented, Verification[]>();
  for (const v of all) {
    const keys = v.by.pinned?.keys;
    if (!keys?.length || !v.shown.leaf || keys.includes(v.shown.leaf.publicKeySha256)) continue;
    const list = byList.get(v.by);
    if (list) list.push(v);
    else byList.set(v.by, [v]);
  }
  for (const [by, list] of byList) {
    const verifier = list[0].verifier;
    const peers = [...new Map(list.map((v) => [v.shown, v])).values()];
    ctx.report(
      asMember(verifier),
      keySpan(by.pinned!.setting.entry),
      'error',
      'tls-pinned',
      `pinned_certs does not list the public key of ${peers.map((v) => who(v.peer)).join(', ')}: ` +
        `${who(verifier)} refuses ${peers.length > 1 ? 'their certificates' : 'its certificate'} after the ` +
        `handshake ("certificate not pinned"). Their SHA-256 of the SubjectPublicKeyInfo: ` +
        `${peers.map((v) => `${who(v.peer)} ${v.shown.leaf!.publicKeySha256}`).join(', ')}.`,
      peers.flatMap((v) =>
        v.shown.certSetting
          ? [ctx.relatedAt(asMember(v.peer), v.shown.certSetting, `the certificate ${who(v.peer)} presents`)!]
          : [],
      ),
    );
  }
}

/**
 * A leaf node remote's certificate that forbids client authentication, where the hub checks it.
 * (Routes and gateways need both usages whatever the peers: the file's own checks say so.)
 */
function checkClientUsage(ctx: ClusterContext, all: Verification[]): void {
  const seen = new Set<Presented>();
  for (const v of all) {
    const eku = v.shown.leaf?.extKeyUsage;
    if (v.kind !== 'leafnode' || !v.asClient || !eku || !v.shown.certSetting || seen.has(v.shown)) continue;
    if (eku.some((u) => u === 'clientAuth' || u === 'any')) continue;
    seen.add(v.shown);
    ctx.report(
      asMember(v.peer),
      keySpan(v.shown.certSetting.entry),
      'error',
      'tls-peer-usage',
      `This leaf node remote's certificate allows ${eku.join(', ')} only, and ${who(v.verifier)} verifies ` +
        'remotes (verify: true): it refuses the certificate ("x509: certificate specifies an incompatible key ' +
        'usage"). Issue it with extendedKeyUsage clientAuth.',
      caPlace(ctx, v.verifier, v.by, `${who(v.verifier)} verifies leaf node certificates`),
    );
  }
}
