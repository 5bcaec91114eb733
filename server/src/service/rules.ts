// Rules across options. Two kinds:
// - startup: what nats-server checks when it starts (validateOptions), which
//   `nats-server -t` lets through; reported with origin "server";
// - advice: what an experienced operator would point out; origin "lint".

import { CIPHER_SUITES_INSECURE_FROM_2_12, CIPHER_SUITES_SECURE_FROM_2_12, CIPHER_SUITES_UNTIL_2_11 } from './catalogue/blocks/tls';
import { Finding, Severity } from './diagnostics';
import { ConfigFile, ConfigModel, resolveValue } from './document';
import { parseGoDuration } from './durations';
import { EffectiveMap, Setting, effectiveTop } from './effective';
import { Listener, isBindableHost, isIpLiteral, listenersOf, parseListenString, sameBind } from './listeners';
import { WeightedDestination, destinationError, weightedListError } from './mappings';
import { MapNode, Span, ValueNode, keySpan } from './tree';
import { compareVersions, formatVersion, ServerVersion } from './versions';

const DEFAULT_MAX_PAYLOAD = 1024 * 1024;
const DEFAULT_MAX_PENDING = 64 * 1024 * 1024;
const LARGE_PAYLOAD = 8 * 1024 * 1024;

export function checkRules(model: ConfigModel): void {
  new Rules(model).run();
}

class Rules {
  private readonly top: EffectiveMap;

  constructor(private readonly model: ConfigModel) {
    this.top = effectiveTop(model);
  }

  private opened: Listener[] | undefined;

  /** The sockets the config opens (read once: the listener rules and the advice both ask). */
  private listenersOpened(): Listener[] {
    return (this.opened ??= listenersOf(this.model));
  }

  /** The operator JWT(s), in any of their spellings: operator mode changes what is checked at start. */
  private operator(): Setting | undefined {
    return this.top.get('operator', 'operators', 'root', 'roots', 'root_operator', 'root_operators');
  }

  /** Whether a listener block opens its socket: a port other than 0, or a `listen`. */
  private listens(block: EffectiveMap | undefined): boolean {
    return !!block && (block.number('port') ?? (block.get('listen') ? 1 : 0)) !== 0;
  }

  private since(major: number, minor: number, patch = 0): boolean {
    return compareVersions(this.model.version, { major, minor, patch }) >= 0;
  }

  private report(setting: Setting | { file: ConfigFile; span: Span }, severity: Severity, code: string, message: string, origin: 'server' | 'lint', valueSpan = false): void {
    const span = 'entry' in setting ? (valueSpan && setting.entry.value ? setting.entry.value : keySpan(setting.entry)) : setting.span;
    const finding: Finding = { span, severity, code, message, origin };
    setting.file.findings.push(finding);
  }

  run(): void {
    this.configTime();
    this.startup();
    this.advice();
  }

  // ---- checks of option processing that span several keys (nats-server -t reports them) ----

  private configTime(): void {
    // nats-server reports these at the authorization key: they concern the block as a whole.
    const authSetting = this.top.get('authorization');
    const auth = this.top.block('authorization');
    if (auth && authSetting) {
      const user = auth.get('user', 'username');
      const pass = auth.get('password', 'pass');
      const token = auth.get('token');
      const users = auth.get('users');
      // Users defined in accounts count as a users array too (nats-server checks them together).
      const manyUsers = users !== undefined || this.anyAccountUser();
      if ((user || pass) && token) this.report(authSetting, 'error', 'auth-conflict', 'Cannot have a user/pass and token: use one or the other.', 'server');
      else if (user && manyUsers) {
        this.report(authSetting, 'error', 'auth-conflict', 'Can not have a single user/pass and a users array (users in accounts count too): move the single user into users.', 'server');
        // Read the other way round (accounts after authorization), nats-server names the account's users.
        const accountUsers = this.firstAccountUsers();
        if (!users && accountUsers) this.report(accountUsers, 'error', 'auth-conflict', 'Can not have a single user/pass and accounts: the authorization block has a single user while accounts define users.', 'server');
      }
      else if (token && manyUsers) this.report(authSetting, 'error', 'auth-conflict', 'Can not have a token and a users array (users in accounts count too)', 'server');
      else if (users?.value?.kind === 'array') this.duplicateUsers(users, authSetting);
    }
    const cluster = this.top.block('cluster');
    const clusterAuthSetting = cluster?.get('authorization');
    const clusterAuth = cluster?.block('authorization');
    if (clusterAuth && clusterAuthSetting) {
      if (clusterAuth.get('users')) this.report(clusterAuthSetting, 'error', 'cluster-auth', 'Cluster authorization does not allow multiple users: routes authenticate with one user and password.', 'server');
      if (clusterAuth.get('token')) this.report(clusterAuthSetting, 'error', 'cluster-auth', 'Cluster authorization does not support tokens', 'server');
    }
    this.blockRules();
    const topStore = this.top.get('store_dir', 'storedir');
    const jsStore = this.top.block('jetstream')?.get('store_dir', 'storedir', 'store');
    if (topStore && jsStore) {
      // nats-server names whichever of the two it happens to read second: mark both.
      for (const at of [topStore, jsStore]) this.report(at, 'error', 'store-dir-twice', "Duplicate 'store_dir' configuration: set it either at the top level or in jetstream, not both.", 'server');
    }
    const routes = this.top.block('cluster')?.get('routes');
    if (routes?.value?.kind === 'array') {
      const seen = new Set<string>();
      for (const r of routes.value.items) {
        if (r.kind !== 'string') continue;
        if (seen.has(r.value)) {
          routes.file.findings.push({ span: r, severity: 'warning', code: 'route-duplicate', message: `invalid use of field "${r.value}": Duplicate route entry detected (a warning that makes nats-server -t fail).`, origin: 'server' });
        }
        seen.add(r.value);
      }
    }
  }

