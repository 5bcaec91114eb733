// Rules across options, in three stages:
// - while reading options: what nats-server refuses then, across several keys (`nats-server -t` reports it);
// - at start: what nats-server checks when it starts (validateOptions), which `nats-server -t` lets through;
// - advice: what an experienced operator would point out (origin "lint").
// The rules run in this order, so findings come in the same order every time.

import { ConfigModel } from '../document';
import * as authConflicts from './authConflicts';
import * as certificateUse from './certificateUse';
import * as bcryptHashes from './bcryptHashes';
import * as cipherSuites from './cipherSuites';
import * as clusterAuthorization from './clusterAuthorization';
import * as clusterPermissions from './clusterPermissions';
import { RuleContext } from './context';
import * as credentials from './credentials';
import * as duplicateUsers from './duplicateUsers';
import * as exportsAndImports from './exportsAndImports';
import * as gateway from './gateway';
import * as jetstream from './jetstream';
import * as lameDuck from './lameDuck';
import * as leafnodes from './leafnodes';
import * as listenConflicts from './listenConflicts';
import * as listenerAuthorization from './listenerAuthorization';
import * as listeners from './listeners';
import * as maxPayload from './maxPayload';
import * as monitoring from './monitoring';
import * as mqtt from './mqtt';
import * as nameSpaces from './nameSpaces';
import * as noAuthUser from './noAuthUser';
import * as openListener from './openListener';
import * as plaintextPasswords from './plaintextPasswords';
import * as resolver from './resolver';
import * as routeDuplicates from './routeDuplicates';
import * as storeDirTwice from './storeDirTwice';
import * as subjectMappings from './subjectMappings';
import * as systemAccount from './systemAccount';
import * as tlsBlocks from './tlsBlocks';
import * as tlsFiles from './tlsFiles';
import * as tlsVerifyWithoutCa from './tlsVerifyWithoutCa';
import * as traceEnabled from './traceEnabled';
import * as websocket from './websocket';

type Rule = (ctx: RuleContext) => void;

/** What nats-server refuses while reading options. */
const WHILE_READING: readonly Rule[] = [
  authConflicts.checkAuthorizationConflicts,
  duplicateUsers.checkDuplicateUsers,
  clusterAuthorization.checkClusterAuthorization,
  exportsAndImports.checkExportsAndImports,
  subjectMappings.checkSubjectMappings,
  tlsBlocks.checkTlsBlocks,
  cipherSuites.checkCipherSuites,
  tlsFiles.checkTlsFiles,
  clusterPermissions.checkClusterPermissions,
  authConflicts.checkLeafnodeAuthorizationConflicts,
  storeDirTwice.checkStoreDirTwice,
  routeDuplicates.checkRouteDuplicates,
  credentials.checkNkeys,
  credentials.checkJwts,
];

/** What nats-server refuses at start. */
const AT_START: readonly Rule[] = [
  lameDuck.checkLameDuck,
  maxPayload.checkMaxPayload,
  nameSpaces.checkNameSpaces,
  monitoring.checkMonitoringPorts,
  listeners.checkListeners,
  resolver.checkResolver,
  systemAccount.checkSystemAccount,
  leafnodes.checkLeafnodes,
  listenerAuthorization.checkListenerAuthorization,
  monitoring.checkMonitoringTls,
  systemAccount.checkSystemAccountJetStream,
  gateway.checkGateway,
  noAuthUser.checkNoAuthUser,
  jetstream.checkJetStream,
  mqtt.checkMqtt,
  websocket.checkWebsocket,
  credentials.checkPinnedAccounts,
];

const ADVICE: readonly Rule[] = [
  traceEnabled.checkTraceEnabled,
  tlsVerifyWithoutCa.checkTlsVerifyWithoutCa,
  tlsFiles.checkTlsValidity,
  certificateUse.checkCertificateUse,
  plaintextPasswords.checkPlaintextPasswords,
  openListener.checkOpenListener,
  listenConflicts.checkListenConflicts,
  bcryptHashes.checkBcryptHashes,
  credentials.checkCredentialsFiles,
  credentials.checkPreloadAccounts,
];

/**
 * Adds the findings of every rule to the files of `model`; `remember`: keeps what was found per
 * account, and takes over what a check of an earlier reading found in the accounts left alone.
 */
export function checkRules(model: ConfigModel, remember = false): void {
  const ctx = new RuleContext(model, remember);
  for (const rule of [...WHILE_READING, ...AT_START, ...ADVICE]) rule(ctx);
}

/** Every rule file, by name: each lists the finding codes it reports (`codes`). */
export const RULE_FILES = {
  authConflicts,
  certificateUse,
  bcryptHashes,
  cipherSuites,
  clusterAuthorization,
  clusterPermissions,
  credentials,
  duplicateUsers,
  exportsAndImports,
  gateway,
  jetstream,
  lameDuck,
  leafnodes,
  listenConflicts,
  listenerAuthorization,
  listeners,
  maxPayload,
  monitoring,
  mqtt,
  nameSpaces,
  noAuthUser,
  openListener,
  plaintextPasswords,
  resolver,
  routeDuplicates,
  storeDirTwice,
  subjectMappings,
  systemAccount,
  tlsBlocks,
  tlsFiles,
  tlsVerifyWithoutCa,
  traceEnabled,
  websocket,
};
