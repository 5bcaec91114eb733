// The official `nats` image as Compose and Kubernetes name it: whether an image is it, which
// nats-server release its tag runs, and whether it is the alpine variant (another entrypoint
// and config path than the scratch image).

import { NEWEST_VERSION, isSupportedVersion, parseServerVersion, type ServerVersion } from '../versions';

/** The newest patch of each release line in the nats image tags (`nats:2.10` runs the line's newest). */
const NEWEST_PATCH: Record<string, number> = { '2.9': 25, '2.10': 29, '2.11': 17, '2.12': 15, '2.14': 5 };

/** Docker Hub's own names for its registry: `docker.io/nats` is the official image. */
const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/**
 * `nats`, `nats:2.10.7`, `docker.io/library/nats:2.10-alpine`, `nats@sha256:…`, and mirrors of the
 * official image (`mirror.gcr.io/library/nats`, `public.ecr.aws/docker/library/nats`). Another
 * organisation's `nats` (`bitnami/nats`, `acme/nats`) has an entrypoint of its own: not this image.
 */
export function isNatsImage(image: string): boolean {
  const parts = image.trim().split('/');
  if (!/^nats(:[^/]*)?(@[^/]*)?$/.test(parts.pop() ?? '')) return false;
  const owner = parts.at(-1);
  return owner === undefined || owner === 'library' || (parts.length === 1 && DOCKER_HUB.has(owner));
}

/** The image's tag (`2.10.7-alpine`), if it has one. */
function imageTag(image: string): string | undefined {
  return /:([^/@:]+)(@.*)?$/.exec(image)?.[1];
}

/** The release an image tag runs; undefined when the tag names none we know (`latest`, `alpine`, `1.4`). */
export function imageVersion(image: string): ServerVersion | undefined {
  const tag = imageTag(image);
  const m = tag ? /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-|$)/.exec(tag) : null;
  if (!m) return undefined;
  let version: ServerVersion | undefined;
  if (m[2] === undefined) version = Number(m[1]) === NEWEST_VERSION.major ? NEWEST_VERSION : undefined;
  else if (m[3] !== undefined) version = parseServerVersion(`${m[1]}.${m[2]}.${m[3]}`);
  else version = parseServerVersion(`${m[1]}.${m[2]}.${NEWEST_PATCH[`${m[1]}.${m[2]}`] ?? 0}`);
  return version && isSupportedVersion(version) ? version : undefined;
}

/** The alpine variant: `docker-entrypoint.sh`, and its config at /etc/nats/nats-server.conf. */
export function isAlpineImage(image: string | undefined): boolean {
  return !!image && /alpine/i.test(imageTag(image) ?? '');
}
