// The `tls { }` map and the maps nested in it: one `certs` entry and the `ocsp_peer` map.
// The same parser (parseTLS) serves top-level `tls`, `cluster.tls`, `gateway.tls`,
// `gateway.gateways[].tls`, `leafnodes.tls`, `leafnodes.remotes[].tls`, `websocket.tls`,
// `mqtt.tls` and `resolver_tls`, so all of them point at the block `tls`.
//
// Sources: nats-server server/opts.go (parseTLS, parseTLSVersion, parseCipher,
// parseCurvePreferences, getTLSConfig, GenTLSConfig), server/ocsp_peer.go (parseOCSPPeer),
// server/certidp/{certidp,messages}.go, server/certstore/certstore.go,
// server/ciphersuites*.go and Go's crypto/tls cipher_suites.go (the names nats-server 2.12+
// takes from it), checked at v2.9.0, v2.9.10, v2.9.20, v2.9.21, v2.10.0, v2.10.4, v2.10.8,
// v2.10.21, v2.10.23, v2.11.0, v2.11.17, v2.12.0, v2.14.0, v2.14.5 and HEAD;
// /work/shared/reference/nats-conf.md §2.0, §2.3, §5.3.

import {
  BOOLEAN,
  COUNT,
  OPENED_FILE,
  SECONDS_OR_DURATION,
  STRICT_DURATION,
  STRING,
  STRING_LIST,
  oneOrList,
} from '../forms';
import { BlockSpec } from '../schema';

const TLS = 'https://docs.nats.io/running-a-nats-service/configuration/securing_nats/tls';
const REF = 'https://docs.nats.io/reference/config/tls';
const OCSP_PEER = `${REF}/ocsp_peer`;
const CERT_STORE = `${REF}/cert_store`;

/**
 * Cipher-suite names nats-server 2.9.0 – 2.11.x knows (its own fixed table, identical in every
 * tag of those lines). Note the two ECDHE ChaCha20 names without the `_SHA256` suffix and the
 * absence of TLS_RSA_WITH_AES_128_GCM_SHA256.
 */
export const CIPHER_SUITES_UNTIL_2_11: readonly string[] = [
  'TLS_RSA_WITH_RC4_128_SHA',
  'TLS_RSA_WITH_3DES_EDE_CBC_SHA',
  'TLS_RSA_WITH_AES_128_CBC_SHA',
  'TLS_RSA_WITH_AES_128_CBC_SHA256',
  'TLS_RSA_WITH_AES_256_CBC_SHA',
  'TLS_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_RC4_128_SHA',
  'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA',
  'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA',
  'TLS_ECDHE_RSA_WITH_RC4_128_SHA',
  'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA',
  'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA',
  'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305',
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
];

/** From 2.12.0 the names come from Go's crypto/tls: the suites Go considers secure… */
export const CIPHER_SUITES_SECURE_FROM_2_12: readonly string[] = [
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA',
  'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA',
  'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA',
  'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA',
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
];

/** …and the ones it flags insecure (2.12+: rejected unless `allow_insecure_cipher_suites: true`). */
export const CIPHER_SUITES_INSECURE_FROM_2_12: readonly string[] = [
  'TLS_RSA_WITH_RC4_128_SHA',
  'TLS_RSA_WITH_3DES_EDE_CBC_SHA',
  'TLS_RSA_WITH_AES_128_CBC_SHA',
  'TLS_RSA_WITH_AES_256_CBC_SHA',
  'TLS_RSA_WITH_AES_128_CBC_SHA256',
  'TLS_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_RC4_128_SHA',
  'TLS_ECDHE_RSA_WITH_RC4_128_SHA',
  'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA',
  'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256',
];

/** Every name some release accepts (the enum cannot vary by release). */
const CIPHER_SUITES_ALL: readonly string[] = [
  ...new Set([...CIPHER_SUITES_UNTIL_2_11, ...CIPHER_SUITES_SECURE_FROM_2_12, ...CIPHER_SUITES_INSECURE_FROM_2_12]),
];

/**
 * Curve names. X25519, CurveP256/384/521: every release. X25519MLKEM768: 2.12.0+.
 * SecP256r1MLKEM768 and SecP384r1MLKEM1024: only in HEAD builds made with Go 1.26+.
 */
const CURVE_PREFERENCES: readonly string[] = [
  'X25519',
  'CurveP256',
  'CurveP384',
  'CurveP521',
  'X25519MLKEM768',
  'SecP256r1MLKEM768',
  'SecP384r1MLKEM1024',
];