  /** Checks inside accounts, mappings, TLS blocks and leaf node authorization. */
  private blockRules(): void {
    const top = this.top;
    const accounts = top.get('accounts');
    if (accounts?.value?.kind === 'map') {
      // Large configs hold thousands of accounts: look at the three keys that matter
      // directly rather than build a view of every account.
      for (const a of accounts.value.entries) {
        if (a.kind !== 'keyValue' || a.value?.kind !== 'map') continue;
        for (const e of a.value.entries) {
          if (e.kind !== 'keyValue' || !e.value) continue;
          const name = e.key.toLowerCase();
          if (name !== 'exports' && name !== 'imports' && name !== 'mappings') continue;
          const setting: Setting = { entry: e, value: resolveValue(this.model, e.value), file: accounts.file };
          if (name === 'mappings') this.mappingRules(setting);
          else for (const item of mapsOf(setting)) name === 'exports' ? this.exportRules(item, accounts.file) : this.importRules(item, accounts.file);
        }
      }
    }
    this.mappingRules(top.get('mappings', 'maps'));
    for (const setting of this.tlsBlocks()) this.tlsRules(setting.tls, setting.where);
    const clusterPerms = top.block('cluster')?.block('permissions');
    if (clusterPerms?.get('allow_responses', 'publish_allow_responses')) {
      this.report(top.block('cluster')!.get('permissions')!, 'error', 'cluster-permissions', 'Cluster permissions do not support dynamic responses (allow_responses)', 'server');
    }
    const leafAuth = top.block('leafnodes', 'leaf')?.block('authorization');
    const leafAuthSetting = top.block('leafnodes', 'leaf')?.get('authorization');
    if (leafAuth && leafAuthSetting && leafAuth.get('users')) {
      if (leafAuth.get('user', 'username')) this.report(leafAuthSetting, 'error', 'auth-conflict', 'can not have a single user/pass and a users array (leafnode authorization)', 'server');
      else if (leafAuth.get('nkey')) this.report(leafAuthSetting, 'error', 'auth-conflict', 'can not have a single nkey and a users array (leafnode authorization)', 'server');
    }
  }

  private exportRules(item: { map: MapNode; file: ConfigFile }, file: ConfigFile): void {
    const e = new EffectiveMap(this.model, item.map, file);
    const stream = e.get('stream');
    const service = e.get('service');
    if (stream && service) this.report(stream.entry.start > service.entry.start ? stream : service, 'error', 'export-conflict', 'An export is either a stream or a service, not both: nats-server refuses it ("Detected stream … but already saw a service").', 'server');
    const response = e.get('response', 'response_type');
    if (response && !service) this.report(response, 'error', 'export-conflict', 'Detected response directive on non-service: only service exports take a response type.', 'server');
  }

  private importRules(item: { map: MapNode; file: ConfigFile }, file: ConfigFile): void {
    const i = new EffectiveMap(this.model, item.map, file);
    if (i.get('stream') && i.get('prefix') && i.get('to')) {
      this.report(i.get('to')!, 'error', 'import-conflict', "Stream import can not have a 'prefix' and a 'to' property: keep one. nats-server reads an import's keys in a random order, so it refuses this while reading the config, at start, or (by chance) not at all.", 'server');
    }
  }

  /**
   * Subject mappings, as nats-server adds them while reading the config: each destination
   * (a plain one, or each of a weighted list) and the list's weights (0 to 100 each; in
   * all at most 100, per cluster from 2.10).
   */
  private mappingRules(mappings: Setting | undefined): void {
    if (mappings?.value?.kind !== 'map') return;
    for (const m of mappings.value.entries) {
      if (m.kind !== 'keyValue' || !m.value) continue;
      const value = resolveValue(this.model, m.value);
      if (value?.kind !== 'array' && value?.kind !== 'map') {
        this.mappingDestination(m.key, value, m.value, mappings.file, false);
        continue;
      }
      const weighted = value.kind === 'array';
      const dests = value.kind === 'array' ? value.items : [value];
      const list: (WeightedDestination & { node: ValueNode })[] = [];
      let readable = true;
      for (const d of dests) {
        if (d.kind !== 'map') {
          readable = false;
          continue;
        }
        const dest = new EffectiveMap(this.model, d, mappings.file);
        const weight = dest.get('weight');
        const destination = dest.get('dest', 'destination');
        const subject = destination?.value?.kind === 'string' ? destination.value.value : '';
        if (destination?.entry.value) this.mappingDestination(m.key, destination.value, destination.entry.value, mappings.file, weighted);
        if (!weight) {
          mappings.file.findings.push({ span: d, severity: 'error', code: 'mapping-weight', message: `Missing weight for mapping destination "${subject}"`, origin: 'server' });
          readable = false;
          continue;
        }
        const percent = weight.value?.kind === 'integer' ? weight.value.value : weight.value?.kind === 'string' ? Number(/^(\d+)%?$/.exec(weight.value.value)?.[1] ?? NaN) : NaN;
        if (!(percent >= 0 && percent <= 100)) {
          if (weight.value?.kind === 'string') this.report(weight, 'error', 'mapping-weight', `Invalid weight "${weight.value.value}" for mapping destination: a number from 0 to 100, or "NN%".`, 'server', true);
          readable = false;
          continue;
        }
        list.push({ subject, weight: percent, cluster: dest.string('cluster'), node: d });
      }
      if (!readable || !weighted) continue;
      const problem = weightedListError(list, this.model.version);
      if (!problem) continue;
      const detail =
        problem.error === 'total weight needs to be <= 100'
          ? `the weights add up to more than 100${this.since(2, 10) ? ' for one cluster' : ' (before 2.10 all destinations count together, cluster-scoped ones too)'}`
          : problem.error;
      mappings.file.findings.push({ span: list[problem.index].node, severity: 'error', code: 'mapping-weight', message: this.weightedMessage(m.key, problem.error, detail), origin: 'server' });
    }
  }

  /** nats-server's words for a refused weighted list: before 2.10 a bug hides the cause behind a type error. */
  private weightedMessage(source: string, error: string, detail: string): string {
    if (this.since(2, 10)) return `Error adding mapping for "${source}" : ${error}${detail !== error ? ` (${detail})` : ''}`;
    return `nats-server ${formatVersion(this.model.version)} refuses this mapping but says only "interface conversion: interface {} is []interface {}, not string" (a bug in reporting it, fixed in 2.10.0): ${detail}.`;
  }

  /**
   * One destination. Written unquoted with a `{{function()}}`, nats-server's lexer ends it
   * at the first `}`: it reads `orders.{{wildcard(1)` and the rest of the line closes
   * blocks. Then it either refuses what it read, or maps to that literal subject without
   * a word; both are said, with a fix that quotes the destination.
   */
  private mappingDestination(source: string, value: ValueNode | undefined, written: ValueNode, file: ConfigFile, weighted: boolean): void {
    if (value?.kind !== 'string') return;
    const text = file.tree.text;
    const cut = written === value && value.quote === 'none' && value.value.includes('{{') && text[value.end] === '}';
    const meant = cut ? text.slice(value.start, destinationEnd(text, value.start)) : value.value;
    const fixes = cut ? [{ title: `Quote the destination: "${meant}"`, edits: [{ span: { start: value.start, end: value.start + meant.length }, newText: JSON.stringify(meant) }] }] : undefined;
    const why = cut ? ` An unquoted destination ends at the first '}', so nats-server reads "${value.value}": quote it, "${meant}".` : '';
    const error = destinationError(source, value.value, this.model.version);
    if (error) {
      const message = weighted && !this.since(2, 10) ? this.weightedMessage(source, error, error) : `Error adding mapping for "${source}" to "${value.value}" : ${error}`;
      file.findings.push({ span: written, severity: 'error', code: 'mapping-destination', message: `${message}${why && !message.endsWith('.') ? '.' : ''}${why}`, origin: 'server', fixes });
    } else if (cut) {
      file.findings.push({ span: written, severity: 'error', code: 'mapping-destination', message: `nats-server maps "${source}" to the literal subject "${value.value}" without a word.${why}`, origin: 'lint', fixes });
    }
  }

