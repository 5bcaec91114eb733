// The public surface of the language service.

export * from './tree';
export * from './positions';
export * from './diagnostics';
export * from './versions';
export { tokenize, type Token, type TokenKind, type LexProblem } from './lexer';
export { parseConfig, type ParseResult } from './parser';
export {
  readConfig,
  resolveValue,
  type ConfigHost,
  type ConfigFile,
  type ConfigModel,
  type IncludedFile,
  type FileStatus,
} from './document';
export { type VariableBinding, type KeyDefinition, type Environment, bindingValue } from './variables';
export { includeTarget, MAX_INCLUDE_DEPTH } from './includes';
export {
  createLanguageService,
  type LanguageService,
  type LanguageServiceOptions,
  type DocumentRef,
  type CheckResult,
  type RuleSetting,
  type LastRead,
  LARGE_DOCUMENT_CHARS,
} from './languageService';
export type { EditedText, TextLike, Untouched } from './textChanges';
export { complete, type CompletionItem, type CompletionKind } from './completion';
export { hover, type Hover } from './hover';
export { documentSymbols, type ConfigSymbol, type SymbolKind } from './symbols';
export { foldingRanges, type FoldingRange } from './folding';
export { cursorContext, type CursorContext } from './cursor';
export { definition, documentLinks, type Location, type DocumentLink } from './navigation';
export { codeActions, type CodeAction } from './codeActions';
export { format, type FormattingOptions, type TextEdit } from './formatting';
export { renameVariable, type RenameEdit } from './rename';
export { selectionSpans } from './selection';
export { clusterDiagnostics } from './cluster/clusterDiagnostics';
export {
  certificateMatchesHost,
  chainsTo,
  daysLeft,
  readCertificates,
  type CertificateSummary,
  type KeySummary,
} from './tls/certificates';
export {
  tlsBlocksOf,
  tlsMaterial,
  type TlsBlockRef,
  type TlsFile,
  type TlsMaterial,
  type TlsPair,
  type TlsRefusal,
  type TlsWhere,
} from './tls/tlsBlock';
export {
  clusterTopology,
  topologySvg,
  type Topology,
  type TopologyLink,
  type TopologyNode,
  type TopologyRoute,
} from './cluster/topology';
export { linksOf, type Link } from './cluster/links';
export {
  FINDING_CODES,
  FINDING_SECTIONS,
  isFindingCode,
  findingAnchor,
  type FindingCode,
  type FindingInfo,
  type FindingSection,
} from './findingCodes';
export {
  helmCommands,
  helmSetDiagnostics,
  helmValuesCompletion,
  helmValuesDiagnostics,
  helmValuesHover,
  isHelmValuesFile,
  type ChartLayout,
  type HelmCommand,
  type HelmValuesOptions,
} from './deploy/helm/helmValues';
export {
  kubernetesDeployment,
  kubernetesDiagnostics,
  kubernetesModel,
  replicaNodes,
  replicas,
  type KubernetesModel,
  type ReadReplicaNode,
  type ReplicaNode,
  type Workload,
} from './deploy/kubernetes';
export {
  configObjects,
  embeddedConfigs,
  type ConfigObject,
  type DataEntry,
  type EmbeddedConfig,
} from './deploy/embeddedConfigs';
export { VirtualFiles, isVirtualPath, type VirtualFile, type EmbeddedPosition } from './deploy/virtualFiles';
export {
  fileKind,
  type DeploymentFile,
  type DeploymentOptions,
  type DeploymentResult,
  type DeploymentRole,
} from './deploy/deployment';
export type { ConfigCheckOptions, DeployContext, DeployPart, DeploymentNode } from './deploy/context';
export {
  MAX_YAML_BYTES,
  readYamlFile,
  nodeAt,
  pairAt,
  keyText,
  spanOf,
  scalarString,
  type YamlDocument,
  type YamlFile,
  type YamlPathStep,
} from './yaml/yamlFile';
export { embeddedText, type EmbeddedText } from './yaml/embeddedText';