export const tlsBlocks: BlockSpec[] = [
  // ---------------------------------------------------------------------------------------
  {
    id: 'tls',
    title: 'TLS',
    docs: TLS,
    unknownField: 'error parsing tls config, unknown field "%s"',
    variablesExempt: false,
    options: [
      {
        name: 'cert_file',
        values: [OPENED_FILE],
        description:
          'PEM certificate (chain) this server presents; needs ' +
          '`key_file`. Cannot be combined with `certs` or `cert_store`.',
      },
      {
        name: 'key_file',
        values: [OPENED_FILE],
        description: 'PEM private key belonging to `cert_file`; one without the other is an error.',
      },
      {
        name: 'ca_file',
        values: [OPENED_FILE],
        default: 'the system trust store',
        description:
          'PEM bundle of CA certificates used to verify peer certificates (both directions for cluster and gateway).',
      },
      {
        name: 'insecure',
        values: [BOOLEAN],
        default: 'false',
        description:
          'Skip verification of the certificate of servers this one ' +
          'connects to (routes, gateways, leaf remotes). Not for production.',
      },
      {
        name: 'verify',
        values: [BOOLEAN],
        default: 'false',
        description:
          'Require clients to present a certificate signed by a trusted ' +
          'CA. Cluster and gateway TLS always verify, whatever this says.',
      },
      {
        name: 'verify_and_map',
        values: [BOOLEAN],
        default: 'false',
        description:
          'Like `verify`, and use the certificate subject or SAN as ' +
          'the user identity (users are then listed without passwords).',
      },
      {
        name: 'verify_cert_and_check_known_urls',
        values: [BOOLEAN],
        default: 'false',
        description:
          'Cluster and gateway tls only: accept a peer only if a DNS SAN of ' +
          'its certificate matches one of the configured route/gateway URLs.',
      },
      {
        name: 'allow_insecure_cipher_suites',
        values: [BOOLEAN],
        default: 'false',
        since: '2.12.0',
        description:
          'Permit cipher suites Go marks insecure (RC4, 3DES, RSA key exchange, CBC-SHA256) in `cipher_suites`.',
      },
      {
        name: 'cipher_suites',
        values: [
          {
            type: 'array',
            items: [{ type: 'string', enum: CIPHER_SUITES_ALL, caseSensitive: true }],
            minItems: 1,
          },
        ],
        default: "Go's secure suites (2.12+); six ECDHE AES-GCM/ChaCha20 suites before",
        description:
          'Allowed TLS 1.0–1.2 cipher suites by exact Go name. Up to 2.11 ' +
          'the ChaCha20 names lack `_SHA256`; from 2.12 they carry it.',
      },
      {
        name: 'curve_preferences',
        values: [
          {
            type: 'array',
            items: [{ type: 'string', enum: CURVE_PREFERENCES, caseSensitive: true }],
            minItems: 1,
          },
        ],
        default: 'X25519MLKEM768 (2.12+), X25519, CurveP256, CurveP384, CurveP521',
        description:
          'Key-exchange curves in preference order, by exact name. ' +
          'X25519MLKEM768 needs 2.12+; the SecP…MLKEM names need a Go 1.26 build.',
      },
      {
        name: 'timeout',
        values: SECONDS_OR_DURATION,
        default: '2 (seconds)',
        description:
          'Time allowed for the TLS handshake: seconds (integer or ' +
          'fraction such as 0.5) or a quoted duration such as "2s".',
      },
      {
        name: 'connection_rate_limit',
        values: [COUNT],
        default: '0 (no limit)',
        description:
          'Top-level client tls only: maximum new TLS client connections ' +
          'accepted per second; excess connections are rejected.',
      },
      {
        name: 'pinned_certs',
        values: [STRING_LIST],
        description:
          'Accept only peers whose certificate public key (SHA-256 ' +
          'of the DER SubjectPublicKeyInfo, 64 hex digits) is listed.',
      },
      {
        name: 'cert_store',
        values: [{ type: 'string', enum: ['WindowsCurrentUser', 'WindowsLocalMachine'], caseSensitive: false }],
        since: '2.9.20',
        description:
          'Windows only: load the certificate and key from this Windows certificate ' +
          'store instead of `cert_file`; any value fails on other systems.',
        docs: CERT_STORE,
      },
      {
        name: 'cert_match_by',
        values: [{ type: 'string', enum: ['Subject', 'Issuer', 'Thumbprint'], caseSensitive: false }],
        default: 'Subject',
        since: '2.9.20',
        description:
          'Which certificate field `cert_match` is compared against in the Windows store (Thumbprint from 2.10.23).',
        docs: CERT_STORE,
      },
      {
        name: 'cert_match',
        values: [STRING],
        since: '2.9.20',
        description:
          'The text (subject, issuer or thumbprint) identifying ' +
          'the certificate in the Windows store; must not be empty.',
        docs: CERT_STORE,
      },
      {
        name: 'ca_certs_match',
        values: oneOrList(STRING),
        since: '2.10.23',
        description:
          'Windows store only: subject(s) of CA certificates in the ' +
          'store to trust for verifying peers, instead of `ca_file`.',
        docs: CERT_STORE,
      },
      {
        name: 'cert_match_skip_invalid',
        values: [BOOLEAN],
        default: 'false',
        since: '2.10.23',
        description: 'Windows store only: ignore expired or not-yet-valid certificates when looking for a match.',
        docs: CERT_STORE,
      },
      {
        name: 'handshake_first',
        aliases: ['first', 'immediate'],
        values: [
          BOOLEAN,
          // Before 2.10.4 only true or false (a string: "interface conversion").
          {
            type: 'string',
            enum: ['true', 'on', 'false', 'off', 'auto', 'auto_fallback'],
            caseSensitive: false,
            since: '2.10.4',
          },
          { ...STRICT_DURATION, since: '2.10.4' },
        ],
        default: 'false',
        since: '2.10.0',
        description:
          'Start with the TLS handshake instead of the INFO line (client and leafnode TLS). "auto" or a ' +
          'duration also accepts non-TLS-first clients after that delay (50ms for auto); strings from 2.10.4.',
      },
      {
        name: 'ocsp_peer',
        values: [BOOLEAN, { type: 'map', block: 'tls.ocsp_peer' }],
        default: 'false',
        since: '2.9.21',
        description:
          'Check peer certificates against their OCSP responder (client, ' +
          'leafnode, websocket and MQTT TLS); `true` or a map of tuning options.',
        docs: OCSP_PEER,
      },
      {
        name: 'certs',
        aliases: ['certificates'],
        values: [{ type: 'array', items: [{ type: 'map', block: 'tls.cert' }] }],
        since: '2.10.8',
        description:
          'Several certificate/key pairs; the one matching the ' +
          'client SNI is served. Cannot be combined with `cert_file`.',
      },
      {
        name: 'min_version',
        values: [{ type: 'string', enum: ['1.2', '1.3'], caseSensitive: true }],
        default: '"1.2"',
        since: '2.10.21',
        description:
          'Lowest TLS version accepted. Must be quoted ("1.3"): an ' +
          'unquoted 1.3 is a float and rejected; "1.0"/"1.1" are refused.',
      },
    ],
  },

  // ---------------------------------------------------------------------------------------
  {
    id: 'tls.cert',
    title: 'a certificate pair in tls.certs',
    docs: TLS,
    caseSensitive: true,
    unknownField: 'error parsing tls certs config, unknown field "%s"',
    variablesExempt: false,
    options: [
      {
        name: 'cert_file',
        values: [OPENED_FILE],
        since: '2.10.8',
        description: 'PEM certificate (chain) of this pair; required, lower-case key only.',
      },
      {
        name: 'key_file',
        values: [OPENED_FILE],
        since: '2.10.8',
        description: 'PEM private key of this pair; required, lower-case key only.',
      },
    ],
  },

  // ---------------------------------------------------------------------------------------
  {
    id: 'tls.ocsp_peer',
    title: 'tls.ocsp_peer',
    docs: OCSP_PEER,
    unknownField: 'error parsing tls peer config, unknown field ["%s"]',
    variablesExempt: false,
    options: [
      {
        name: 'verify',
        values: [BOOLEAN],
        default: 'false',
        since: '2.9.21',
        description: 'Turn OCSP revocation checking of peer certificates on; the map alone does not enable it.',
      },
      {
        name: 'ca_timeout',
        values: SECONDS_OR_DURATION,
        default: '2 (seconds)',
        since: '2.9.21',
        description:
          'How long to wait for the OCSP responder: seconds or a duration string. Negative values keep the default.',
      },
      {
        name: 'allowed_clockskew',
        values: SECONDS_OR_DURATION,
        default: '30 (seconds)',
        since: '2.9.21',
        description:
          'Clock difference tolerated when checking OCSP response validity times: seconds or a duration string.',
      },
      {
        name: 'cache_ttl_when_next_update_unset',
        values: SECONDS_OR_DURATION,
        default: '3600 (seconds)',
        since: '2.9.21',
        description:
          'How long to cache an OCSP response that carries no next-update time: seconds or a duration string.',
      },
      {
        name: 'warn_only',
        values: [BOOLEAN],
        default: 'false',
        since: '2.9.21',
        description: 'Log a revoked or unverifiable peer certificate instead of rejecting the connection.',
      },
      {
        name: 'unknown_is_good',
        values: [BOOLEAN],
        default: 'false',
        since: '2.9.21',
        description: 'Treat an "unknown" answer from the OCSP responder as good.',
      },
      {
        name: 'allow_when_ca_unreachable',
        values: [BOOLEAN],
        default: 'false',
        since: '2.9.21',
        description:
          'Accept the peer when its OCSP responder cannot be reached, unless a cached response says it is revoked.',
      },
    ],
  },
];