  /** Every TLS block with where it stands (client, cluster, …). */
  private tlsBlocks(): { tls: Setting; where: string }[] {
    const out: { tls: Setting; where: string }[] = [];
    const add = (s: Setting | undefined, where: string) => {
      if (s?.value?.kind === 'map') out.push({ tls: s, where });
    };
    add(this.top.get('tls'), 'client');
    for (const name of ['cluster', 'gateway', 'leafnodes', 'websocket', 'mqtt']) add(this.top.block(name)?.get('tls'), name);
    return out;
  }

  private tlsRules(setting: Setting, where: string): void {
    if (setting.value?.kind !== 'map') return;
    const tls = new EffectiveMap(this.model, setting.value, setting.file);
    const certFile = tls.get('cert_file');
    const keyFile = tls.get('key_file');
    if (certFile && !keyFile && !tls.get('certs', 'certificates')) {
      const indent = ' '.repeat(Math.max(0, setting.file.lines.position(certFile.entry.start).character));
      this.report(certFile, 'error', 'tls-pair', "missing 'key_file' in TLS configuration: a certificate needs its private key.", 'server');
      this.lastFinding(setting.file).fixes = [{ title: "Add key_file", edits: [{ span: { start: certFile.entry.end, end: certFile.entry.end }, newText: `\n${indent}key_file: "${guessPair(certFile, 'key')}"` }] }];
    }
    if (keyFile && !certFile && !tls.get('certs', 'certificates')) {
      const indent = ' '.repeat(Math.max(0, setting.file.lines.position(keyFile.entry.start).character));
      this.report(keyFile, 'error', 'tls-pair', "missing 'cert_file' in TLS configuration: a private key needs its certificate.", 'server');
      this.lastFinding(setting.file).fixes = [{ title: "Add cert_file", edits: [{ span: { start: keyFile.entry.start, end: keyFile.entry.start }, newText: `cert_file: "${guessPair(keyFile, 'cert')}"\n${indent}` }] }];
    }
    if (certFile && tls.get('certs', 'certificates')) {
      this.report(certFile, 'error', 'tls-conflict', "error parsing tls config, cannot combine 'cert_file' option with 'certs' option", 'server');
    }
    this.cipherSuites(tls);
    const known = tls.get('verify_cert_and_check_known_urls');
    if (known?.value?.kind === 'bool' && known.value.value && !['cluster', 'gateway'].includes(where)) {
      this.report(known, 'error', 'tls-context', 'verify_cert_and_check_known_urls not supported in this context (only in cluster and gateway TLS)', 'server');
    }
    // nats-server forces peer verification on routes, whatever the block says.
    const verify = tls.get('verify');
    if (where === 'cluster' && verify?.value?.kind === 'bool' && !verify.value.value) {
      this.report(verify, 'warning', 'route-tls-verify-ignored', 'verify: false has no effect on routes: nats-server always requires and verifies the peer certificate of a route. Every node needs cert_file and key_file signed by a CA in ca_file.', 'lint');
    }
  }

  /** Cipher and curve names changed in 2.12 (Go's own names, insecure ones opt-in). */
  private cipherSuites(tls: EffectiveMap): void {
    const suites = tls.get('cipher_suites');
    if (suites?.value?.kind === 'array') {
      const modern = this.since(2, 12);
      const allowInsecure = tls.bool('allow_insecure_cipher_suites') === true;
      const insecure: string[] = [];
      for (const item of suites.value.items) {
        if (item.kind !== 'string') continue;
        const name = item.value;
        const known = modern ? CIPHER_SUITES_SECURE_FROM_2_12.includes(name) || CIPHER_SUITES_INSECURE_FROM_2_12.includes(name) : CIPHER_SUITES_UNTIL_2_11.includes(name);
        if (!known) {
          suites.file.findings.push({ span: item, severity: 'error', code: 'tls-cipher', message: `unrecognized cipher ${name}${modern ? ' (from 2.12 nats-server takes the names Go uses)' : ''}`, origin: 'server' });
        } else if (modern && CIPHER_SUITES_INSECURE_FROM_2_12.includes(name)) insecure.push(name);
      }
      if (insecure.length > 0 && !allowInsecure) {
        this.report(suites, 'error', 'tls-cipher', `insecure cipher suites configured without 'allow_insecure_cipher_suites' option set: ${insecure.join(', ')}`, 'server');
      }
    }
    const curves = tls.get('curve_preferences');
    if (curves?.value?.kind === 'array' && !this.since(2, 12)) {
      for (const item of curves.value.items) {
        if (item.kind === 'string' && item.value.includes('MLKEM')) {
          curves.file.findings.push({ span: item, severity: 'error', code: 'tls-cipher', message: `unrecognized curve preference ${item.value} (post-quantum curves arrived in nats-server 2.12)`, origin: 'server' });
        }
      }
    }
  }

  private lastFinding(file: ConfigFile): Finding {
    return file.findings[file.findings.length - 1];
  }

  private duplicateUsers(users: Setting, block: Setting): void {
    // Users of accounts are known first; authorization's users must not repeat them or each other.
    const seen = new Set<string>();
    const accounts = this.top.get('accounts')?.value;
    if (accounts?.kind === 'map') {
      for (const a of accounts.entries) {
        const list = a.kind === 'keyValue' && a.value?.kind === 'map' ? entryValue(a.value, 'users') : undefined;
        if (list?.kind !== 'array') continue;
        for (const u of list.items) {
          if (u.kind !== 'map') continue;
          const name = entryValue(u, 'user') ?? entryValue(u, 'username');
          if (name?.kind === 'string') seen.add(name.value);
        }
      }
    }
    if (users.value?.kind !== 'array') return;
    for (const u of users.value.items) {
      if (u.kind !== 'map') continue;
      for (const e of u.entries) {
        if (e.kind !== 'keyValue' || !['user', 'username'].includes(e.key.toLowerCase()) || e.value?.kind !== 'string') continue;
        if (seen.has(e.value.value)) {
          const line = users.file.lines.lineNumber(e.value.start);
          this.report(block, 'error', 'user-duplicate', `Duplicate user "${e.value.value}" detected (again on line ${line})`, 'server');
        }
        seen.add(e.value.value);
      }
    }
  }

