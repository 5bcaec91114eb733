// JetStream: the map form of the top-level `jetstream` key, its `limits { }`, `limits.batch { }`
// and `tpm { }` maps, and the `jetstream` map inside an account. (The short forms of the
// top-level key, `jetstream: true` / `enabled` / `disabled`, and of the account key are
// described where those keys are defined.)
//
// Sources: nats-server server/opts.go (parseJetStream, parseJetStreamLimits,
// parseJetStreamLimitsBatch, parseJetStreamTPM, setJetStreamEkCipher, getStorageSize,
// parseDuration, parseJetStreamForAccount, setBaselineOptions), server/jetstream.go
// (validateJetStreamOptions, initJetStreamEncryption), server/stream.go, server/dios.go,
// server/filestore.go, checked at v2.9.0, v2.9.10, v2.10.0, v2.10.21, v2.11.0, v2.11.11,
// v2.12.0, v2.12.2, v2.12.5, v2.12.14, v2.14.0, v2.14.4 and HEAD;
// /work/shared/reference/nats-conf.md §1.6.2, §1.6.3, §2.4, §2.6, §5.3, Appendix A.

import {
  BOOLEAN,
  COUNT,
  DURATION,
  INTEGER,
  NAME,
  NON_NEGATIVE_COUNT,
  PATH,
  SIZE,
  STORAGE_SIZE,
  STORE_CIPHER,
  STRICT_DURATION,
  STRING,
} from '../forms';
import { BlockSpec } from '../schema';

const CONF = 'https://docs.nats.io/running-a-nats-service/configuration';
const RESOURCES = `${CONF}/resource_management`;
const JS_CLUSTERING = `${CONF}/clustering/jetstream_clustering`;
const JS_LEAFNODES = `${CONF}/leafnodes/jetstream_leafnodes`;
const ENCRYPTION = 'https://docs.nats.io/running-a-nats-service/nats_admin/jetstream_admin/encryption_at_rest';
const REF = 'https://docs.nats.io/reference/config/jetstream';
const LIMITS = `${REF}/limits`;
const BATCH = `${REF}/limits/batch`;
const TPM = `${REF}/tpm`;

