// The files a pod mounts: the config nats-server is told to read against where the ConfigMap is
// mounted, ConfigMaps a volume names that are not among the files, and the JetStream store against
// the volumes that outlive the pod.

import { boundedEditDistance } from '../../catalogue/suggestions';
import type { FindingCode } from '../../findingCodes';
import { effectiveTop } from '../../effective';
import { isNatsEntry } from '../embeddedConfigs';
import { joinPath, mountedAt, objectOf, type Volume } from '../kubernetes';
import { storeDirOf, type K8sContext } from './k8sContext';

/** @public The finding codes this file reports (read through K8S_CHECK_FILES). */
export const codes = [
  'k8s-config-path',
  'k8s-config-missing',
  'k8s-store-ephemeral',
  'k8s-store-size',
] as const satisfies readonly FindingCode[];

/**
 * The config path on the command line (or the image's CMD: `--config nats-server.conf` in `/`)
 * must be a file the ConfigMap volume holds: a volume mounts each key as a file under mountPath
 * (`items` remap keys; `subPath` mounts one key as the file itself). Otherwise nats-server exits
 * (`open …: no such file or directory`) or, with the image's CMD, runs the image's own config.
 */
export function checkConfigPath(ctx: K8sContext): void {
  for (const t of ctx.targets) {
    const { workload: w, container: c, command } = t;
    if (!command?.configPath) continue;
    const mounted = mountedAt(w, c, command.configPath);
    const object = objectOf(ctx.model, w, mounted?.volume);
    if (mounted && object?.entries.has(mounted.key)) continue;
    // The ConfigMap is not among the files: nothing to compare (k8s-config-missing says so).
    if (mounted && (mounted.volume?.kind === 'configMap' || mounted.volume?.kind === 'secret') && !object) continue;
    // Where a NATS config is mounted in this container instead.
    const elsewhere = c.mounts.flatMap((m) => {
      const v = w.volumes.find((x) => x.name === m.name);
      const o = objectOf(ctx.model, w, v);
      if (!o) return [];
      const entries = [...o.entries.values()].filter((e) => isNatsEntry(o, e));
      return entries.flatMap((e) => {
        const inVolume = v?.items ? v.items.find((i) => i.key === e.key)?.path : e.key;
        if (inVolume === undefined) return [];
        if (m.subPath && m.subPath !== inVolume) return [];
        const at = m.subPath ? joinPath('/', m.mountPath) : joinPath(m.mountPath, inVolume);
        return [{ mount: m, object: o, entry: e, at }];
      });
    });
    const found = elsewhere[0];
    if (!found) continue;
    const fromImage = c.command === undefined && c.args === undefined;
    const how = fromImage ? "the image's CMD (`--config nats-server.conf`) makes it read" : 'it is told to read';
    const outcome = fromImage
      ? "it starts with the image's built-in config, not this one"
      : `it exits: open ${command.configPath}: no such file or directory`;
    ctx.findings.add(
      command.configPlace,
      {
        severity: 'error',
        code: 'k8s-config-path',
        message:
          `nats-server in ${w.kind} ${w.name} reads ${command.configPath} (${how}), but the config of ` +
          `${found.object.kind} ${found.object.name} is mounted at ${found.at}: ${outcome}.`,
      },
      [
        { place: found.mount.pathPlace, message: `${found.object.kind} ${found.object.name} is mounted here` },
        { place: { file: found.object.yamlPath, span: found.entry.keySpan }, message: 'the config' },
      ],
    );
  }
}

/**
 * A configMap (or secret) volume naming an object not among the files: the pod stays in
 * ContainerCreating until it exists (volumes that are not `optional`). Only said when the files
 * hold objects of that kind or several files were given, since it may simply live elsewhere.
 */