  // ---- startup (validateOptions) --------------------------------------------------

  private startup(): void {
    const top = this.top;
    // lame duck
    const ldd = this.duration(top.get('lame_duck_duration')) ?? 120e9;
    const grace = top.get('lame_duck_grace_period');
    const ldg = this.duration(grace) ?? 10e9;
    if (grace && ldd > 0 && ldg >= ldd) {
      this.report(grace, 'error', 'startup-lame-duck', `lame duck grace period (${fmtDuration(ldg)}) should be strictly lower than lame duck duration (${fmtDuration(ldd)}): nats-server refuses to start (nats-server -t does not check this).`, 'server');
    }
    // max_payload vs max_pending
    const payload = top.get('max_payload');
    const pending = top.get('max_pending');
    const mp = top.number('max_payload') ?? DEFAULT_MAX_PAYLOAD;
    const mpend = top.number('max_pending') ?? DEFAULT_MAX_PENDING;
    if ((payload || pending) && mp > mpend && mp <= 2147483647) {
      this.report((payload ?? pending)!, 'error', 'startup-max-payload', `max_payload (${mp}) cannot be higher than max_pending (${mpend}): nats-server refuses to start (nats-server -t does not check this).`, 'server');
    }
    if (payload && mp > LARGE_PAYLOAD && mp <= mpend) {
      this.report(payload, 'information', 'max-payload-large', `Maximum payloads over 8.00 MB are generally discouraged and could lead to poor performance (nats-server logs this at start).`, 'server');
    }
    // names with spaces: a config error from 2.11.0, accepted silently before
    for (const [setting, what] of [
      [top.get('server_name'), 'server name'],
      [top.block('cluster')?.get('name'), 'cluster name'],
      [top.block('gateway')?.get('name'), 'gateway name'],
    ] as const) {
      if (!setting || setting.value?.kind !== 'string' || !/\s/.test(setting.value.value)) continue;
      if (this.since(2, 11)) this.report(setting, 'error', 'name-spaces', `${what} cannot contain spaces`, 'server', true);
      else this.report(setting, 'warning', 'name-spaces', `The ${what} contains spaces: this release accepts it, nats-server 2.11 and later refuse to start.`, 'lint', true);
    }
    this.monitoring();
    this.listeners();
    this.accountResolution();
    this.leafnodes();
    this.listenerAuthorization();
    this.monitoringAndSystemAccount();
    this.gateway();
    this.noAuthUser();
    this.jetstream();
    this.mqtt();
    this.websocket();
  }

  private jetstreamEnabled(): boolean {
    const js = this.top.get('jetstream')?.value;
    if (js?.kind === 'bool') return js.value;
    if (js?.kind === 'string') return ['enabled', 'enable'].includes(js.value.toLowerCase());
    if (js?.kind === 'map') return this.top.block('jetstream')?.bool('enabled') !== false;
    return false;
  }

  /** MQTT keeps its state in JetStream and needs a stable server name. */
  private mqtt(): void {
    const setting = this.top.get('mqtt');
    const mqtt = this.top.block('mqtt');
    if (!setting || !mqtt) return;
    const ignored = mqtt.get('consumer_replicas');
    if (ignored && this.since(2, 9, 12)) {
      this.report(ignored, 'warning', 'mqtt-consumer-replicas', 'invalid use of field "consumer_replicas": consumer replicas setting ignored in this server version (consumers follow their stream since 2.9.12; a warning that makes nats-server -t fail). Remove it.', 'server');
    }
    if (!this.listens(mqtt)) return;
    const refuse = (message: string, at: Setting = setting) => this.report(at, 'error', 'startup-mqtt', `${message}: nats-server refuses to start (nats-server -t does not check this).`, 'server');
    const portOf = (name: string) => this.listens(this.top.block(name));
    // From 2.10.4 the name is needed only where other servers are (a cluster or gateway).
    const nameNeeded = !this.since(2, 10, 4) || portOf('cluster') || portOf('gateway');
    if (nameNeeded && !this.top.get('server_name')) return refuse(`mqtt requires server name to be explicitly set${this.since(2, 10, 4) ? ' (with a cluster or gateway)' : ''}`);
    const remotes = this.top.block('leafnodes', 'leaf')?.get('remotes')?.value;
    const standalone = !portOf('cluster') && !portOf('gateway') && !portOf('leafnodes') && !(remotes?.kind === 'array' && remotes.items.length > 0);
    if (standalone && !this.jetstreamEnabled()) return refuse('mqtt requires JetStream to be enabled if running in standalone mode');
    // From 2.9.12 consumer_replicas is ignored (with a warning, which fails -t; see the catalogue).
    const consumers = mqtt.number('consumer_replicas');
    const streams = mqtt.number('stream_replicas');
    if (!this.since(2, 9, 12) && consumers !== undefined && streams !== undefined && consumers > 0 && streams > 0 && consumers > streams) {
      refuse(`mqtt: consumer_replicas (${consumers}) cannot be higher than stream_replicas (${streams})`, mqtt.get('consumer_replicas'));
    }
  }

  /**
   * Accounts resolved at start without an operator: a `system_account` that names no
   * account nats-server can find, and a full or cache resolver, which needs the operator's
   * key. (With an operator, accounts come from the resolver and the system account is
   * bootstrapped: nothing to judge from the file.)
   */
  private accountResolution(): void {
    if (this.operator()) return;
    const resolverSetting = this.top.get('resolver', 'account_resolver', 'accounts_resolver');
    const resolver = this.top.block('resolver', 'account_resolver', 'accounts_resolver');
    const type = resolver?.string('type')?.toLowerCase();
    if (resolverSetting && (type === 'full' || type === 'cache')) {
      this.report(resolverSetting, 'error', 'startup-resolver', `Could not start resolver: no operator key found: a ${type} resolver holds account JWTs signed by an operator; set operator to its JWT (nats-server refuses to start; nats-server -t does not check this).`, 'server');
    }
    const system = this.top.get('system_account', 'system');
    const name = system?.value?.kind === 'string' ? system.value.value : undefined;
    if (!system || !name) return;
    if (this.accountNames().has(name)) return;
    if (resolverSetting) {
      // A resolver is asked for an account's public key; a name is never found.
      if (/^A[A-Z2-7]{55}$/.test(name)) return;
      this.report(system, 'error', 'startup-system-account', `error resolving system account: will only fetch valid account keys: "${name}" is not an account defined here, and a resolver is asked only for public account keys (A…). nats-server refuses to start (nats-server -t does not check this).`, 'server', true);
      return;
    }
    this.report(system, 'error', 'startup-system-account', `error resolving system account: account missing: no account "${name}" is defined in accounts. nats-server refuses to start (nats-server -t does not check this).`, 'server', true);
  }

