// The setup guide's Kubernetes manifests (../shared/seed), extracted by their first line, and
// variants of them: one edit each, with the line an expected finding stands on.

import { guideYaml } from './guide';

const block = (first: string) => guideYaml(first.replace(/^# /, ''));

export const CONFIGMAP = 'k8s/nats-configmap.yaml';
export const STATEFULSET = 'k8s/nats-statefulset.yaml';
export const SERVICES = 'k8s/nats-services.yaml';

/** The three manifests, verbatim. */
export function guideManifests(): Record<string, string> {
  return {
    [CONFIGMAP]: block('# nats-configmap.yaml'),
    [STATEFULSET]: block('# nats-statefulset.yaml'),
    [SERVICES]: block('# nats-services.yaml'),
  };
}

/** The manifests with `from` replaced by `to` in `file` (which must hold `from` once). */
export function edited(file: string, from: string, to: string, base = guideManifests()): Record<string, string> {
  const text = base[file];
  if (text.split(from).length !== 2) throw new Error(`${file} must hold ${JSON.stringify(from)} once`);
  return { ...base, [file]: text.replace(from, to) };
}

/** The 1-based line of the first line of `files[file]` that holds `needle` (after `after`, if given). */
export function lineOf(files: Record<string, string>, file: string, needle: string, after = ''): number {
  const text = files[file];
  const from = after ? text.indexOf(after) : 0;
  const at = text.indexOf(needle, from);
  if (at < 0) throw new Error(`${file} has no ${JSON.stringify(needle)}`);
  return text.slice(0, at).split('\n').length;
}
