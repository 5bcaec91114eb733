// What every rule is given: the config as nats-server holds it, the release it is judged by,
// one way to report a finding, and the views several rules read (computed once, when first asked).

import { Finding, Severity } from '../diagnostics';
import { ConfigFile, ConfigModel, resolveValue, standsAlone } from '../document';
import { parseGoDuration } from '../durations';
import { EffectiveMap, Setting, effectiveTop, lowerCase } from '../effective';
import type { FindingCode } from '../findingCodes';
import { Listener, listenersOf } from '../listeners';
import { AccountBlock, accountBlocks, hasUsers, userName, usersOf } from '../shared/accountUsers';
import { keepSubtreeRecord, keptFindings, subtreeRecord, takeOverFindings } from '../subtreeMemo';
import { jetstreamEnabled } from '../shared/jetstream';
import { MapNode, Span, ValueNode, keySpan } from '../tree';
import { compareVersions, type ServerVersion } from '../versions';

/** Where a finding goes: a setting (its key, or its value), or a span of a file. */
type Place = Setting | { file: ConfigFile; span: Span };

/** How the start-up rules end their messages: `nats-server -t` passes what they find. */
export const REFUSED_AT_START = 'nats-server refuses to start (nats-server -t does not check this).';

/** The blocks that open a listener of their own (and may hold a tls block), as rules name them. */
export const LISTENER_BLOCKS = ['cluster', 'gateway', 'leafnodes', 'websocket', 'mqtt'] as const;

/** What a rule found in one account (spans from the account's start), for the next reading's check. */
interface AccountRecord {
  version: ServerVersion;
  findings: Finding[];
}

export class RuleContext {
  /** The top level as nats-server holds it: includes merged, variables resolved. */
  readonly top: EffectiveMap;
  private opened: Listener[] | undefined;
  private userLists: Setting[] | undefined;
  private tls: { tls: Setting; where: string }[] | undefined;
  /** The users of each `users` list, by its array: several rules walk the same thousands of users. */
  private readonly users = new Map<ValueNode, { file: ConfigFile; users: EffectiveMap[] }>();
  private blocks: ReturnType<typeof accountBlocks> | undefined;

  /**
   * What a rule finds in an account is taken over from a check of an earlier reading where the
   * account is unchanged, in a config with no include and no `$reference` (an account's meaning
   * then depends on nothing outside it).
   */
  private readonly memo: boolean;

  constructor(
    readonly model: ConfigModel,
    remember = false,
  ) {
    this.top = effectiveTop(model);
    this.memo = remember && standsAlone(model);
  }

  /**
   * Runs `check` on each account defined as a map, in the order written. What it finds in an account
   * must depend on that account alone (its users, its own settings) and lie in it: where the account
   * is unchanged since the check of an earlier reading (the same node, or a copy an edit moved; see
   * subtreeMemo.ts), what that check found is taken over, and `check` does not run.
   */
  eachAccount(rule: string, check: (account: AccountBlock) => void): void {
    const keeper = `rule ${rule}`;
    const version = this.model.version;
    let clean: AccountRecord | undefined;
    for (const account of this.accountBlocks()) {
      const { map, file } = account;
      const findings = file.findings;
      const record = this.memo ? subtreeRecord<AccountRecord>(map, keeper) : undefined;
      if (record && compareVersions(record.version, version) === 0) {
        takeOverFindings(findings, record.findings, map);
        continue;
      }
      const from = findings.length;
      check(account);
      if (!this.memo) continue;
      const found = findings.length === from ? undefined : keptFindings(findings, from, map);
      keepSubtreeRecord(map, keeper, found ? { version, findings: found } : (clean ??= { version, findings: [] }));
    }
  }

  /** An account's `users` setting, read once per check. */
  accountUsers(account: AccountBlock): Setting | undefined {
    if (!this.accountUsersRead.has(account.map))
      this.accountUsersRead.set(account.map, new EffectiveMap(this.model, account.map, account.file).get('users'));
    return this.accountUsersRead.get(account.map);
  }

  private readonly accountUsersRead = new Map<MapNode, Setting | undefined>();

  /** An account's settings named `names` (lower case), as written, duplicates included. */
  settingsOf(account: AccountBlock, ...names: string[]): Setting[] {
    const settings: Setting[] = [];
    for (const e of account.map.entries) {
      if (e.kind !== 'keyValue' || !e.value || !names.includes(lowerCase(e.key))) continue;
      settings.push({ entry: e, value: resolveValue(this.model, e.value), file: account.file });
    }
    return settings;
  }

  /** Adds a finding at the setting's key (or value, with `valueSpan`); returned for fixes and related places. */
  report(
    at: Place,
    severity: Severity,
    code: FindingCode,
    message: string,
    origin: 'server' | 'lint',
    valueSpan = false,
  ): Finding {
    const span = 'entry' in at ? (valueSpan && at.entry.value ? at.entry.value : keySpan(at.entry)) : at.span;
    const finding: Finding = { span, severity, code, message, origin };
    at.file.findings.push(finding);
    return finding;
  }

