// The NATS JetStream view: streams → consumers, key-value buckets → keys (live while expanded),
// object stores → objects, for the connected server or context; and its commands (a stream's
// message, a key's value, put, delete and history, an object's download, purge). Read-only until a
// write is confirmed in a modal dialog naming what it changes. The data, its words and the pages
// come from server/src/live/jetstream*.ts; this file asks and shows.

import type { NatsConnection } from '@nats-io/transport-node';
import {
  commands,
  EventEmitter,
  ThemeIcon,
  TreeItem,
  TreeItemCollapsibleState,
  Uri,
  ViewColumn,
  window,
  type Disposable,
  type ExtensionContext,
  type TreeDataProvider,
  type TreeView,
  type WebviewPanel,
} from 'vscode';
import {
  bucketLine,
  consumerLine,
  formatBytes,
  kvDelete,
  kvGet,
  kvHistory,
  kvKeys,
  kvPut,
  kvWatch,
  listBuckets,
  listConsumers,
  listObjects,
  listObjectStores,
  listStreams,
  objectLine,
  objectStoreLine,
  objectToFile,
  purgeStream,
  streamLine,
  streamMessage,
  type BucketSummary,
  type ConsumerSummary,
  type KvValue,
  type KvWatch,
  type ObjectStoreSummary,
  type ObjectSummary,
  type Page,
  type PageRequest,
  type StreamSummary,
} from '../../server/src/live/jetstream';
import { kvValuesHtml, streamMessageHtml } from '../../server/src/live/jetstreamPages';

interface JetStreamDeps {
  /** The live connection, when there is one. */
  connection: () => NatsConnection | undefined;
  /** Connects when not connected (asks); whether it is connected then. */
  connect: () => Promise<boolean>;
  /** A failure as one sentence (servers masked). */
  explain: (e: unknown) => string;
  log: (line: string) => void;
}

type Group = 'streams' | 'kv' | 'obj';

type Node =
  | { kind: 'group'; group: Group }
  | { kind: 'stream'; stream: StreamSummary }
  | { kind: 'consumer'; consumer: ConsumerSummary }
  | { kind: 'bucket'; bucket: BucketSummary }
  | { kind: 'key'; bucket: string; key: string }
  | { kind: 'store'; store: ObjectStoreSummary }
  | { kind: 'object'; store: string; object: ObjectSummary }
  | { kind: 'more'; parent: Node }
  | { kind: 'note'; text: string; error?: boolean };

const PAGE = 100;
const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
/** While visible, the view is read again at most this often. */
const AUTO_REFRESH_MS = 10_000;
/** Live key updates are drawn at most this often per bucket. */
const WATCH_MS = 500;

const GROUPS: Record<Group, string> = { streams: 'Streams', kv: 'Key-value buckets', obj: 'Object stores' };

function idOf(n: Node): string {
  switch (n.kind) {
    case 'group':
      return `group:${n.group}`;
    case 'stream':
      return `stream:${n.stream.name}`;
    case 'consumer':
      return `consumer:${n.consumer.stream}/${n.consumer.name}`;
    case 'bucket':
      return `bucket:${n.bucket.bucket}`;
    case 'key':
      return `key:${n.bucket}/${n.key}`;
    case 'store':
      return `store:${n.store.store}`;
    case 'object':
      return `object:${n.store}/${n.object.name}`;
    case 'more':
      return `more:${idOf(n.parent)}`;
    case 'note':
      return `note:${n.text}`;
  }
}

/** A value on one line, for a tree item's description. */
const preview = (v: KvValue) =>
  v.operation === 'PUT' ? v.value.replace(/\s+/g, ' ').slice(0, 60) : v.operation === 'DEL' ? '(deleted)' : '(purged)';

interface Loaded {
  items: Node[];
  cursor?: string;
  pages: number;
}

class JetStreamTree implements TreeDataProvider<Node>, Disposable {
  private readonly changed = new EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Children as last read, by parent id; `pages` read so far (Load more adds one). */
  private loaded = new Map<string, Loaded>();
  /** The newest value seen of each key (get, put, watch), by `bucket/key`. */
  readonly values = new Map<string, KvValue>();
  private readonly watches = new Map<string, Promise<KvWatch | undefined>>();
  private readonly bucketNodes = new Map<string, Node>();

  constructor(private readonly deps: JetStreamDeps) {}

