// A deployment checked as a whole: Kubernetes manifests, Compose files, values of the nats Helm
// chart (or `--set` lines in scripts and READMEs) and plain `.conf` files, given together. Each file
// is classified by what it holds; configs embedded in ConfigMaps and Secrets are checked like
// `.conf` files (at virtual paths, moved into their YAML afterwards); each kind of manifest adds its
// own findings and nodes (kubernetes.ts, compose.ts, helm/helmValues.ts); then the nodes of all of
// them are checked across, as the configs of one cluster.

import * as path from 'node:path';
import { isMap, isSeq, type Node } from 'yaml';
import { compareDiagnostics, type Diagnostic } from '../diagnostics';
import type { ConfigHost, ConfigModel } from '../document';
import { holdsTemplateExpressions } from '../detect';
import { readYamlFile, nodeAt, scalarString, type YamlFile } from '../yaml/yamlFile';
import { composeDeployment } from './compose';
import { composeVariables, scalarValue, type ComposeVariables } from './composeVariables';
import type { DeployContext, DeployPart, DeploymentNode } from './context';
import { chartBeside } from './helm/chartFile';
import { helmSetDeployment, helmValuesDeployment, isHelmValuesFile } from './helm/helmValues';
import { kubernetesDeployment } from './kubernetes';

/** A file of the deployment, as the caller has it. */
export interface DeploymentFile {
  path: string;
  text: string;
}

/** What a file is read as; a YAML file may be several (a ConfigMap beside a StatefulSet). */
export type DeploymentRole = 'kubernetes' | 'compose' | 'helm-values' | 'helm-set' | 'config';

export interface DeploymentOptions {
  /** Check the nodes across, as one cluster (default true). */
  cluster?: boolean;
  /** Report YAML the reader refuses even in files with nothing of NATS recognised (the CLI: the user named them). */
  syntaxOfAll?: boolean;
}

export interface DeploymentResult {
  /** Every finding, at its YAML (or `.conf`) place, in file and position order. */
  diagnostics: Diagnostic[];
  /** What each file was read as: none for a file with nothing of NATS in it. */
  roles: Map<string, DeploymentRole[]>;
  /** Files with nothing of NATS in them, and why they were skipped (a note, not a finding). */
  skipped: { file: string; note: string }[];
  /** The nats-servers of the deployment, for cross-node checks and the topology. */
  nodes: DeploymentNode[];
}

/** Files read as YAML; `.sh`/`.md` hold `helm … --set` lines; anything else is a nats-server config. */
export function fileKind(path: string): 'yaml' | 'script' | 'config' {
  if (/\.ya?ml$/i.test(path)) return 'yaml';
  if (/\.(sh|bash|md|markdown)$/i.test(path)) return 'script';
  return 'config';
}

