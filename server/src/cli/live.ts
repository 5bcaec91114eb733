// The live commands (health, drift, jetstream), bundled apart from `check` so that the NATS client is
// loaded only when a live command runs: `nats-conf check` stays quick to start.

export { runHealth } from './health';
export { runDrift } from './drift';
export { runJetStream } from './jetstream';