  /** Everything read again (expanded nodes keep the pages they had). */
  refresh(): void {
    for (const l of this.loaded.values()) l.items = [];
    this.changed.fire(undefined);
  }

  /** Another connection (or none): nothing of the old one is kept. */
  reset(): void {
    this.stopWatches();
    this.loaded.clear();
    this.values.clear();
    this.changed.fire(undefined);
  }

  redraw(n?: Node): void {
    this.changed.fire(n);
  }

  async more(n: Node & { kind: 'more' }): Promise<void> {
    const l = this.loaded.get(idOf(n.parent));
    if (!l) return;
    l.pages++;
    l.items = [];
    this.changed.fire(n.parent.kind === 'group' ? undefined : n.parent);
  }

  getTreeItem(n: Node): TreeItem {
    const item = new TreeItem(this.label(n), this.collapsible(n));
    item.id = idOf(n);
    item.contextValue = n.kind;
    switch (n.kind) {
      case 'group':
        item.iconPath = new ThemeIcon(n.group === 'streams' ? 'database' : n.group === 'kv' ? 'key' : 'file-binary');
        break;
      case 'stream': {
        const s = n.stream;
        item.description = `${plural(s.messages, 'message')}, ${formatBytes(s.bytes)}, R${s.replicas}`;
        item.tooltip = streamLine(s);
        item.iconPath = new ThemeIcon(
          s.cluster?.peers.some((p) => p.offline || (!p.leader && !p.current)) ? 'warning' : 'database',
        );
        break;
      }
      case 'consumer': {
        const c = n.consumer;
        item.description = `${c.pending} pending, ${c.ackPending} ack pending, ${c.redelivered} redelivered`;
        item.tooltip = consumerLine(c);
        item.iconPath = new ThemeIcon('inbox');
        break;
      }
      case 'bucket':
        item.description = `${plural(n.bucket.values, 'value')}, ${formatBytes(n.bucket.bytes)}`;
        item.tooltip = bucketLine(n.bucket);
        item.iconPath = new ThemeIcon('key');
        break;
      case 'key': {
        const v = this.values.get(`${n.bucket}/${n.key}`);
        item.description = v ? `${preview(v)} · rev ${v.revision}` : undefined;
        item.tooltip = v ? `${n.key} = ${v.value.slice(0, 500)}\nrevision ${v.revision}, ${v.created}` : n.key;
        item.iconPath = new ThemeIcon('symbol-key');
        item.command = { command: 'nats.jetstream.kvGet', title: 'Get', arguments: [n] };
        break;
      }
      case 'store':
        item.description = formatBytes(n.store.bytes);
        item.tooltip = objectStoreLine(n.store);
        item.iconPath = new ThemeIcon('file-binary');
        break;
      case 'object':
        item.description = formatBytes(n.object.size);
        item.tooltip = objectLine(n.object);
        item.iconPath = new ThemeIcon('file');
        break;
      case 'more':
        item.command = { command: 'nats.jetstream.loadMore', title: 'Load more', arguments: [n] };
        item.iconPath = new ThemeIcon('ellipsis');
        break;
      case 'note':
        item.iconPath = n.error ? new ThemeIcon('error') : undefined;
        item.tooltip = n.text;
        break;
    }
    return item;
  }

  private label(n: Node): string {
    switch (n.kind) {
      case 'group':
        return GROUPS[n.group];
      case 'stream':
        return n.stream.name;
      case 'consumer':
        return n.consumer.name;
      case 'bucket':
        return n.bucket.bucket;
      case 'key':
        return n.key;
      case 'store':
        return n.store.store;
      case 'object':
        return n.object.name;
      case 'more':
        return 'Load more…';
      case 'note':
        return n.text;
    }
  }

  private collapsible(n: Node): TreeItemCollapsibleState {
    if (n.kind === 'group') return TreeItemCollapsibleState.Expanded;
    return n.kind === 'stream' || n.kind === 'bucket' || n.kind === 'store'
      ? TreeItemCollapsibleState.Collapsed
      : TreeItemCollapsibleState.None;
  }

