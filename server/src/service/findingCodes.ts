// Every finding code the tools report, in one place: its origin, default severity, a one-line
// summary and the releases where it starts, stops or changes. Findings name their code by a key
// of this table (the type system refuses any other), the README's tables, the `nats.rules`
// setting's schema and the registry test are generated from or held against it.

import type { Origin, Severity } from './diagnostics';
import { boundedEditDistance } from './catalogue/suggestions';

export interface FindingInfo {
  /** Where the finding comes from; some codes are refusals in one release and advice in another. */
  readonly origins: readonly Origin[];
  /** The severity it is usually reported with (a release or a case may lower or raise it). */
  readonly severity: Severity;
  /** Which README table it belongs to. */
  readonly section: FindingSection;
  /** One line: what is wrong, in an operator's words (markdown). */
  readonly summary: string;
  /** Releases where the finding starts, stops or changes (x.y.z); each is tested on both sides. */
  readonly boundaries?: readonly string[];
}

export type FindingSection = 'reading' | 'options' | 'startup' | 'advice' | 'cluster' | 'live' | 'editor';

export const FINDING_SECTIONS: Record<FindingSection, string> = {
  reading: 'Reading the file (grammar, variables, includes)',
  options: 'Options (the catalogue) and what nats-server refuses while reading them',
  startup: 'What nats-server refuses when it starts (which `nats-server -t` lets through)',
  advice: 'Advice (what nats-server accepts, or gets silently wrong)',
  cluster: 'Across the node configs of a cluster',
  live: 'A running cluster against its configs (`nats-conf drift`, **NATS: Compare with configs**)',
  editor: 'The editor',
};

const S = (origins: Origin[], severity: Severity, section: FindingSection, summary: string, boundaries?: string[]) =>
  ({ origins, severity, section, summary, ...(boundaries ? { boundaries } : {}) }) as FindingInfo;

