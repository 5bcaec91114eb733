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
} from './languageService';
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