  /** Whether the release judged by is `major.minor.patch` or later. */
  since(major: number, minor: number, patch = 0): boolean {
    return compareVersions(this.model.version, { major, minor, patch }) >= 0;
  }

  /** The operator JWT(s), in any of their spellings: operator mode changes what is checked at start. */
  operator(): Setting | undefined {
    return this.top.get('operator', 'operators', 'root', 'roots', 'root_operator', 'root_operators');
  }

  /** Whether a listener block opens its socket: a port other than 0, or a `listen`. */
  listens(block: EffectiveMap | undefined): boolean {
    return !!block && (block.number('port') ?? (block.get('listen') ? 1 : 0)) !== 0;
  }

  /** The sockets the config opens (the listener rules and the advice both ask). */
  listenersOpened(): Listener[] {
    return (this.opened ??= listenersOf(this.model));
  }

  /** Every TLS block with where it stands (client, cluster, …). */
  tlsBlocks(): { tls: Setting; where: string }[] {
    if (this.tls) return this.tls;
    const blocks = [{ tls: this.top.get('tls'), where: 'client' }];
    for (const name of LISTENER_BLOCKS) blocks.push({ tls: this.top.block(name)?.get('tls'), where: name });
    return (this.tls = blocks.filter((b): b is { tls: Setting; where: string } => b.tls?.value?.kind === 'map'));
  }

  /** The names of the accounts the config defines (a map of accounts, or a list of names). */
  accountNames(): Set<string> {
    const names = new Set<string>();
    const accounts = this.top.get('accounts')?.value;
    if (accounts?.kind === 'map') for (const a of accounts.entries) if (a.kind === 'keyValue') names.add(a.key);
    if (accounts?.kind === 'array') for (const a of accounts.items) if (a.kind === 'string') names.add(a.value);
    return names;
  }

  /** Each account's `users` setting, in the order the accounts are written. */
  accountUserLists(): Setting[] {
    if (this.userLists) return this.userLists;
    const lists: Setting[] = [];
    for (const account of this.accountBlocks()) {
      const users = this.accountUsers(account);
      if (users) lists.push(users);
    }
    return (this.userLists = lists);
  }

  /** The users of a `users` list (see usersOf), read once per check. */
  usersOf(list: Setting | undefined): EffectiveMap[] {
    const array = list?.value;
    if (!list || array?.kind !== 'array') return [];
    const known = this.users.get(array);
    // The same list reached from another file (through a variable) reads its users there.
    if (known?.file === list.file) return known.users;
    const users = usersOf(this.model, list);
    if (!known) this.users.set(array, { file: list.file, users });
    return users;
  }

  /** Each user's password setting (`password`, else `pass`), by the users of a list: two rules read them. */
  private readonly passwords = new Map<EffectiveMap[], (Setting | undefined)[]>();

  /** The password setting of each user of a `users` list (see usersOf), in order; read once per check. */
  userPasswords(list: Setting | undefined): (Setting | undefined)[] {
    const users = this.usersOf(list);
    let passwords = this.passwords.get(users);
    if (!passwords) this.passwords.set(users, (passwords = users.map((user) => user.get('password', 'pass'))));
    return passwords;
  }

  /** The accounts defined as maps (see accountBlocks), read once per check. */
  accountBlocks(): ReturnType<typeof accountBlocks> {
    return (this.blocks ??= accountBlocks(this.top));
  }

  /** Whether some account has users (nats-server counts them with authorization's users). */
  anyAccountUser(): boolean {
    return this.firstAccountUsers() !== undefined;
  }

  /** The `users` setting of the first account that has users (the accounts after it are not read). */
  firstAccountUsers(): Setting | undefined {
    for (const account of this.accountBlocks()) {
      const users = this.accountUsers(account);
      if (hasUsers(users)) return users;
    }
    return undefined;
  }

  /** User names and nkeys of authorization.users and of every account's users. */
  allUsers(): { users: Set<string>; nkeys: Set<string> } {
    const users = new Set<string>();
    const nkeys = new Set<string>();
    const lists = [this.top.block('authorization')?.get('users'), ...this.accountUserLists()];
    for (const list of lists) {
      for (const user of this.usersOf(list)) {
        // An entry with an nkey is an nkey user, whatever else it says.
        const nkey = user.string('nkey');
        const name = userName(user);
        if (nkey !== undefined) nkeys.add(nkey);
        else if (name !== undefined) users.add(name);
      }
    }
    return { users, nkeys };
  }

  /** Whether the config enables JetStream. */
  jetstreamEnabled(): boolean {
    return jetstreamEnabled(this.top);
  }

  /** A duration setting in nanoseconds: a Go duration, or an integer of seconds. */
  duration(setting: Setting | undefined): number | undefined {
    const v = setting?.value;
    if (v?.kind === 'string') return parseGoDuration(v.value);
    if (v?.kind === 'integer') return v.value * 1e9;
    return undefined;
  }
}