  /** The names of the accounts the config defines (a map of accounts, or a list of names). */
  private accountNames(): Set<string> {
    const names = new Set<string>();
    const accounts = this.top.get('accounts')?.value;
    if (accounts?.kind === 'map') for (const a of accounts.entries) if (a.kind === 'keyValue') names.add(a.key);
    if (accounts?.kind === 'array') for (const a of accounts.items) if (a.kind === 'string') names.add(a.value);
    return names;
  }

  /** http and https both set: the monitoring listener cannot start. */
  private monitoring(): void {
    const http = this.top.get('http_port', 'monitor_port') ?? this.top.get('http');
    const https = this.top.get('https_port') ?? this.top.get('https');
    if (!http || !https) return;
    const port = (s: Setting) => (s.value?.kind === 'integer' ? String(s.value.value) : s.value?.kind === 'string' ? s.value.value : '?');
    this.report(https, 'error', 'startup-monitoring', `Can't start monitoring: can't specify both HTTP (${port(http)}) and HTTPs (${port(https)}) ports: nats-server refuses to start (nats-server -t does not check this).`, 'server');
  }

  /** validateGatewayOptions: a gateway (a name or a port) needs both; each remote gateway a name and a URL. */
  private gateway(): void {
    const gw = this.top.block('gateway');
    if (!gw) return;
    const gwSetting = this.top.get('gateway')!;
    const name = gw.string('name');
    const port = this.listens(gw);
    if (!name && !port) return; // no gateway
    const refuse = (at: Setting, message: string, valueSpan = false) => this.report(at, 'error', 'startup-gateway', `${message}: nats-server refuses to start (nats-server -t does not check this).`, 'server', valueSpan);
    if (!name) return refuse(gwSetting, 'gateway has no name');
    if (!port) return refuse(gw.get('name')!, `gateway "${name}" has no port specified (select -1 for random port)`);
    const remotes = gw.get('gateways')?.value;
    if (remotes?.kind === 'array') {
      remotes.items.forEach((item, i) => {
        const remote = resolveValue(this.model, item);
        if (remote?.kind !== 'map') return;
        const r = new EffectiveMap(this.model, remote, gw.get('gateways')!.file);
        const remoteName = r.string('name');
        const urls = r.get('urls')?.value;
        const hasUrl = r.get('url') !== undefined || (urls?.kind === 'array' && urls.items.length > 0);
        const at = { file: gw.get('gateways')!.file, span: item };
        if (!remoteName) this.report(at, 'error', 'startup-gateway', `gateway in the list ${i} has no name: nats-server refuses to start (nats-server -t does not check this).`, 'server');
        else if (!hasUrl) this.report(at, 'error', 'startup-gateway', `gateway "${remoteName}" has no URL: nats-server refuses to start (nats-server -t does not check this).`, 'server');
      });
    }
    const clusterName = this.top.block('cluster')?.string('name');
    if (clusterName !== undefined && clusterName !== name) {
      this.report(gw.get('name')!, 'error', 'startup-gateway', `cluster name "${clusterName}" does not match gateway name "${name}": they must be equal, or nats-server refuses to start.`, 'server', true);
    }
  }