export const jetstreamBlocks: BlockSpec[] = [
  // ---------------------------------------------------------------------------------------
  {
    id: 'jetstream',
    title: 'jetstream',
    docs: RESOURCES,
    options: [
      {
        name: 'enabled',
        aliases: ['enable'],
        values: [BOOLEAN],
        default: 'true',
        description:
          'Set to false to keep JetStream off while leaving the block in place; a jetstream map otherwise enables it.',
      },
      {
        name: 'strict',
        values: [BOOLEAN],
        default: 'true',
        since: '2.11.0',
        description: 'Reject JetStream API requests with unknown or invalid fields instead of tolerating them.',
      },
      {
        name: 'store_dir',
        aliases: ['store', 'storedir'],
        values: [PATH],
        default: 'a "nats" directory under the system temp dir (with a warning)',
        description:
          'Directory for file-based streams; data goes in its `jetstream` ' +
          'subdirectory, created if missing. Not together with top-level `store_dir`.',
      },
      {
        name: 'sync_interval',
        aliases: ['sync'],
        values: [DURATION, { type: 'string', enum: ['always'], caseSensitive: false }],
        default: '"2m"',
        since: '2.10.0',
        description: 'How often stored data is fsynced to disk, or "always" to sync after every write.',
      },
      {
        name: 'max_memory_store',
        aliases: ['max_mem_store', 'max_mem'],
        values: [STORAGE_SIZE],
        default: '75% of system memory',
        description:
          'Upper bound for memory-backed streams. A quoted value takes one ' +
          'upper-case K/M/G/T suffix, binary ("1G" = 1 GiB; unquoted 1G = 10^9).',
      },
      {
        name: 'max_file_store',
        aliases: ['max_file'],
        values: [STORAGE_SIZE],
        default: 'the free disk space at store_dir',
        description:
          'Upper bound for file-backed streams. A quoted value takes one ' +
          'upper-case K/M/G/T suffix, binary ("1T" = 1 TiB; unquoted 1T = 10^12).',
      },
      {
        name: 'domain',
        values: [NAME],
        description:
          'JetStream domain of this server, isolating it from other domains (e.g. ' +
          'across leafnodes); no spaces, ".", "*" or ">" (checked at startup).',
        docs: JS_LEAFNODES,
      },
      {
        name: 'encryption_key',
        aliases: ['key', 'ek'],
        values: [STRING],
        description:
          'Enables encryption at rest with this key; best supplied ' +
          'through an environment variable. Cannot be combined with `tpm`.',
        docs: ENCRYPTION,
      },
      {
        name: 'prev_encryption_key',
        aliases: ['prev_key', 'prev_ek'],
        values: [STRING],
        since: '2.10.0',
        description: 'The previous encryption key, so stored data can still be read while rotating to a new key.',
        docs: ENCRYPTION,
      },
      {
        name: 'cipher',
        values: [STORE_CIPHER],
        default: 'chachapoly',
        description:
          'Cipher for encryption at rest: ChaCha20-Poly1305 (chachapoly or chacha) ' +
          'or AES-GCM (aes). ChaCha is refused in FIPS-140 mode (2.11.11+ / 2.12.1+).',
        docs: ENCRYPTION,
      },
      {
        name: 'extension_hint',
        values: [{ type: 'string', enum: ['will_extend', 'no_extend'], caseSensitive: false }],
        description:
          'Whether a standalone JetStream server expects to be extended through a ' +
          'leafnode (will_extend) or never (no_extend); checked at startup when clustered.',
        docs: JS_LEAFNODES,
      },
      {
        name: 'limits',
        values: [{ type: 'map', block: 'jetstream.limits' }],
        description: 'Server-wide ceilings on what streams and consumers may be configured with.',
        docs: LIMITS,
      },
      {
        name: 'tpm',
        values: [{ type: 'map', block: 'jetstream.tpm' }],
        since: '2.11.0',
        description:
          'Windows only: seal the encryption-at-rest key in the TPM instead of configuring `encryption_key`.',
        docs: TPM,
      },
      {
        name: 'unique_tag',
        values: [STRING],
        description:
          'Tag prefix (e.g. "az:") whose values must differ between the ' +
          'servers holding replicas of one asset; lower-cased and trimmed.',
        docs: JS_CLUSTERING,
      },
      {
        name: 'max_outstanding_catchup',
        values: [STORAGE_SIZE],
        default: '64 MiB',
        description: 'Bytes this server may have in flight while catching up stream replicas; must not be negative.',
      },
      {
        name: 'max_buffered_size',
        values: [STORAGE_SIZE],
        default: '128 MiB',
        since: '2.11.0',
        description: 'Bytes of incoming messages a stream may queue for processing before further ones are refused.',
      },
      {
        name: 'max_buffered_msgs',
        values: [COUNT],
        default: '100000',
        since: '2.11.0',
        description: 'Number of incoming messages a stream may queue for processing before further ones are refused.',
      },
      {
        name: 'request_queue_limit',
        values: [COUNT],
        default: '10000',
        since: '2.10.21',
        description: 'Pending JetStream API requests allowed before new ones are dropped; 0 or less means the default.',
      },
      {
        name: 'info_queue_limit',
        values: [COUNT],
        default: 'the request_queue_limit value',
        since: '2.14.0',
        description: 'Pending JetStream info requests (stream/consumer info) allowed before new ones are dropped.',
      },
      {
        name: 'meta_compact',
        values: [NON_NEGATIVE_COUNT],
        default: '0 (no threshold: compact at every check)',
        since: ['2.11.11', '2.12.2'],
        description: 'Compact the JetStream meta layer once its log holds more than this many entries.',
      },
      {
        name: 'meta_compact_size',
        values: [{ type: 'size', string: 'storage', min: 0 }],
        default: '0 (no threshold: compact at every check)',
        since: ['2.11.11', '2.12.2'],
        description: 'Compact the JetStream meta layer once its log exceeds this many bytes.',
      },
      {
        name: 'meta_compact_sync',
        values: [BOOLEAN],
        default: 'false',
        since: '2.12.5',
        description: 'Take meta-layer snapshots synchronously (blocking) instead of in the background.',
      },
      {
        name: 'max_concurrent_io',
        values: [{ type: 'integer', min: 4, max: 8192, unit: 'count' }],
        default: '4096',
        since: ['2.12.14', '2.14.4'],
        description: 'Maximum concurrent disk I/O operations of the file store, between 4 and 8192.',
      },
    ],
  },

  // ---------------------------------------------------------------------------------------
  {
    id: 'jetstream.limits',
    title: 'jetstream.limits',
    docs: LIMITS,
    options: [
      {
        name: 'max_ack_pending',
        values: [COUNT],
        default: 'no limit',
        description: 'Highest max_ack_pending a consumer may be configured with.',
      },
      {
        name: 'max_ha_assets',
        values: [COUNT],
        default: 'no limit',
        description: 'Maximum number of replicated (R>1) streams and consumers this server may hold.',
      },
      {
        name: 'max_request_batch',
        values: [COUNT],
        default: 'no limit',
        description: 'Highest max_batch a pull consumer may be configured with.',
      },
      {
        name: 'duplicate_window',
        values: [STRICT_DURATION],
        default: 'no limit',
        description:
          'Longest duplicate-detection window a stream may be configured with; a duration string such as "2m".',
      },
      {
        name: 'batch',
        values: [{ type: 'map', block: 'jetstream.limits.batch' }],
        since: '2.12.0',
        description: 'Ceilings for batch publishing to streams.',
        docs: BATCH,
      },
    ],
  },

  // ---------------------------------------------------------------------------------------
  {
    id: 'jetstream.limits.batch',
    title: 'jetstream.limits.batch',
    docs: BATCH,
    options: [
      {
        name: 'max_inflight_per_stream',
        values: [COUNT],
        default: '50',
        since: '2.12.0',
        description: 'Open (uncommitted) batches allowed per stream.',
      },
      {
        name: 'max_inflight_total',
        values: [COUNT],
        default: '1000',
        since: '2.12.0',
        description: 'Open (uncommitted) batches allowed across the whole server.',
      },
      {
        name: 'max_msgs',
        values: [COUNT],
        default: '1000',
        since: '2.12.0',
        description: 'Messages allowed in one atomic batch.',
      },
      {
        name: 'timeout',
        values: [STRICT_DURATION],
        default: '"10s"',
        since: '2.12.0',
        description: 'How long an incomplete batch is kept before it is discarded; a duration string.',
      },
    ],
  },

  // ---------------------------------------------------------------------------------------
  {
    id: 'jetstream.tpm',
    title: 'jetstream.tpm',
    docs: TPM,
    options: [
      {
        name: 'keys_file',
        values: [PATH],
        since: '2.11.0',
        description:
          'File holding the TPM-sealed encryption key; created with a new key if missing. Required for TPM use.',
      },
      {
        name: 'encryption_password',
        values: [STRING],
        since: '2.11.0',
        description: 'Password protecting the sealed key.',
      },
      {
        name: 'srk_password',
        values: [STRING],
        since: '2.11.0',
        description: 'Password of the TPM storage root key, if it has one.',
      },
      {
        name: 'pcr',
        values: [INTEGER],
        default: '22',
        since: '2.11.0',
        description: 'TPM platform configuration register (0-23) the key is sealed against; 0 means the default.',
      },
      {
        name: 'cipher',
        values: [STORE_CIPHER],
        default: 'chachapoly',
        since: '2.11.0',
        description: 'Cipher for encryption at rest; sets the same setting as jetstream `cipher`.',
      },
    ],
  },

  // ---------------------------------------------------------------------------------------
  {
    id: 'account.jetstream',
    title: 'jetstream in an account',
    docs: RESOURCES,
    options: [
      {
        name: 'max_memory',
        aliases: ['max_mem', 'mem', 'memory'],
        values: [SIZE],
        default: '-1 (unlimited)',
        description:
          'Memory-store bytes the account may use; an integer with optional size suffix (1G, 512Mi), not a string.',
      },
      {
        name: 'max_store',
        aliases: ['max_file', 'max_disk', 'store', 'disk'],
        values: [SIZE],
        default: '-1 (unlimited)',
        description: 'File-store bytes the account may use; an integer with optional size suffix, not a string.',
      },
      {
        name: 'max_streams',
        aliases: ['streams'],
        values: [COUNT],
        default: '-1 (unlimited)',
        description: 'Number of streams the account may create.',
      },
      {
        name: 'max_consumers',
        aliases: ['consumers'],
        values: [COUNT],
        default: '-1 (unlimited)',
        description: 'Number of consumers the account may create.',
      },
      {
        name: 'max_bytes_required',
        aliases: ['max_stream_bytes', 'max_bytes'],
        values: [BOOLEAN],
        default: 'false',
        description: 'A boolean, despite the names: streams of this account must set a max_bytes limit.',
      },
      {
        name: 'mem_max_stream_bytes',
        aliases: ['memory_max_stream_bytes'],
        values: [SIZE],
        default: '-1 (unlimited)',
        description: 'Largest max_bytes a memory-backed stream of the account may have.',
      },
      {
        name: 'disk_max_stream_bytes',
        aliases: ['store_max_stream_bytes'],
        values: [SIZE],
        default: '-1 (unlimited)',
        description: 'Largest max_bytes a file-backed stream of the account may have.',
      },
      {
        name: 'max_ack_pending',
        values: [COUNT],
        default: '-1 (unlimited)',
        description: 'Highest max_ack_pending a consumer of the account may have.',
      },
      {
        name: 'cluster_traffic',
        values: [{ type: 'string', enum: ['system', 'owner'], caseSensitive: true }],
        default: 'system',
        since: '2.11.0',
        description:
          'Which account carries the Raft replication traffic of ' +
          "this account's assets: the system account or the owner.",
      },
    ],
  },
];