export const FINDING_CODES = {
  // Reading the file.
  syntax: S(
    ['server'],
    'error',
    'reading',
    "every parse error of nats-server's lexer, with its wording, on the line nats-server names",
    ['2.10.16'],
  ),
  'integer-before-bracket': S(
    ['lint'],
    'error',
    'reading',
    '`[1, 2]`: nats-server reads `2]` as a string and the array stays open (the later parse error is reported too)',
  ),
  'size-suffix': S(
    ['lint'],
    'error',
    'reading',
    '`1kbb`: a suffix nats-server has no case for; it drops the key without a word',
  ),
  'number-overflow': S(
    ['lint'],
    'error',
    'reading',
    '`10e`: the size multiplication overflows int64 and nats-server wraps it silently',
  ),
  'number-range': S(['server'], 'error', 'reading', 'an integer outside int64, a float out of range'),
  datetime: S(['server'], 'error', 'reading', 'an impossible date'),
  'missing-value': S(
    ['lint'],
    'error',
    'reading',
    '`{ name }`: a key with no value before `}`; nats-server files the map under the wrong key',
  ),
  'dangling-key': S(
    ['server', 'lint'],
    'error',
    'reading',
    'a key with no value at the end of the file: an error from 2.9.22/2.10.0, silently dropped before',
    ['2.9.22'],
  ),
  'empty-config': S(
    ['server'],
    'warning',
    'reading',
    'an empty file: a warning from 2.9.22/2.10.0 (fatal under `nats-server -t`)',
    ['2.9.22'],
  ),
  'byte-order-mark': S(['server'], 'error', 'reading', 'a byte order mark: nats-server reads it into the first key'),
  'yaml-syntax': S(
    ['lint'],
    'error',
    'reading',
    'a manifest, Compose file or Helm values file the YAML reader refuses (kubectl, docker compose and helm do too)',
  ),
  'variable-undefined': S(
    ['server'],
    'error',
    'reading',
    '`$NAME` found neither in the enclosing maps nor in the environment',
  ),
  'variable-braces': S(
    ['server'],
    'error',
    'reading',
    '`${NAME}`: not supported, nats-server looks for a variable named `{NAME}`',
  ),
  'bcrypt-unquoted': S(
    ['server'],
    'error',
    'reading',
    'an unquoted `$2b$`/`$2y$` bcrypt hash (only `$2a$` may stay unquoted), read as a variable reference',
  ),
  'variable-environment': S(['server'], 'error', 'reading', 'an environment value that is not valid config syntax'),
  'variable-cycle': S(
    ['server'],
    'error',
    'reading',
    'an environment reference cycle (nats-server before 2.11.12/2.12.4 crashes on it)',
    ['2.11.12', '2.12.0', '2.12.4'],
  ),
  'quoted-variable': S(
    ['lint'],
    'warning',
    'reading',
    '`"$NAME"`: literal text, not a variable; said where a variable ' +
      'was plausibly meant, not for subjects such as `"$SYS"`',
  ),
  'include-unreadable': S(
    ['server'],
    'error',
    'reading',
    'an include that cannot be opened, is no regular file (a device, a pipe: never read) or is larger than 128 MB',
  ),
  'include-errors': S(['server'], 'error', 'reading', 'an included file with errors (its own findings carry its path)'),
  'include-cycle': S(
    ['server'],
    'error',
    'reading',
    'a file that includes itself, directly or not (nats-server recurses until it crashes)',
  ),
  'include-depth': S(['lint'], 'error', 'reading', 'include chains deeper than 32 files'),
  'include-absolute': S(
    ['lint'],
    'warning',
    'reading',
    "an absolute include path, which nats-server joins onto the including file's folder",
  ),

  // Options.
  'unknown-key': S(
    ['server'],
    'error',
    'options',
    'a key nats-server does not know in that block, with the nearest known name (keys used as `$variables` are exempt)',
  ),
  'option-version': S(
    ['server'],
    'error',
    'options',
    'an option newer than the chosen release ("unknown field"), naming the release that brought it',
  ),
  'duplicate-key': S(['lint'], 'warning', 'advice', 'a key set twice in one block: the first has no effect'),
  'value-type': S(['server'], 'error', 'options', 'a value of the wrong kind'),
  'value-enum': S(['server'], 'error', 'options', 'a word the option does not accept'),
  'value-range': S(['server'], 'error', 'options', 'a number out of range, an empty list where one is required'),
  'value-version': S(
    ['server'],
    'error',
    'options',
    'a value of a form the chosen release does not read yet or ' +
      'any more (`leafnodes { reconnect: "1s" }` before 2.10.12)',
    ['2.10.4', '2.10.12'],
  ),
  'value-unread': S(
    ['lint'],
    'warning',
    'options',
    'a value nats-server takes without reading it (a string ' +
      '`timeout` in `authorization` before 2.11.2 becomes 1 second)',
    ['2.11.2'],
  ),
  'listen-syntax': S(
    ['server'],
    'error',
    'options',
    'a `listen`, `http` or `https` value Go cannot split into host and port (`"::1:4222"` without brackets)',
  ),
  'mapping-destination': S(
    ['server', 'lint'],
    'error',
    'options',
    'a subject mapping destination nats-server refuses, by release; an unquoted `{{function()}}` cut at the first `}`',
    ['2.9.15', '2.10.0', '2.11.0', '2.12.0'],
  ),
  'mapping-weight': S(
    ['server'],
    'error',
    'options',
    'mapping weights over 100 (in all in 2.9, per cluster from 2.10), a destination twice, a weight that is no number',
    ['2.10.0'],
  ),
  'duration-as-size': S(
    ['server'],
    'error',
    'options',
    '`ping_interval: 2m`: an unquoted `2m` is the number 2,000,000, taken as seconds',
  ),
  'duration-integer': S(
    ['server'],
    'warning',
    'options',
    'a plain number where a duration belongs: seconds, with a warning that is fatal under `nats-server -t`',
  ),
  'duration-syntax': S(['server'], 'error', 'options', 'a duration string Go cannot read'),
  'size-string': S(
    ['server', 'lint'],
    'error',
    'options',
    'a quoted size nats-server cannot read (`"1Gi"`); a quoted `"1G"` (binary, unlike `1G`)',
  ),
  'seconds-as-size': S(['lint'], 'error', 'options', '`timeout: 2m` where seconds are counted: 2,000,000 seconds'),
  'file-missing': S(
    ['server', 'lint'],
    'error',
    'options',
    'a certificate, key, CA or operator JWT file that is not there (relative to where nats-server runs)',
  ),
  'auth-conflict': S(
    ['server'],
    'error',
    'options',
    'a single user beside a users list or accounts, a token beside users',
  ),
  'user-duplicate': S(['server'], 'error', 'options', 'one user name twice across the users of the config'),
  'cluster-auth': S(['server'], 'error', 'options', 'cluster authorization with several users or a token'),
  'cluster-permissions': S(['server'], 'error', 'options', 'cluster permissions with `allow_responses`'),
  'store-dir-twice': S(['server'], 'error', 'options', '`store_dir` at the top level and in `jetstream`'),
  'route-duplicate': S(['server'], 'warning', 'options', 'one route twice: a warning that makes `nats-server -t` fail'),
  'export-conflict': S(
    ['server'],
    'error',
    'options',
    'an export that is both stream and service, a response type on a stream',
  ),
  'import-conflict': S(['server'], 'error', 'options', "a stream import with both 'prefix' and 'to'"),
  'tls-conflict': S(['server'], 'error', 'options', "a TLS block with both 'cert_file' and 'certs'"),
  'tls-context': S(['server'], 'error', 'options', 'verify_cert_and_check_known_urls outside cluster and gateway TLS'),
  'tls-cipher': S(
    ['server'],
    'error',
    'options',
    'an unknown cipher suite or curve, insecure suites without allow_insecure_cipher_suites',
    ['2.12.0'],
  ),
  'tls-pair': S(['server'], 'error', 'options', 'a certificate without its key, or a key without its certificate'),
  'tls-certificate-unreadable': S(
    ['server'],
    'error',
    'options',
    '`cert_file` with no PEM certificate Go can read (not PEM, DER, a key, a broken certificate)',
  ),
  'tls-key-unreadable': S(['server'], 'error', 'options', '`key_file` with no PEM private key Go can read'),
  'tls-key-encrypted': S(
    ['server'],
    'error',
    'options',
    '`key_file` encrypted with a passphrase: nats-server has no way to decrypt it',
  ),
  'tls-key-mismatch': S(
    ['server'],
    'error',
    'options',
    "`key_file` is not the private key of `cert_file`'s certificate",
  ),
  'tls-ca-empty': S(['server'], 'error', 'options', '`ca_file` with no certificate Go can read'),
  'mqtt-consumer-replicas': S(
    ['server'],
    'warning',
    'options',
    'MQTT `consumer_replicas`, ignored with a warning from 2.9.12 (fatal under `nats-server -t`)',
    ['2.9.12'],
  ),
  'nkey-invalid': S(
    ['server'],
    'error',
    'options',
    'an nkey of the wrong kind or with a bad checksum: a user `nkey`, an account `nkey`, a `trusted` operator key',
  ),
  'jwt-invalid': S(
    ['server'],
    'error',
    'options',
    'an `operator` that holds no operator JWT, a `resolver_preload` value that is no account JWT (or badly signed)',
  ),

  // At start.
  'startup-max-payload': S(['server'], 'error', 'startup', 'max_payload higher than max_pending'),
  'startup-lame-duck': S(['server'], 'error', 'startup', 'a lame duck grace period not below the lame duck duration'),
  'flag-unknown': S(
    ['server'],
    'error',
    'startup',
    'a nats-server command-line flag its release does not define (in a Compose `command:` or container `args`)',
  ),
  'flag-value': S(
    ['server'],
    'error',
    'startup',
    'a flag value Go cannot read (`-p abc`, `-js=maybe`), or a flag without its value: nats-server prints usage, exits',
  ),
  'flag-argument': S(
    ['server'],
    'error',
    'startup',
    'a word after the flags (`unrecognized command`): nats-server stops reading flags at the first non-flag',
  ),
  'flag-refused': S(
    ['server'],
    'error',
    'startup',
    'flags nats-server refuses together: a `--cluster` URL without port, routes without `--cluster`, TLS without a key',
  ),
  'compose-config-file': S(
    ['server'],
    'error',
    'startup',
    'the `-c` file of a Compose service is in no volume (nor the image), or its host file is missing',
  ),
  'startup-jetstream-cluster': S(
    ['server'],
    'error',
    'startup',
    'clustered JetStream without server_name, cluster name or routes',
  ),
  'startup-jetstream-domain': S(['server'], 'error', 'startup', 'a JetStream domain with `.`, `*` or `>`'),
  'startup-jetstream-system': S(['server'], 'error', 'startup', 'JetStream enabled on the system account'),
  'startup-gateway': S(
    ['server'],
    'error',
    'startup',
    'a gateway without name, port or URLs, or named unlike its cluster',
  ),
  'startup-leafnodes': S(
    ['server'],
    'error',
    'startup',
    'leaf node accounts that do not exist, leaf nodes beside a gateway without a system account, remotes without URLs',
  ),
  'startup-no-auth-user': S(
    ['server'],
    'error',
    'startup',
    'a no_auth_user that is no user of the config (nkeys count from 2.10.8)',
    ['2.10.8'],
  ),
  'startup-auth-conflict': S(
    ['server'],
    'error',
    'startup',
    'websocket, MQTT or leaf node single users or tokens beside users/nkeys',
  ),
  'startup-websocket-tls': S(['server'], 'error', 'startup', 'websocket without TLS and without `no_tls: true`'),
  'startup-mqtt': S(
    ['server'],
    'error',
    'startup',
    'MQTT without server_name, without JetStream, or with bad replicas',
    ['2.9.12', '2.10.4'],
  ),
  'startup-monitoring': S(
    ['server'],
    'error',
    'startup',
    'both HTTP and HTTPS monitoring ports, or HTTPS monitoring without TLS',
  ),
  'startup-system-account': S(['server'], 'error', 'startup', 'a system_account no account answers to'),
  'startup-resolver': S(['server'], 'error', 'startup', 'a full or cache resolver without an operator'),
  'startup-pinned-account': S(
    ['server'],
    'error',
    'startup',
    'a `resolver_pinned_accounts` key that is no account public key (operator mode)',
  ),
  'startup-port': S(['server'], 'error', 'startup', 'a port outside 1–65535 (`port: 1MB` is 1,048,576)'),
  'startup-port-clash': S(
    ['server'],
    'error',
    'startup',
    'two listeners of one config on one port of one host (the defaults counted)',
  ),
  'startup-host': S(['server'], 'error', 'startup', 'a `host` that is no address (a path, a URL)'),
  'name-spaces': S(['server', 'lint'], 'error', 'startup', 'a server or cluster name with spaces: refused from 2.11', [
    '2.11.0',
  ]),
  'max-payload-large': S(
    ['server'],
    'information',
    'startup',
    'max_payload above 8 MB, which nats-server logs at start',
  ),

  // Advice.
  'trace-enabled': S(['lint'], 'information', 'advice', 'trace logging left on'),
  'helm-old-key': S(
    ['lint'],
    'error',
    'advice',
    'a key of the nats Helm chart’s 0.x layout (`cluster.enabled`) given to the chart since 1.0, ' +
      'which ignores it silently: its 1.x name (`config.cluster.enabled`)',
  ),
  'helm-unknown-key': S(
    ['lint'],
    'error',
    'advice',
    'a values file or `--set` key the nats Helm chart does not have (ignored silently), with the nearest key',
  ),
  'helm-value-type': S(
    ['lint'],
    'error',
    'advice',
    'a nats Helm chart value of the wrong type: `--set config.cluster.replicas=three`, a string for a boolean',
  ),
  'plaintext-password': S(
    ['lint'],
    'information',
    'advice',
    'plaintext passwords where nats-server warns of them (the ' +
      'single user, once per users list; never route credentials)',
  ),
  'tls-no-san': S(
    ['lint'],
    'warning',
    'advice',
    'a route, gateway or leaf node certificate without subjectAltName (Go ignores the Common Name)',
  ),
  'tls-usage': S(
    ['lint'],
    'warning',
    'advice',
    'extended key usage that forbids the role (routes and gateways need serverAuth and clientAuth)',
  ),
  'tls-verify-without-ca': S(
    ['lint'],
    'warning',
    'advice',
    '`verify` without `ca_file`: client certificates checked against the system roots only',
  ),
  'no-authorization': S(
    ['lint'],
    'warning',
    'advice',
    'clients accepted without credentials on an address others reach',
  ),
  'listen-conflict': S(
    ['lint'],
    'warning',
    'advice',
    '`listen` beside a `host`/`port` of another value: nats-server reads them in a random order',
  ),
  'route-tls-verify-ignored': S(
    ['lint'],
    'warning',
    'advice',
    '`verify: false` on routes: nats-server verifies route certificates anyway',
  ),
  'bcrypt-malformed': S(
    ['lint'],
    'error',
    'advice',
    'a password or token starting `$2a$11$` that is no well-formed bcrypt hash (a placeholder): every login fails',
  ),
  'credentials-file': S(
    ['lint'],
    'error',
    'advice',
    "a leaf node remote's credentials file without a user JWT and its user seed: the remote never connects",
  ),
  'preload-account': S(
    ['lint'],
    'error',
    'advice',
    'a `resolver_preload` account JWT under a key not its subject, or signed by an operator not trusted',
  ),
  'tls-expired': S(
    ['lint'],
    'error',
    'advice',
    'a certificate (or CA) expired or not yet valid: peers refuse it at the handshake',
  ),
  'tls-expiring': S(['lint'], 'warning', 'advice', 'a certificate (or CA) that expires within 30 days'),

  // Across node configs.
  'cluster-name': S(['cluster'], 'error', 'cluster', 'a route joins nodes whose cluster names differ'),
  'compose-port-clash': S(['cluster'], 'error', 'cluster', 'two Compose services publish the same host port'),
  'compose-route-host': S(
    ['cluster'],
    'warning',
    'cluster',
    'a route to a host name no service of the Compose file answers to on a shared network',
  ),
  'k8s-config-path': S(
    ['cluster'],
    'error',
    'cluster',
    "nats-server's `--config` (or the image's default) is not where the ConfigMap's config is mounted",
  ),
  'k8s-config-missing': S(
    ['cluster'],
    'warning',
    'cluster',
    'a pod volume names a ConfigMap (or Secret) not among the manifests checked: the pod waits for it',
  ),
  'k8s-route-host': S(
    ['cluster'],
    'warning',
    'cluster',
    'a route to a Kubernetes DNS name whose Service, namespace or pod none of the manifests has',
  ),
  'k8s-route-replica': S(
    ['cluster'],
    'warning',
    'cluster',
    'a route to StatefulSet pod `NAME-N` with N not below `replicas`: retried forever',
  ),
  'k8s-route-replicas': S(
    ['cluster'],
    'information',
    'cluster',
    'routes naming fewer pods than the StatefulSet has replicas (the others found through gossip only)',
  ),
  'k8s-service-name': S(
    ['cluster'],
    'error',
    'cluster',
    "a route naming pods under a Service other than the StatefulSet's `serviceName`: the name does not resolve",
  ),
  'k8s-headless-service': S(
    ['cluster'],
    'error',
    'cluster',
    "the StatefulSet's `serviceName` Service missing, not headless, or not selecting the pods: no pod DNS names",
  ),
  'k8s-not-ready-addresses': S(
    ['cluster'],
    'error',
    'cluster',
    'a headless Service without `publishNotReadyAddresses` while readiness needs the routes (JetStream meta leader)',
  ),
  'k8s-ordered-ready': S(
    ['cluster'],
    'error',
    'cluster',
    'OrderedReady pods whose readiness needs a JetStream meta leader: the first pod never becomes Ready alone',
  ),
  'k8s-container-port': S(
    ['cluster'],
    'warning',
    'cluster',
    'a `containerPort` named for a listener (`cluster`, `monitor`, …) on another port than nats-server opens',
  ),
  'k8s-service-port': S(
    ['cluster'],
    'warning',
    'cluster',
    'a Service selecting nats pods whose `targetPort` nats-server does not listen on',
  ),
  'k8s-probe-port': S(
    ['cluster'],
    'error',
    'cluster',
    'a probe on a port other than the monitoring port, with monitoring off or on loopback, or the wrong scheme',
  ),
  'k8s-probe-path': S(
    ['cluster'],
    'error',
    'cluster',
    'an HTTP probe path nats-server answers with 404 or 400 (`/healthz/`, `?js-enabled-only=yes`)',
  ),
  'k8s-store-ephemeral': S(
    ['cluster'],
    'warning',
    'cluster',
    "the JetStream `store_dir` on an emptyDir or the container's filesystem: streams lost when the pod goes",
  ),
  'k8s-store-size': S(['cluster'], 'warning', 'cluster', '`max_file_store` larger than the volume claim it is on'),
  'route-port': S(
    ['cluster'],
    'error',
    'cluster',
    "a route names a peer's client or monitoring port, a port nothing listens on for routes, or no port",
  ),
  'route-credentials': S(
    ['cluster'],
    'error',
    'cluster',
    "route credentials missing or not matching the peer's `cluster.authorization`",
  ),
  'route-tls': S(['cluster'], 'error', 'cluster', 'route TLS on some nodes and not others'),
  'route-tls-no-certificate': S(
    ['cluster'],
    'error',
    'cluster',
    "a node's route TLS names no certificate, so its routes are refused",
  ),
  'tls-peer-name': S(
    ['cluster'],
    'error',
    'cluster',
    'a peer certificate without a subjectAltName for the host its dialler uses (Go ignores the Common Name)',
  ),
  'tls-gossip-name': S(
    ['cluster'],
    'error',
    'cluster',
    "a route certificate without the address gossip dials (the node's cluster address): never routed, or log noise",
  ),
  'tls-peer-trust': S(['cluster'], 'error', 'cluster', "a peer certificate no CA of the verifier's `ca_file` signed"),
  'tls-peer-usage': S(
    ['cluster'],
    'error',
    'cluster',
    'a leaf node remote certificate without client authentication, where the hub verifies it',
  ),
  'leafnode-certificate-user': S(
    ['cluster'],
    'error',
    'cluster',
    'a leaf node certificate that names none of the users a `verify_and_map` hub maps certificates to',
  ),
  'tls-pinned': S(['cluster'], 'error', 'cluster', "`pinned_certs` without a peer's public key"),
  'server-name-duplicate': S(['cluster'], 'error', 'cluster', 'two nodes with one `server_name`'),
  'cluster-isolated': S(['cluster'], 'warning', 'cluster', 'a node no route reaches and that reaches no peer'),
  'cluster-split': S(['cluster'], 'warning', 'cluster', 'a cluster in parts'),
  'jetstream-partial': S(['cluster'], 'warning', 'cluster', 'JetStream on some nodes only'),
  'jetstream-quorum': S(['cluster'], 'warning', 'cluster', 'fewer than three JetStream nodes, or an even number'),
  'jetstream-domain': S(['cluster'], 'error', 'cluster', 'JetStream domains that differ within a cluster'),
  'pool-size': S(
    ['cluster'],
    'error',
    'cluster',
    'route pool sizes that differ where 2.10.0–2.11.1 require agreement',
    ['2.10.0', '2.11.2'],
  ),
  'port-clash': S(['cluster'], 'error', 'cluster', 'nodes known to share a host with the same port'),
  'route-unresolved': S(['cluster'], 'information', 'cluster', 'a route to a host none of the configs is'),
  'route-ambiguous': S(
    ['cluster'],
    'information',
    'cluster',
    'a route to a name several configs claim, with nothing to tell them apart',
  ),
  'cluster-variants': S(
    ['cluster'],
    'information',
    'cluster',
    'configs with one `server_name` and the same routes, read as ' +
      "alternatives of one node (a guide's plain, TLS, auth versions)",
  ),
  'gateway-port': S(
    ['cluster'],
    'error',
    'cluster',
    "a gateway URL that names a node's client, route, leaf node or monitoring port, or no gateway port",
  ),
  'gateway-name': S(
    ['cluster'],
    'error',
    'cluster',
    "a gateway URL listed under a name that is not the gateway's name at that address",
  ),
  'gateway-tls': S(['cluster'], 'error', 'cluster', 'gateway TLS on one end of a gateway connection only'),
  'gateway-unresolved': S(['cluster'], 'information', 'cluster', 'a gateway URL to a host none of the configs is'),
  'leafnode-port': S(
    ['cluster'],
    'error',
    'cluster',
    "a leaf node remote URL that names a node's client, route, gateway or monitoring port, or no leaf node port",
  ),
  'leafnode-credentials': S(
    ['cluster'],
    'error',
    'cluster',
    "leaf node remote credentials the hub's leaf node authorization (or its users) refuses",
  ),
  'leafnode-tls': S(['cluster'], 'error', 'cluster', 'a leaf node remote with TLS towards a hub without leaf node TLS'),
  'leafnode-unresolved': S(
    ['cluster'],
    'information',
    'cluster',
    'a leaf node remote URL to a host none of the configs is',
  ),

  // Live.
  'live-missing': S(['live'], 'error', 'live', 'a configured node that does not answer'),
  'live-cluster-name': S(['live'], 'error', 'live', 'a running cluster name that differs from the config'),
  'live-jetstream': S(['live'], 'error', 'live', 'JetStream on or off unlike the config'),
  'live-route': S(['live'], 'error', 'live', 'a route whose peer the running node is not connected to'),
  'live-limit': S(
    ['live'],
    'error',
    'live',
    'a limit (`max_payload`, `ping_interval`, …) that `/varz` reports otherwise',
  ),

  // The editor.
  'suppression-unknown': S(
    ['lint'],
    'warning',
    'advice',
    '`# nats-conf-disable-next-line` naming a code no finding has: it silences nothing',
  ),
  'more-findings': S(
    ['lint'],
    'information',
    'editor',
    'more than 2,000 findings in one file: the rest are counted, `nats-conf check` lists them',
  ),
} as const satisfies Record<string, FindingInfo>;

export type FindingCode = keyof typeof FINDING_CODES;

export function isFindingCode(code: string): code is FindingCode {
  return Object.prototype.hasOwnProperty.call(FINDING_CODES, code);
}

/** The registered code nearest a mistyped one, when one is close enough to be meant. */
export function closestFindingCode(code: string): FindingCode | undefined {
  // Bounded: a comment may hold a word of any length, which is no typo of a code.
  const limit = Math.max(2, Math.floor(code.length / 4));
  let best: { known: FindingCode; distance: number } | undefined;
  for (const known of Object.keys(FINDING_CODES) as FindingCode[]) {
    const distance = boundedEditDistance(code, known, limit);
    if (distance <= limit && (!best || distance < best.distance)) {
      best = { known, distance };
    }
  }
  return best?.known;
}

/** The README anchor of a code's row. */
export function findingAnchor(code: FindingCode): string {
  return `code-${code}`;
}