  /**
   * validateLeafNode, without an operator: the accounts leaf node connections are bound to
   * must exist; a remote's URLs are all websocket or none; a leaf node listener beside a
   * gateway needs a system account.
   */
  private leafnodes(): void {
    const leafSetting = this.top.get('leafnodes', 'leaf');
    const leaf = this.top.block('leafnodes', 'leaf');
    if (!leaf || !leafSetting) return;
    const refuse = (at: Setting | { file: ConfigFile; span: Span }, message: string, valueSpan = false) => this.report(at, 'error', 'startup-leafnodes', `${message}: nats-server refuses to start (nats-server -t does not check this).`, 'server', valueSpan);
    const operator = this.operator();
    if (!operator) {
      // Accounts a leaf connection may be bound to: those defined, the global account, and $SYS unless another is the system account.
      const known = this.accountNames();
      known.add('$G');
      const system = this.top.string('system_account', 'system');
      if (!system && this.top.bool('no_system_account') !== true) known.add('$SYS');
      const check = (setting: Setting | undefined, where: string) => {
        const name = setting?.value?.kind === 'string' ? setting.value.value : undefined;
        if (setting && name && !known.has(name)) refuse(setting, `cannot find local account "${name}" specified in leafnode ${where}`, true);
      };
      const auth = leaf.block('authorization');
      check(auth?.get('account'), 'authorization');
      const users = auth?.get('users');
      if (users?.value?.kind === 'array') {
        for (const u of users.value.items) {
          const user = resolveValue(this.model, u);
          if (user?.kind === 'map') check(new EffectiveMap(this.model, user, users.file).get('account'), 'authorization');
        }
      }
      for (const remote of this.leafRemotes(leaf)) check(remote.get('account', 'local'), 'remote');
    }
    for (const remote of this.leafRemotes(leaf)) {
      const urls = remote.get('url', 'urls');
      const list = urls?.value?.kind === 'array' ? urls.value.items.flatMap((i) => (i.kind === 'string' ? [i.value] : [])) : [];
      const ws = list.map((u) => /^wss?:\/\//i.test(u));
      if (urls && ws.some((w) => w) && ws.some((w) => !w)) refuse(urls, `remote leaf node configuration cannot have a mix of websocket and non-websocket urls: [${list.map((u) => JSON.stringify(u)).join(' ')}]`);
    }
    const gw = this.top.block('gateway');
    if (this.listens(leaf) && gw && (gw.string('name') || gw.number('port')) && !this.top.string('system_account', 'system')) {
      refuse(leafSetting, 'leaf nodes and gateways (both being defined) require a system account to also be configured (set system_account; an account named $SYS alone does not count here)');
    }
  }

  private leafRemotes(leaf: EffectiveMap): EffectiveMap[] {
    const remotes = leaf.get('remotes');
    if (remotes?.value?.kind !== 'array') return [];
    return remotes.value.items.flatMap((item) => {
      const r = resolveValue(this.model, item);
      return r?.kind === 'map' ? [new EffectiveMap(this.model, r, remotes.file)] : [];
    });
  }

  /**
   * Websocket and MQTT listeners: their own single user or token cannot stand beside the
   * users (of authorization or of accounts) or nkeys nats-server already has.
   */
  private listenerAuthorization(): void {
    const auth = this.top.block('authorization');
    const users = auth?.get('users')?.value;
    const nkeys = auth?.get('nkeys')?.value;
    const haveUsers = (users?.kind === 'array' && users.items.length > 0) || (nkeys?.kind === 'array' && nkeys.items.length > 0) || this.anyAccountUser();
    if (!haveUsers) return;
    for (const what of ['websocket', 'mqtt'] as const) {
      const block = this.top.block(what, ...(what === 'websocket' ? ['ws'] : []));
      if (!block || !this.listens(block)) continue;
      const own = block.block('authorization');
      for (const [keys, word] of [
        [['user', 'username'], 'username'],
        [['token'], 'token'],
      ] as const) {
        const setting = own?.get(...keys);
        if (setting) this.report(setting, 'error', 'startup-auth-conflict', `${what} authentication ${word} not compatible with presence of users/nkeys: nats-server refuses to start (nats-server -t does not check this). Give these clients users of their own, or use no_auth_user.`, 'server');
      }
    }
  }

  /** Start: HTTPS monitoring needs the server's TLS; JetStream may not be enabled for the system account. */
  private monitoringAndSystemAccount(): void {
    const https = this.top.get('https_port') ?? this.top.get('https');
    const port = https?.value?.kind === 'integer' ? https.value.value : https?.value?.kind === 'string' ? 1 : 0;
    if (https && port !== 0 && !this.top.get('http_port', 'monitor_port', 'http') && this.top.get('tls')?.value?.kind !== 'map') {
      this.report(https, 'error', 'startup-monitoring', "Can't start monitoring: TLS cert and key required for HTTPS: add a tls block with cert_file and key_file, or use http_port (nats-server refuses to start; nats-server -t does not check this).", 'server');
    }
    if (!this.jetstreamEnabled()) return;
    const system = this.top.string('system_account', 'system') ?? '$SYS';
    const accounts = this.top.get('accounts')?.value;
    if (accounts?.kind !== 'map') return;
    for (const a of accounts.entries) {
      if (a.kind !== 'keyValue' || a.key !== system || a.value?.kind !== 'map') continue;
      const js = new EffectiveMap(this.model, a.value, this.top.get('accounts')!.file).get('jetstream');
      const on = js?.value?.kind === 'bool' ? js.value.value : js?.value?.kind === 'string' ? /^enabled?$/i.test(js.value.value) : js?.value?.kind === 'map';
      if (js && on) this.report(js, 'error', 'startup-jetstream-system', 'Not allowed to enable JetStream on the system account: nats-server refuses to start (nats-server -t does not check this). Enable JetStream in the other accounts.', 'server');
    }
  }

  /** validateNoAuthUser: the user must be defined (nkeys count from 2.10.8), and not in operator mode. */
  private noAuthUser(): void {
    const setting = this.top.get('no_auth_user');
    if (!setting || setting.value?.kind !== 'string' || setting.value.value === '') return;
    const name = setting.value.value;
    const refuse = (message: string) => this.report(setting, 'error', 'startup-no-auth-user', `${message}: nats-server refuses to start.`, 'server', true);
    if (this.operator()) return refuse('no_auth_user not compatible with Trusted Operator');
    const { users, nkeys } = this.allUsers();
    if (!this.since(2, 10, 8)) {
      if (users.size === 0) refuse(`no_auth_user: "${name}" present, but users are not defined${nkeys.has(name) ? ' (an nkey counts from 2.10.8)' : ''}`);
      else if (!users.has(name)) refuse(`no_auth_user: "${name}" not present as user in authorization block or account configuration${nkeys.has(name) ? ' (an nkey counts from 2.10.8)' : ''}`);
    } else if (users.size === 0 && nkeys.size === 0) refuse(`no_auth_user: "${name}" present, but users/nkeys are not defined`);
    else if (!users.has(name) && !nkeys.has(name)) refuse(`no_auth_user: "${name}" not present as user or nkey in authorization block or account configuration`);
  }

  /** The `users` setting of the first account that has users. */
  private firstAccountUsers(): Setting | undefined {
    const accounts = this.top.get('accounts');
    if (accounts?.value?.kind !== 'map') return undefined;
    for (const a of accounts.value.entries) {
      if (a.kind !== 'keyValue' || a.value?.kind !== 'map') continue;
      const users = new EffectiveMap(this.model, a.value, accounts.file).get('users');
      if (users?.value?.kind === 'array' && users.value.items.length > 0) return users;
    }
    return undefined;
  }

  /** Whether some account has users (stops at the first). */
  private anyAccountUser(): boolean {
    const accounts = this.top.get('accounts')?.value;
    if (accounts?.kind !== 'map') return false;
    return accounts.entries.some((a) => {
      if (a.kind !== 'keyValue' || a.value?.kind !== 'map') return false;
      const users = entryValue(a.value, 'users');
      return users?.kind === 'array' && users.items.length > 0;
    });
  }

  /** User names and nkeys of authorization.users and of every account's users. */
  private allUsers(): { users: Set<string>; nkeys: Set<string> } {
    const users = new Set<string>();
    const nkeys = new Set<string>();
    const addFrom = (list: ValueNode | undefined) => {
      if (list?.kind !== 'array') return;
      for (const u of list.items) {
        if (u.kind !== 'map') continue;
        const nkey = entryValue(u, 'nkey');
        const user = entryValue(u, 'user') ?? entryValue(u, 'username');
        // An entry with an nkey is an nkey user, whatever else it says.
        if (nkey?.kind === 'string') nkeys.add(nkey.value);
        else if (user?.kind === 'string') users.add(user.value);
      }
    };
    addFrom(this.top.block('authorization')?.get('users')?.value);
    const accounts = this.top.get('accounts')?.value;
    if (accounts?.kind === 'map') {
      for (const a of accounts.entries) {
        if (a.kind === 'keyValue' && a.value?.kind === 'map') addFrom(entryValue(a.value, 'users'));
      }
    }
    return { users, nkeys };
  }

  private jetstream(): void {
    const setting = this.top.get('jetstream');
    if (!setting) return;
    const js = setting.value;
    const enabled =
      (js?.kind === 'bool' && js.value) ||
      (js?.kind === 'string' && ['enabled', 'enable'].includes(js.value.toLowerCase())) ||
      (js?.kind === 'map' && this.top.block('jetstream')?.bool('enabled') !== false && this.top.block('jetstream')?.bool('disabled') !== true);
    const block = this.top.block('jetstream');
    const domain = block?.get('domain');
    if (domain?.value?.kind === 'string' && domain.value.value !== '' && /[.*>\s]/.test(domain.value.value)) {
      this.report(domain, 'error', 'startup-jetstream-domain', 'invalid domain name: may not contain ., * or >: nats-server refuses to start (nats-server -t does not check this).', 'server', true);
    }
    if (!enabled) return;
    const cluster = this.top.block('cluster');
    if (!cluster || !this.listens(cluster)) return;
    // (A server_name from an unset $VARIABLE is reported as such; it counts as set here.)
    if (!this.top.get('server_name')) {
      this.report(setting, 'error', 'startup-jetstream-cluster', 'jetstream cluster requires `server_name` to be set: nats-server refuses to start (nats-server -t does not check this).', 'server');
    } else if (!cluster.string('name')) {
      this.report(setting, 'error', 'startup-jetstream-cluster', 'jetstream cluster requires `cluster.name` to be set: nats-server refuses to start (nats-server -t does not check this).', 'server');
    } else {
      const routes = cluster.get('routes')?.value;
      const remotes = this.top.block('leafnodes', 'leaf')?.get('remotes')?.value;
      const hasRoutes = routes?.kind === 'array' ? routes.items.length > 0 : routes !== undefined;
      const hasRemotes = remotes?.kind === 'array' && remotes.items.length > 0;
      if (!hasRoutes && !hasRemotes) {
        this.report(setting, 'error', 'startup-jetstream-cluster', 'JetStream cluster requires configured routes or solicited leafnode for the system account: list the other nodes in cluster.routes (nats-server refuses to start; nats-server -t does not check this).', 'server');
      }
    }
  }

  private websocket(): void {
    const ws = this.top.block('websocket', 'ws');
    if (!ws || !this.listens(ws)) return;
    if (!ws.get('tls') && ws.bool('no_tls') !== true) {
      this.report(this.top.get('websocket', 'ws')!, 'error', 'startup-websocket-tls', 'websocket requires TLS configuration (or no_tls: true): nats-server refuses to start (nats-server -t does not check this).', 'server');
    }
  }

  // ---- advice -------------------------------------------------------------------

  private advice(): void {
    const top = this.top;
    const trace = top.get('trace');
    if (trace?.value?.kind === 'bool' && trace.value.value) {
      this.report(trace, 'information', 'trace-enabled', 'Trace logging is on: it logs every protocol message, slows the server and fills the disk. Turn it off in production.', 'lint', true);
    }
    this.tlsVerifyWithoutCa();
    this.plaintextPasswords();
    this.openListener();
    this.listenConflicts();
  }

  /**
   * `listen` sets host and port together; with `host`/`net` or `port` beside it, which one
   * wins depends on the order nats-server happens to read them (a Go map: random).
   */
  private listenConflicts(): void {
    const check = (block: EffectiveMap | undefined, where: string) => {
      const listen = block?.get('listen');
      const other = block?.get('port') ?? block?.get('host', 'net');
      if (listen && other) {
        this.report(other, 'warning', 'listen-conflict', `${where}: 'listen' already sets the host and port; '${other.entry.key}' beside it makes the result depend on the order nats-server reads them in, which is random. Keep one.`, 'lint');
      }
    };
    check(this.top, 'top level');
    for (const name of ['cluster', 'gateway', 'leafnodes', 'websocket', 'mqtt']) check(this.top.block(name), name);
    const http = this.top.get('http');
    const httpPort = this.top.get('http_port', 'monitor_port');
    if (http && httpPort) this.report(httpPort, 'warning', 'listen-conflict', `'http' already sets the monitoring host and port; '${httpPort.entry.key}' beside it makes the result depend on the order nats-server reads them in, which is random. Keep one.`, 'lint');
  }

  /**
   * Plaintext passwords where nats-server itself warns at start ("Plaintext passwords
   * detected, use nkeys or bcrypt"): the single authorization user, and the users of
   * authorization and of accounts, once per list. Never for route, gateway or leaf node
   * credentials: nats-server says nothing there, and a bcrypt cluster password would break
   * the routes a node dials to peers it learns of (it sends its own password as written).
   */
  private plaintextPasswords(): void {
    const advice = 'nats-server logs "Plaintext passwords detected, use nkeys or bcrypt" at start. Store bcrypt hashes instead (`nats server passwd` makes one), or use nkeys.';
    const auth = this.top.block('authorization');
    const single = auth?.get('password', 'pass');
    if (single && isPlaintext(single.value)) this.report(single, 'information', 'plaintext-password', `A plaintext password: ${advice}`, 'lint', true);
    const lists: Setting[] = [];
    const users = auth?.get('users');
    if (users) lists.push(users);
    const accounts = this.top.get('accounts');
    if (accounts?.value?.kind === 'map') {
      for (const a of accounts.value.entries) {
        if (a.kind !== 'keyValue' || a.value?.kind !== 'map') continue;
        const list = new EffectiveMap(this.model, a.value, accounts.file).get('users');
        if (list) lists.push(list);
      }
    }
    for (const list of lists) {
      if (list.value?.kind !== 'array') continue;
      let plaintext = 0;
      let first: Setting | undefined;
      for (const u of list.value.items) {
        const user = resolveValue(this.model, u);
        if (user?.kind !== 'map') continue;
        const password = new EffectiveMap(this.model, user, list.file).get('password', 'pass');
        if (password && isPlaintext(password.value)) {
          plaintext++;
          first ??= password;
        }
      }
      if (plaintext === 0) continue;
      const total = list.value.items.length;
      const which = total === 1 ? 'The user here has a plaintext password' : plaintext === total ? `All ${total} users here have plaintext passwords` : `${plaintext} of the ${total} users here have plaintext passwords`;
      this.report(list, 'information', 'plaintext-password', `${which}: ${advice}`, 'lint');
      if (first?.entry.value) this.lastFinding(list.file).related = [{ file: first.file.path, span: first.entry.value, message: 'the first plaintext password' }];
    }
  }

  private tlsVerifyWithoutCa(): void {
    const visit = (setting: Setting | undefined) => {
      if (setting?.value?.kind !== 'map') return;
      const tls = new EffectiveMap(this.model, setting.value, setting.file);
      const verify = tls.get('verify');
      if (verify?.value?.kind === 'bool' && verify.value.value && !tls.get('ca_file')) {
        this.report(verify, 'warning', 'tls-verify-without-ca', 'verify: true without ca_file: client certificates are checked against the system roots only, which is rarely what a private PKI wants. Set ca_file.', 'lint');
      }
    };
    visit(this.top.get('tls'));
    for (const name of ['cluster', 'gateway', 'leafnodes', 'websocket', 'mqtt']) visit(this.top.block(name)?.get('tls'));
  }

  private openListener(): void {
    const top = this.top;
    const client = this.listenersOpened().find((l) => l.kind === 'client')!;
    const host = client.host;
    const listen = top.get('listen')?.value;
    if (listen?.kind === 'string' && 'error' in parseListenString(listen.value)) return; // unreadable: reported as such
    // Loopback only, or a host that cannot be bound (reported as such): no open door.
    if (/^(127\.|localhost$|::1$|\[::1\])/.test(host) || !isBindableHost(host)) return;
    const hasAuth =
      top.get('authorization') || this.operator() || top.get('trusted', 'trusted_keys') || this.anyAccountUser();
    if (hasAuth) return;
    // Client certificates checked against a CA are authentication too (mutual TLS).
    const tls = top.block('tls');
    if (tls?.bool('verify') === true || tls?.bool('verify_and_map') === true) return;
    const at = top.get('host', 'net', 'listen', 'port');
    if (!at) return;
    const where = host === '0.0.0.0' || host === '::' || host === '[::]' ? 'from any address' : `on ${host}:${client.port}`;
    this.report(at, 'warning', 'no-authorization', `Clients can connect ${where} without credentials: add an authorization block, accounts with users, or listen on 127.0.0.1.`, 'lint');
  }

  /**
   * The sockets nats-server opens at start: a port it cannot bind (outside 1–65535, `port:
   * 1MB`), a host that is no address, and two listeners of this config on one port of one
   * host, the second of which fails with "address already in use". `nats-server -t` checks
   * none of these.
   */
  private listeners(): void {
    const listeners = this.listenersOpened();
    const reportedHosts = new Set<Setting>();
    for (const l of listeners) {
      if (l.portSetting && (l.port > 65535 || l.port < -1)) {
        const written = l.portSetting.entry.value ? l.portSetting.file.tree.text.slice(l.portSetting.entry.value.start, l.portSetting.entry.value.end) : String(l.port);
        const size = /[a-z]/i.test(written) ? ` (${written} is a size: ${l.port.toLocaleString('en-US')})` : '';
        this.report(l.portSetting, 'error', 'startup-port', `The ${l.kind} port ${l.port}${size} is outside 1–65535: nats-server refuses to start ("listen tcp: address ${l.port}: invalid port"; nats-server -t does not check this).`, 'server', true);
      }
      if (l.hostSetting && !isBindableHost(l.host) && !reportedHosts.has(l.hostSetting)) {
        reportedHosts.add(l.hostSetting);
        const bracketed = /^\[.*\]$/.test(l.host) && isIpLiteral(l.host.slice(1, -1));
        const why = bracketed
          ? `an IPv6 address in 'host' is written without brackets (nats-server adds them: "address [${l.host}]:${l.port}: missing port in address"). Write ${l.host.slice(1, -1)}`
          : `'${l.host}' is not a network address (an IP address or a host name): nats-server cannot listen on it ("lookup ${l.host}: no such host")`;
        this.report(l.hostSetting, 'error', 'startup-host', `${why}; nats-server refuses to start (nats-server -t does not check this).`, 'server', true);
      }
    }
    const open = listeners.filter((l) => !l.ambiguous && l.port > 0 && l.port <= 65535 && isBindableHost(l.host));
    for (let i = 0; i < open.length; i++) {
      for (let j = 0; j < i; j++) {
        const [a, b] = [open[j], open[i]];
        if (a.port !== b.port || !sameBind(a.host, b.host)) continue;
        // Reported where a port is written: the one written later, unless only one is written.
        const later = !a.portSetting || (b.portSetting && b.portSetting.file === a.portSetting.file && b.portSetting.entry.start > a.portSetting.entry.start);
        const [at, other] = later ? [b, a] : [a, b];
        if (!at.portSetting) continue;
        const otherLine = other.portSetting ? ` (line ${other.portSetting.file.lines.lineNumber(other.portSetting.entry.start)})` : ' (the default)';
        this.report(at.portSetting, 'error', 'startup-port-clash', `The ${at.kind} port ${at.port} is the ${other.kind} port too${otherLine}, on the same host: the second listener fails with "address already in use" and nats-server refuses to start (nats-server -t does not check this).`, 'server', true);
      }
    }
  }

  private duration(setting: Setting | undefined): number | undefined {
    const v = setting?.value;
    if (v?.kind === 'string') return parseGoDuration(v.value);
    if (v?.kind === 'integer') return v.value * 1e9;
    return undefined;
  }
}

/** A likely name for the other file of a certificate/key pair: server.pem ↔ server-key.pem. */
function guessPair(setting: Setting, want: 'key' | 'cert'): string {
  const path = setting.value?.kind === 'string' ? setting.value.value : '';
  if (want === 'key') return path.replace(/(\.[a-z]+)$/i, '-key$1') || 'server-key.pem';
  return path.replace(/-key(\.[a-z]+)$/i, '$1') || 'server.pem';
}

/** The maps in a setting holding a list of maps (exports, imports). */
function mapsOf(setting: Setting | undefined): { map: MapNode; file: ConfigFile }[] {
  if (setting?.value?.kind !== 'array') return [];
  return setting.value.items.filter((i): i is MapNode => i.kind === 'map').map((map) => ({ map, file: setting.file }));
}

/** Where a destination written unquoted was meant to end: past its `{{…}}` functions, at a blank, separator or comment. */
function destinationEnd(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length && !/[\s,;#]/.test(text[i])) {
    if (text.startsWith('{{', i)) {
      depth++;
      i += 2;
    } else if (text.startsWith('}}', i) && depth > 0) {
      depth--;
      i += 2;
    } else if (text[i] === '}' && depth === 0) break;
    else i++;
  }
  return i;
}

/** A password nats-server would compare as written (not a bcrypt hash). */
function isPlaintext(value: ValueNode | undefined): boolean {
  return value?.kind === 'string' && value.value !== '' && !/^\$2[abxy]\$\d\d\$/.test(value.value);
}

function entryValue(map: MapNode, key: string): ValueNode | undefined {
  let found: ValueNode | undefined;
  for (const e of map.entries) if (e.kind === 'keyValue' && e.key.toLowerCase() === key) found = e.value;
  return found;
}

function fmtDuration(ns: number): string {
  const s = ns / 1e9;
  if (s % 3600 === 0) return `${s / 3600}h0m0s`;
  if (s % 60 === 0) return `${s / 60}m0s`;
  return `${s}s`;
}

export type { ServerVersion };
