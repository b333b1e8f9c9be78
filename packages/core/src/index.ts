/**
 * @commonground/core — the public API: make a release from a sensitive CSV in one call.
 *
 * Small on purpose: `makeRelease` (every option validated before any work, every privacy rule
 * enforced inside), its options and result, the errors it throws and the defaults. The stages
 * behind it (counting kernels, synthesizers, readers, checkers) are CommonGround's own hosts'
 * business: they import `@commonground/core/internal`, which makes no stability promise. This
 * entry picks its names from there.
 */

export type {
  ByteSource,
  DpReleaseSettings,
  ErrorLocation,
  FillRandom,
  IngestOptions,
  Ledger,
  MadeRelease,
  Manifest,
  ReleaseBudget,
  ReleaseEffects,
  ReleaseFile,
  ReleaseInput,
  ReleaseLabels,
  ReleaseMode,
  ReleaseOptions,
  ReleasePhase,
  RunMode,
  SynthesisSettings,
  UserErrorCode,
  Warning,
} from "./internal.js";
export {
  emptyLedger,
  InternalError,
  makeRelease,
  parseLedger,
  RELEASE_DEFAULTS,
  ReleaseCancelled,
  RUN_MODES,
  UserError,
  VERSION,
} from "./internal.js";