  async getChildren(parent?: Node): Promise<Node[]> {
    const nc = this.deps.connection();
    if (!nc) return [];
    if (!parent) return (['streams', 'kv', 'obj'] as Group[]).map((group) => ({ kind: 'group', group }));
    const id = idOf(parent);
    const l = this.loaded.get(id) ?? { items: [], pages: 1 };
    this.loaded.set(id, l);
    if (l.items.length) return [...l.items, ...(l.cursor ? [{ kind: 'more' as const, parent }] : [])];
    try {
      const items: Node[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < l.pages && (i === 0 || cursor); i++) {
        const page = await this.page(nc, parent, { limit: PAGE, cursor });
        items.push(...page.items);
        cursor = page.cursor;
      }
      l.items = items;
      l.cursor = cursor;
      // A bucket shown open is watched (a refresh or a new connection starts its watch again).
      if (parent.kind === 'bucket') this.watch(parent);
      if (!items.length) return [{ kind: 'note', text: this.empty(parent) }];
      return [...items, ...(cursor ? [{ kind: 'more' as const, parent }] : [])];
    } catch (e) {
      return [{ kind: 'note', text: this.deps.explain(e), error: true }];
    }
  }

  private empty(n: Node): string {
    if (n.kind === 'group')
      return n.group === 'streams' ? 'No stream' : n.group === 'kv' ? 'No bucket' : 'No object store';
    return n.kind === 'stream' ? 'No consumer' : n.kind === 'bucket' ? 'No key' : 'No object';
  }

  private async page(nc: NatsConnection, n: Node, p: PageRequest): Promise<Page<Node>> {
    const wrap = <T>(page: Page<T>, f: (t: T) => Node): Page<Node> => ({
      items: page.items.map(f),
      cursor: page.cursor,
    });
    if (n.kind === 'group' && n.group === 'streams')
      return wrap(await listStreams(nc, p), (stream) => ({ kind: 'stream', stream }));
    if (n.kind === 'group' && n.group === 'kv')
      return wrap(await listBuckets(nc, p), (bucket) => ({ kind: 'bucket', bucket }));
    if (n.kind === 'group') return wrap(await listObjectStores(nc, p), (store) => ({ kind: 'store', store }));
    if (n.kind === 'stream')
      return wrap(await listConsumers(nc, n.stream.name, p), (consumer) => ({ kind: 'consumer', consumer }));
    if (n.kind === 'bucket') {
      const name = n.bucket.bucket;
      return wrap(await kvKeys(nc, name, p), (key) => ({ kind: 'key', bucket: name, key }));
    }
    if (n.kind === 'store') {
      const store = n.store.store;
      return wrap(await listObjects(nc, store, p), (object) => ({ kind: 'object', store, object }));
    }
    return { items: [] };
  }

  /** Live updates of a bucket's keys while it is expanded. */
  watch(n: Node): void {
    const nc = this.deps.connection();
    if (n.kind !== 'bucket' || !nc || this.watches.has(n.bucket.bucket)) return;
    const name = n.bucket.bucket;
    this.bucketNodes.set(name, n);
    this.watches.set(
      name,
      kvWatch(nc, name, (changes) => this.changes(name, changes), { intervalMs: WATCH_MS }).catch((e) => {
        this.deps.log(`could not watch the bucket ${name}: ${this.deps.explain(e)}`);
        return undefined;
      }),
    );
  }

  unwatch(n: Node): void {
    if (n.kind !== 'bucket') return;
    void this.watches.get(n.bucket.bucket)?.then((w) => w?.stop());
    this.watches.delete(n.bucket.bucket);
  }

  /** A batch from a watch, or a write made here: keys added, changed or gone, then one redraw. */
  changes(bucket: string, changes: KvValue[]): void {
    const node = this.bucketNodes.get(bucket);
    const l = node && this.loaded.get(idOf(node));
    for (const v of changes) {
      this.values.set(`${bucket}/${v.key}`, v);
      if (!l) continue;
      const at = l.items.findIndex((k) => k.kind === 'key' && k.key === v.key);
      if (v.operation !== 'PUT') {
        if (at >= 0) l.items.splice(at, 1);
      }
      // A new key joins the list when the whole list is shown (else it comes with its page).
      else if (v.operation === 'PUT' && at < 0 && !l.cursor) l.items.push({ kind: 'key', bucket, key: v.key });
    }
    this.changed.fire(node);
  }

  private stopWatches(): void {
    for (const w of this.watches.values()) void w.then((x) => x?.stop());
    this.watches.clear();
  }

  dispose(): void {
    this.stopWatches();
    this.changed.dispose();
  }
}