export function checkConfigMissing(ctx: K8sContext): void {
  const has = (kind: 'ConfigMap' | 'Secret') => ctx.model.objects.some((o) => o.kind === kind);
  for (const w of ctx.model.workloads) {
    for (const v of w.volumes) {
      if ((v.kind !== 'configMap' && v.kind !== 'secret') || v.optional || !v.source || !v.sourcePlace) continue;
      const kind = v.kind === 'configMap' ? 'ConfigMap' : 'Secret';
      // Secrets are often made apart (cert-manager, sealed secrets): only when some Secret is given.
      if (!(has(kind) || (kind === 'ConfigMap' && ctx.model.files.length >= 2))) continue;
      if (objectOf(ctx.model, w, v)) continue;
      if (ctx.model.unknownObjects.some((g) => g.kind === kind && g.name === v.source)) continue;
      const others = [...new Set(ctx.model.objects.filter((o) => o.kind === kind).map((o) => o.name))];
      const list = others.length ? ` (${others.join(', ')} are)` : '';
      // A name one or two edits from one the files have is a typo; another name may be made apart.
      const near = others.find((o) => boundedEditDistance(o, v.source!, 2) <= 2);
      ctx.findings.add(v.sourcePlace, {
        severity: near ? 'warning' : 'information',
        code: 'k8s-config-missing',
        message:
          `${kind} ${v.source}${w.namespace ? ` in namespace ${w.namespace}` : ''} is not among the files checked` +
          `${list}${near ? `; did you mean ${near}?` : ''}: unless it is created apart, the pods of ` +
          `${w.kind} ${w.name} wait for it and never start.`,
      });
    }
  }
}

const PERSISTENT: Volume['kind'][] = ['claimTemplate', 'persistentVolumeClaim', 'hostPath'];

/**
 * JetStream keeps streams under store_dir: on an emptyDir or the container's own filesystem they
 * are lost when the pod is deleted or rescheduled (a rolling update does it), unlike a
 * PersistentVolumeClaim (volumeClaimTemplates keep each replica's claim). max_file_store larger
 * than the claim's storage request: the volume fills before JetStream's limit stops writes.
 */
export function checkStore(ctx: K8sContext): void {
  for (const t of ctx.targets) {
    if (!t.replica || !t.node?.jetstream) continue;
    const model = t.replica.model;
    const { dir, setting } = storeDirOf(model, t.command);
    if (dir === undefined) continue;
    const path = joinPath(t.container.workingDir, dir);
    const mounted = mountedAt(t.workload, t.container, path);
    const where = ctx.settingPlace(model, setting) ?? ctx.settingPlace(model, t.node.jetstream) ?? t.container.place;
    if (!mounted?.volume || !PERSISTENT.includes(mounted.volume.kind)) {
      const on = mounted?.volume
        ? `an ${mounted.volume.kind} volume (${mounted.volume.name})`
        : "the container's filesystem";
      ctx.findings.add(
        where,
        {
          severity: 'warning',
          code: 'k8s-store-ephemeral',
          message:
            `The JetStream store ${path}${setting ? '' : " (nats-server's default)"} is on ${on}: streams are ` +
            'lost whenever the pod is deleted or moved (a rolling update does it). Put it on a PersistentVolumeClaim ' +
            '(volumeClaimTemplates).',
        },
        mounted ? [{ place: mounted.mount.pathPlace, message: 'mounted here' }] : [],
      );
      continue;
    }
    const claim = mounted.volume;
    const maxSetting = effectiveTop(model).block('jetstream')?.get('max_file_store', 'max_file');
    const max = maxSetting?.value?.kind === 'integer' ? maxSetting.value.value : undefined;
    if (max === undefined || claim.storage === undefined || max <= claim.storage) continue;
    const place = ctx.settingPlace(model, maxSetting);
    if (!place || !claim.storagePlace) continue;
    ctx.findings.add(
      place,
      {
        severity: 'warning',
        code: 'k8s-store-size',
        message:
          `max_file_store (${max} bytes) is larger than the volume claim ${claim.name} (${claim.storage} bytes): ` +
          'the volume fills up before JetStream stops accepting messages, and writes fail.',
      },
      [{ place: claim.storagePlace, message: 'the storage requested' }],
    );
  }
}