/** An image of nats-server: `nats`, `nats:2.10.7-alpine`, `docker.io/library/nats@sha256:…`, `…/nats-server:…`. */
const NATS_IMAGE = /(^|\/)nats(-server)?(:|@|$)/;
/** Whether a container or Compose service runs nats-server: by its image, or a command naming it. */
export const runsNatsServer = (container: unknown): boolean => {
  if (!isMap(container)) return false;
  if (NATS_IMAGE.test(scalarString(nodeAt(container, ['image'])) ?? '')) return true;
  return ['command', 'entrypoint', 'args'].some((key) => /(^|[\s/[,"'])nats-server(\s|$|["',\]])/.test(textOf(key)));
  function textOf(key: string): string {
    const node = nodeAt(container, [key]);
    if (isSeq(node)) return node.items.map((i) => scalarString(i) ?? '').join(' ');
    return scalarString(node) ?? '';
  }
};

/** Containers of a Pod, or of the pod template of a workload (init containers too). */
function containersOf(root: Node): Node[] {
  const specs = [nodeAt(root, ['spec']), nodeAt(root, ['spec', 'template', 'spec'])];
  // A CronJob's pods are one level deeper.
  specs.push(nodeAt(root, ['spec', 'jobTemplate', 'spec', 'template', 'spec']));
  const found: Node[] = [];
  for (const spec of specs) {
    for (const key of ['containers', 'initContainers']) {
      const list = nodeAt(spec, [key]);
      if (isSeq(list)) for (const c of list.items) if (isMap(c)) found.push(c as Node);
    }
  }
  return found;
}

function isComposeFile(root: Node, variables: () => ComposeVariables): boolean {
  const services = nodeAt(root, ['services']);
  if (!isMap(services)) return false;
  return services.items.some((p) => {
    if (runsNatsServer(p.value)) return true;
    // `image: ${NATS_IMAGE}`: the image the .env beside the file names.
    const image = nodeAt(p.value, ['image']);
    if (!scalarString(image)?.includes('$')) return false;
    const value = scalarValue(image, variables());
    return typeof value === 'string' && NATS_IMAGE.test(value);
  });
}

/** Whether a Kubernetes object concerns NATS: a config, a workload running nats-server, a Service for one. */
function isNatsObject(root: Node, file: YamlFile, documentIndex: number, virtualConfigs: Set<string>): boolean {
  const kind = scalarString(nodeAt(root, ['kind']));
  if (kind === 'ConfigMap' || kind === 'Secret') return virtualConfigs.has(`${file.path}\0${documentIndex}`);
  if (containersOf(root).some(runsNatsServer)) return true;
  if (kind === 'Service') {
    const selector = nodeAt(root, ['spec', 'selector']);
    const words = [scalarString(nodeAt(root, ['metadata', 'name'])) ?? ''];
    if (isMap(selector)) for (const p of selector.items) words.push(scalarString(p.value) ?? '');
    return words.some((w) => /\bnats\b/i.test(w));
  }
  return false;
}

function hasKubernetesObject(file: YamlFile): boolean {
  return file.documents.some(
    (d) => scalarString(nodeAt(d.doc.contents, ['apiVersion'])) && scalarString(nodeAt(d.doc.contents, ['kind'])),
  );
}

/** The roles of a YAML file, from its documents. */
function classifyYaml(file: YamlFile, configsIn: Set<string>, host: ConfigHost): DeploymentRole[] {
  const roles = new Set<DeploymentRole>();
  let vars: ComposeVariables | undefined;
  const variables = () => (vars ??= composeVariables(file.path, host));
  file.documents.forEach((document, index) => {
    const root = document.doc.contents as Node | null;
    if (!isMap(root)) return;
    const apiVersion = scalarString(nodeAt(root, ['apiVersion']));
    const kind = scalarString(nodeAt(root, ['kind']));
    if (apiVersion && kind) {
      if (isNatsObject(root, file, index, configsIn)) roles.add('kubernetes');
    } else if (isComposeFile(root, variables)) roles.add('compose');
  });
  // A values file beside a Chart.yaml is that chart's: the nats chart's values only where it depends on it.
  const chart = /^values.*\.ya?ml$/i.test(path.basename(file.path)) ? chartBeside(file.path, host) : undefined;
  if (chart?.kind === 'depends' || (chart?.kind !== 'other' && isHelmValuesFile(file))) roles.add('helm-values');
  return [...roles];
}

/** `helm install|upgrade|template … --set` in a script or markdown file. */
function hasHelmSetLines(text: string): boolean {
  return /\bhelm\s+(install|upgrade|template)\b/.test(text) && /--set(-string|-json)?[\s=]/.test(text);
}

const NOTHING_YAML =
  'nothing of NATS in it (no ConfigMap or Secret holding a NATS config, no workload or Compose service ' +
  'running nats-server, no values of the nats Helm chart): skipped';
const TEMPLATE_YAML = 'a template ({{ … }}): only what it renders is YAML: skipped';
const NOTHING_SCRIPT = 'no `helm install|upgrade|template … --set` line in it: skipped';

/**
 * The deployment's findings. `ctx.files` must not hold other files' entries: every YAML file given is
 * registered there (its ConfigMaps' entries become virtual files) before anything is checked.
 */
export function checkDeployment(
  inputs: readonly DeploymentFile[],
  ctx: DeployContext & { cluster(models: readonly ConfigModel[]): Diagnostic[] },
  options: DeploymentOptions = {},
): DeploymentResult {
  const result: DeploymentResult = { diagnostics: [], roles: new Map(), skipped: [], nodes: [] };
  const found: Diagnostic[] = [];
  const parts: DeployPart[] = [];
  /** Plain `.conf` files given together are the nodes of one cluster (as `nats-conf check` always took them). */
  const plainNodes: DeploymentNode[] = [];
  const plainFindings = new Map<string, Diagnostic[]>();
  const yamls: { file: YamlFile; roles: DeploymentRole[] }[] = [];
  const manifests: YamlFile[] = [];

  // Every YAML file's entries first: includes and cross-file references find them whatever the order.
  const configsIn = new Set<string>();
  const parsed = inputs.map((input) => {
    if (fileKind(input.path) !== 'yaml') return undefined;
    const file = readYamlFile(input.path, input.text);
    for (const v of ctx.files.add(file)) configsIn.add(`${file.path}\0${v.object.documentIndex}`);
    return file;
  });

  inputs.forEach((input, i) => {
    const kind = fileKind(input.path);
    if (kind === 'config') {
      const checked = ctx.check(input);
      plainFindings.set(input.path, checked.diagnostics);
      plainNodes.push({ name: input.path, model: checked.model, file: input.path });
      result.roles.set(input.path, ['config']);
      return;
    }
    if (kind === 'script') {
      const roles: DeploymentRole[] = hasHelmSetLines(input.text) ? ['helm-set'] : [];
      result.roles.set(input.path, roles);
      if (roles.length) parts.push(helmSetDeployment(input, ctx));
      else result.skipped.push({ file: input.path, note: NOTHING_SCRIPT });
      return;
    }
    const file = parsed[i]!;
    // A chart's template (`{{ .Values.x }}` where YAML has no room for it): only its rendering is YAML.
    if (file.errors.length && holdsTemplateExpressions(input.text)) {
      result.roles.set(input.path, []);
      result.skipped.push({ file: input.path, note: TEMPLATE_YAML });
      return;
    }
    const roles = classifyYaml(file, configsIn, ctx.host);
    result.roles.set(input.path, roles);
    // Every manifest goes to the Kubernetes checks, NATS or not: a Service that selects the nats pods
    // may be named for anything (its file is still noted as having nothing of NATS in it).
    if (hasKubernetesObject(file)) manifests.push(file);
    if (roles.length || options.syntaxOfAll) found.push(...yamlSyntaxDiagnostics(file));
    if (roles.length === 0) {
      // A file the reader refused is reported (when asked), not skipped: what it holds is not known.
      if (!(file.errors.length && options.syntaxOfAll))
        result.skipped.push({
          file: input.path,
          note: file.errors.length ? 'not read as YAML: skipped' : NOTHING_YAML,
        });
      return;
    }
    yamls.push({ file, roles });
    if (roles.includes('compose')) parts.push(composeDeployment(file, ctx));
    if (roles.includes('helm-values')) parts.push(helmValuesDeployment(file, ctx));
  });

  // Kubernetes checks span files (a StatefulSet mounts a ConfigMap of another file).
  const kubernetes = yamls.filter((y) => y.roles.includes('kubernetes')).map((y) => y.file);
  if (kubernetes.length) parts.push(kubernetesDeployment(manifests, ctx));

  // The embedded configs on their own, unless a workload that mounts them checked them with its environment.
  const checkedByWorkloads = new Set(parts.flatMap((p) => p.configsChecked ?? []));
  found.push(...embeddedDiagnostics(kubernetes, ctx, checkedByWorkloads));
  // A plain config a Compose service mounts: its reading there (with the service's environment) stands.
  // (Compose names host files by their absolute paths.)
  // So does a plain config another plain config given includes (a `common.conf` of shared settings):
  // nats-server reads it inside its includer, never as a server's config of its own.
  const fragments = includedByOthers(plainNodes);
  const checkedElsewhere = (file: string) =>
    checkedByWorkloads.has(path.resolve(file)) || fragments.has(path.resolve(file));
  for (const [file, diagnostics] of plainFindings) if (!checkedElsewhere(file)) found.push(...diagnostics);
  const plainAlone = plainNodes.filter((n) => !checkedElsewhere(n.file));

  // Each deployment's nodes are checked across apart: the replicas of the Kubernetes manifests, the services
  // of each Compose file, the plain configs. They never reach one another (`nats-1` of a Compose network is
  // not `nats-1.nats-headless…`), so a name or route they share is no finding.
  for (const part of parts) found.push(...part.diagnostics);
  const groups = [plainAlone, ...parts.map((p) => p.nodes)].filter((g) => g.length > 0);
  for (const group of groups) {
    result.nodes.push(...group);
    if (options.cluster === false) continue;
    // Findings at a part's own paths (a Compose service's synthesized config) go back to its YAML.
    for (const d of ctx.cluster(group.map((n) => n.model)))
      found.push(parts.reduce<Diagnostic>((at, p) => p.remap?.(at) ?? at, d));
  }

  const seen = new Set<string>();
  for (const d of found.map((d) => ctx.files.remap(d))) {
    // A file several configs include is reported once.
    const id = `${d.file}\0${d.range.start.line}\0${d.range.start.character}\0${d.code}\0${d.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    result.diagnostics.push(d);
  }
  result.diagnostics.sort(compareDiagnostics);
  return result;
}

/**
 * The plain configs another one includes (resolved paths): read inside their includers, never as a
 * server's config of their own. Not one that includes its includer back, so that of two configs
 * including each other both are still read.
 */
export function includedByOthers(nodes: readonly { file: string; model: ConfigModel }[]): Set<string> {
  const includes = new Map(
    nodes.map((n) => [path.resolve(n.file), new Set(n.model.files.slice(1).map((f) => path.resolve(f.path)))]),
  );
  const fragments = new Set<string>();
  for (const [other, theirs] of includes)
    for (const file of theirs) if (file !== other && includes.get(file)?.has(other) === false) fragments.add(file);
  return fragments;
}

/** The NATS configs of the files' ConfigMaps and Secrets, each checked like a `.conf` file (with its includes). */
function embeddedDiagnostics(files: readonly YamlFile[], ctx: DeployContext, skip: Set<string>): Diagnostic[] {
  const paths = new Set(files.map((f) => f.path));
  const configs = ctx.files.configs().filter((v) => paths.has(v.yaml.path));
  const results = configs.map((v) => ({
    path: v.path,
    model: ctx.check({ path: v.path, text: v.entry.embedded.text }),
  }));
  // An entry another entry includes is reported through its includer (its variables may come from there).
  const includedByAnother = (path: string) =>
    results.some(
      (r) => r.path !== path && r.model.model.files.slice(1).some((f) => ctx.files.get(f.path)?.path === path),
    );
  // An empty entry is warned of by the workload that loads it (a key no container loads is never read).
  return results
    .filter(({ path }) => !skip.has(path) && !includedByAnother(path))
    .flatMap(({ model }) => model.diagnostics.filter((d) => d.code !== 'empty-config'));
}

/** What the YAML reader refused, at its line and column. */
function yamlSyntaxDiagnostics(file: YamlFile): Diagnostic[] {
  return file.errors.map((e) => ({
    file: file.path,
    range: file.lines.range(e.span),
    severity: 'error',
    code: 'yaml-syntax',
    message: `YAML: ${e.message.split('\n')[0]}`,
    origin: 'lint',
  }));
}
