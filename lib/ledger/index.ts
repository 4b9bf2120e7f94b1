/**
 * Tamper evidence and durability for the access log and the administrative trail: canonical JSON,
 * the hash chain, signed checkpoints, chain verification, group commit and variable masking. Pure
 * core: the database layer implements `ChainAppendTransaction` and calls these.
 */
export { canonicalShape, canonicalize, canonicalizePlain } from './canonical.ts';
export {
  GENESIS_HASH,
  GENESIS_HEAD,
  appendToChain,
  chainRecords,
  createChainWriter,
  hashRecord,
  linkRecords,
  toCanonicalRecord,
} from './chain.ts';
export type {
  CanonicalRecord,
  ChainAppendTransaction,
  ChainHead,
  ChainHeadStore,
  ChainWriter,
  ChainWriterOptions,
  ChainedRecord,
  LinkedRecord,
} from './chain.ts';
export {
  OPERATOR_PRIVATE_KEY_FILE,
  OPERATOR_PUBLIC_KEY_FILE,
  CHECKPOINT_GENESIS_HASH,
  anchorChainName,
  archivedRowChainName,
  checkpointHash,
  checkpointPayload,
  checkpointProblem,
  checkpointVersion,
  createCheckpoint,
  deserializeCheckpoint,
  serializeCheckpoint,
  loadOrCreateOperatorKey,
  publicKeyId,
  verifyCheckpoint,
} from './checkpoint.ts';
export type {
  Checkpoint,
  CheckpointInput,
  CreateCheckpointOptions,
  KeyInput,
  OperatorKey,
  SerializedCheckpoint,
} from './checkpoint.ts';
export { verifyCheckpointChain } from './checkpointChain.ts';
export {
  KEY_HISTORY_FILE,
  KEY_HISTORY_FORMAT,
  KEY_PURPOSES,
  KEY_STATES,
  RETIREMENT_GRACE_MS,
  emptyKeyHistory,
  keyPeriodProblem,
  keyRanges,
  keysOf,
  readKeyHistory,
  short as shortKeyId,
} from './keyHistory.ts';
export type { KeyHistory, KeyPurpose, KeyRange, KeyRecord, KeyState } from './keyHistory.ts';
export type { CheckpointChainProblem, CheckpointChainProblemKind, CheckpointChainVerification } from './checkpointChain.ts';
export { verifyChain } from './verify.ts';
export type {
  ChainProblem,
  ChainProblemKind,
  ChainVerification,
  StoredChainRecord,
  VerifyChainOptions,
} from './verify.ts';
export { createGroupCommitter } from './group-commit.ts';
export type { GroupCommitStats, GroupCommitter, GroupCommitterOptions } from './group-commit.ts';
export {
  DEFAULT_MASK_RULES,
  hashForLookup,
  maskEmbeddedIdentifiers,
  maskIdentifier,
  maskNik,
  maskNip,
  maskVariables,
} from './mask.ts';
export type { MaskAction, MaskOptions, MaskRules, MaskedVariables } from './mask.ts';