/** Registers the view and its commands; the returned function is called when the connection changes. */
export function registerJetStreamView(context: ExtensionContext, deps: JetStreamDeps): () => void {
  const tree = new JetStreamTree(deps);
  const view: TreeView<Node> = window.createTreeView('nats.jetstream', { treeDataProvider: tree });
  let panel: WebviewPanel | undefined;
  let timer: NodeJS.Timeout | undefined;
  const autoRefresh = () => {
    clearInterval(timer);
    timer = view.visible ? setInterval(() => deps.connection() && tree.refresh(), AUTO_REFRESH_MS) : undefined;
  };
  const show = (title: string, html: string) => {
    if (!panel) {
      panel = window.createWebviewPanel(
        'natsJetStream',
        title,
        { viewColumn: ViewColumn.Beside, preserveFocus: true },
        { enableScripts: false },
      );
      panel.onDidDispose(() => (panel = undefined));
    } else {
      panel.title = title;
      panel.reveal(undefined, true);
    }
    panel.webview.html = html;
  };
  const nc = async (): Promise<NatsConnection | undefined> =>
    deps.connection() ?? ((await deps.connect()) ? deps.connection() : undefined);
  const guard = (name: string, run: (n?: Node) => Promise<unknown>) =>
    commands.registerCommand(name, async (arg?: unknown) => {
      try {
        await run(arg && typeof arg === 'object' && 'kind' in arg ? (arg as Node) : undefined);
      } catch (e) {
        const message = deps.explain(e);
        deps.log(message);
        void window.showErrorMessage(message);
      }
    });
  const ask = (title: string, value = '', placeHolder?: string) =>
    window.showInputBox({ title, value, placeHolder, ignoreFocusOut: true });
  const pickFrom = async <T>(title: string, list: () => Promise<Page<T>>, name: (t: T) => string) => {
    const page = await list();
    if (!page.items.length) {
      void window.showInformationMessage(`${title}: there is none.`);
      return undefined;
    }
    return (await window.showQuickPick(page.items.map(name), { title })) || undefined;
  };
  /** The stream, bucket or store of the node, else picked. */
  const streamOf = async (c: NatsConnection, n?: Node) =>
    n?.kind === 'stream'
      ? n.stream.name
      : pickFrom(
          'Stream',
          () => listStreams(c, { limit: 1000 }),
          (s) => s.name,
        );
  const bucketOf = async (c: NatsConnection, n?: Node) =>
    n?.kind === 'key'
      ? n.bucket
      : n?.kind === 'bucket'
        ? n.bucket.bucket
        : pickFrom(
            'Key-value bucket',
            () => listBuckets(c, { limit: 1000 }),
            (b) => b.bucket,
          );
  const keyOf = async (n: Node | undefined, action: string) =>
    n?.kind === 'key' ? n.key : (await ask(`Key to ${action}`, '', 'orders.1'))?.trim() || undefined;

  context.subscriptions.push(
    tree,
    view,
    { dispose: () => clearInterval(timer) },
    view.onDidChangeVisibility(autoRefresh),
    view.onDidExpandElement((e) => tree.watch(e.element)),
    view.onDidCollapseElement((e) => tree.unwatch(e.element)),
    guard('nats.jetstream.refresh', async () => tree.refresh()),
    guard('nats.jetstream.loadMore', async (n) => n?.kind === 'more' && tree.more(n)),
    guard('nats.jetstream.showMessage', async (n) => {
      const c = await nc();
      const stream = c && (await streamOf(c, n));
      if (!c || !stream) return;
      const at = (await ask(`A message of ${stream}: its sequence number, or a subject (its last message)`))?.trim();
      if (!at) return;
      const m = await streamMessage(c, stream, /^\d+$/.test(at) ? { seq: Number(at) } : { subject: at });
      if (!m)
        return void window.showInformationMessage(`${stream} has no message ${/^\d+$/.test(at) ? '#' : 'on '}${at}.`);
      show(`${stream} #${m.seq}`, streamMessageHtml(m));
    }),
    guard('nats.jetstream.kvGet', async (n) => {
      const c = await nc();
      const bucket = c && (await bucketOf(c, n));
      const key = bucket && (await keyOf(n, 'read'));
      if (!c || !bucket || !key) return;
      const v = await kvGet(c, bucket, key);
      if (v) tree.changes(bucket, [v]);
      show(`${bucket} / ${key}`, kvValuesHtml(bucket, key, v ? [v] : [], false));
    }),
    guard('nats.jetstream.kvHistory', async (n) => {
      const c = await nc();
      const bucket = c && (await bucketOf(c, n));
      const key = bucket && (await keyOf(n, 'show the history of'));
      if (!c || !bucket || !key) return;
      show(`${bucket} / ${key} (history)`, kvValuesHtml(bucket, key, await kvHistory(c, bucket, key), true));
    }),
    guard('nats.jetstream.kvPut', async (n) => {
      const c = await nc();
      const bucket = c && (await bucketOf(c, n));
      const key = bucket && (await keyOf(n, 'put'));
      if (!c || !bucket || !key) return;
      const old = await kvGet(c, bucket, key);
      const value = await ask(`New value of ${key} in ${bucket}`, old?.operation === 'PUT' ? old.value : '');
      if (value === undefined) return;
      const was = old?.operation === 'PUT' ? `It replaces revision ${old.revision} ("${preview(old)}").` : 'A new key.';
      const ok = await window.showWarningMessage(
        `Put "${value.slice(0, 80)}" into the key ${key} of the bucket ${bucket}?`,
        { modal: true, detail: was },
        'Put',
      );
      if (ok !== 'Put') return;
      const revision = await kvPut(c, bucket, key, value);
      deps.log(`put ${bucket}/${key}: revision ${revision}`);
      const v = await kvGet(c, bucket, key);
      if (v) tree.changes(bucket, [v]);
      void window.setStatusBarMessage(`NATS: put ${bucket}/${key}, revision ${revision}`, 4000);
    }),
    guard('nats.jetstream.kvDelete', async (n) => {
      const c = await nc();
      const bucket = c && (await bucketOf(c, n));
      const key = bucket && (await keyOf(n, 'delete'));
      if (!c || !bucket || !key) return;
      const ok = await window.showWarningMessage(
        `Delete the key ${key} of the bucket ${bucket}?`,
        { modal: true, detail: 'Its history stays until the bucket drops it; reading the key gives nothing.' },
        'Delete',
      );
      if (ok !== 'Delete') return;
      await kvDelete(c, bucket, key);
      deps.log(`deleted ${bucket}/${key}`);
      const v = await kvGet(c, bucket, key);
      if (v) tree.changes(bucket, [v]);
    }),
    guard('nats.jetstream.purgeStream', async (n) => {
      const c = await nc();
      const stream = c && (await streamOf(c, n));
      if (!c || !stream) return;
      const subject = await ask(`Purge ${stream}: only the messages of a subject (empty: all of them)`);
      if (subject === undefined) return;
      const what = subject.trim()
        ? `the messages on ${subject.trim()} of the stream ${stream}`
        : `every message of the stream ${stream}`;
      const ok = await window.showWarningMessage(
        `Purge ${what}?`,
        { modal: true, detail: 'Purged messages are gone for every consumer; this cannot be undone.' },
        'Purge',
      );
      if (ok !== 'Purge') return;
      const purged = await purgeStream(c, stream, { subject: subject.trim() || undefined });
      deps.log(`purged ${purged} messages of ${stream}${subject.trim() ? ` on ${subject.trim()}` : ''}`);
      void window.showInformationMessage(`Purged ${purged} messages of ${stream}.`);
      tree.refresh();
    }),
    guard('nats.jetstream.objectDownload', async (n) => {
      const c = await nc();
      if (!c || n?.kind !== 'object')
        return void window.showInformationMessage('Pick an object in the NATS JetStream view to download it.');
      const target = await window.showSaveDialog({
        title: `Save ${n.object.name} of ${n.store}`,
        defaultUri: Uri.file(n.object.name.replace(/[\\/:*?"<>|]+/g, '_')),
      });
      if (!target) return;
      const bytes = await objectToFile(c, n.store, n.object.name, target.fsPath);
      deps.log(`saved ${n.store}/${n.object.name} (${formatBytes(bytes)}) to ${target.fsPath}`);
    }),
  );
  autoRefresh();
  let last = deps.connection();
  return () => {
    // Status changes of one connection (reconnecting, back) keep what the view holds.
    const now = deps.connection();
    if (now !== last) tree.reset();
    last = now;
  };
}
