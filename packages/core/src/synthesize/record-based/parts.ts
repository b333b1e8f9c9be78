/**
 * Independent parts of the record-based synthesizers. Each mode is written as a plan: a
 * generator that yields lists of independent parts (seed walks, fills of a share of the owed
 * units, unseeded draws) and receives their records, in order. A plan's result depends only on
 * the data, the options and the random seed — never on where or in what order the parts ran —
 * so a host can run them one by one (`runPlanInline`), between them report progress or stop,
 * or run them elsewhere. (On this project's 2-vCPU machines, worker threads running parts
 * side by side were measured no faster than one thread, and used more memory.)
 *
 * Every part draws from its own random streams, forked from the synthesis generator by fixed
 * indices: seed walk of record r: fork(0).fork(r); unseeded draw i: fork(0).fork(i); fill
 * part p: fork(FILL_STREAMS + p).
 */
import type { Dataset } from "../../ingest/types.js";
import { type Rng, shuffleFirst } from "../../random/rng.js";
import { type OnProgress, progressSpan } from "../progress.js";
import type { SyntheticData } from "../synthetic-data.js";
import { fillOwed } from "./consolidate.js";
import type { RecordSynthesisOptions } from "./options.js";
import { SeedWalker } from "./seed-walker.js";
import { SupportIndex } from "./support-index.js";
import { UnseededWalker, unseededSlots } from "./unseeded-draw.js";
import { walkTogether } from "./walk-together.js";

export type SynthesisPart =
  /** Row-seeded: walk each seed record's own attributes (ascending ids), then complete it. */
  | { kind: "seeds"; ids: Uint32Array; complete: boolean }
  /** Records built from owed units (`owed[v]` of attribute v), completed when asked. */
  | { kind: "fill"; owed: Uint32Array; part: number; complete: boolean; maxRecords?: number }
  /** Unseeded: the records numbered from … to − 1. */
  | { kind: "draws"; from: number; to: number };

/** A synthesis plan: yields parts to run, receives their records, returns the result. */
export type Plan<T> = Generator<SynthesisPart[], T, number[][][]>;

const FILL_STREAMS = 1000;

/**
 * The records of one part (empty sets included for seeds and draws, so indices line up);
 * `onProgress` hears the share of the part's walks that ended.
 */
export function runSynthesisPart(
  data: Dataset,
  index: SupportIndex,
  rng: Rng,
  part: SynthesisPart,
  onProgress?: OnProgress,
): number[][] {
  switch (part.kind) {
    case "seeds": {
      const seeds = rng.fork(0);
      const { recordOffsets: off, recordAttributes: attrs } = data;
      const walkers = Array.from(
        part.ids,
        (r) =>
          new SeedWalker(data, attrs.subarray(off[r]!, off[r + 1]!), seeds.fork(r), part.complete),
      );
      return walkTogether(index, walkers, [], endsOf(walkers.length, onProgress));
    }
    case "fill": {
      const records: number[][] = [];
      fillOwed(index, rng.fork(FILL_STREAMS + part.part), records, part.owed, {
        ...(part.maxRecords !== undefined && { maxRecords: part.maxRecords }),
        ...(part.complete && { completeIn: data }),
        ...(onProgress && { onProgress }),
      });
      return records;
    }
    case "draws": {
      const draws = rng.fork(0);
      const slots = unseededSlots(data);
      const walkers: UnseededWalker[] = [];
      for (let i = part.from; i < part.to; i++)
        walkers.push(new UnseededWalker(draws.fork(i), slots));
      return walkTogether(index, walkers, [], endsOf(walkers.length, onProgress));
    }
  }
}

/**
 * Share of the progress bar for a plan's first list of parts: the seed walks, unseeded draws or
 * value fills, nearly all the work; later lists (row-seeded's exact-count fills) share the rest.
 */
const FIRST_PARTS_SHARE = 0.9;

/**
 * Runs a plan with every part inline, in order; `onProgress` hears the share of the parts
 * done (within a part, of its walks ended), and 1 at the end.
 */
export function runPlanInline<T>(
  plan: Plan<T>,
  data: Dataset,
  index: SupportIndex,
  rng: Rng,
  onProgress?: OnProgress,
): T {
  let step = plan.next([]);
  let from = 0;
  let width = FIRST_PARTS_SHARE;
  while (!step.done) {
    const parts = step.value;
    const span = width / Math.max(1, parts.length);
    const records = parts.map((part, i) => {
      const partProgress = progressSpan(onProgress, from + i * span, span);
      const made = runSynthesisPart(data, index, rng, part, partProgress);
      partProgress?.(1);
      return made;
    });
    from += width;
    width = (1 - from) / 2;
    step = plan.next(records);
  }
  onProgress?.(1);
  return step.value;
}

/** Runs a mode's plan inline over the given support index, or a new one of the data and k. */
export function synthesizeInline<O extends RecordSynthesisOptions>(
  data: Dataset,
  options: O,
  makePlan: (data: Dataset, index: SupportIndex, options: O) => Plan<SyntheticData>,
): SyntheticData {
  const index = options.index ?? new SupportIndex(data, options.k);
  const plan = makePlan(data, index, options);
  return runPlanInline(plan, data, index, options.rng, options.onProgress);
}

/** A walkTogether listener that reports the share of `walks` that ended. */
function endsOf(walks: number, onProgress: OnProgress | undefined) {
  if (onProgress === undefined) return undefined;
  return (ended: number) => onProgress(ended / Math.max(1, walks));
}

/** Parts fills are dealt into, whatever the number of threads (results never depend on it). */
export const FILL_PARTS = 4;
/**
 * Records per seed-walk or draw part. A part's walks run together (walk-together.ts) and share
 * the work on the sets they meet, so parts are large (row-seeded on census 300k: 41 s of
 * synthesis with this size, 63 s with parts of 4,096).
 */
export const RECORDS_PER_PART = 65536;

/**
 * Deals the owed units into FILL_PARTS shares: each attribute's units evenly, the remainder
 * units to randomly chosen parts.
 */
export function dealOwed(owed: Uint32Array, rng: Rng): Uint32Array[] {
  const parts = Array.from({ length: FILL_PARTS }, () => new Uint32Array(owed.length));
  const order = Array.from({ length: FILL_PARTS }, (_, i) => i);
  for (let a = 0; a < owed.length; a++) {
    const share = Math.floor(owed[a]! / FILL_PARTS);
    const rest = owed[a]! - share * FILL_PARTS;
    for (const p of parts) p[a] = share;
    shuffleFirst(rng, order, rest);
    for (let i = 0; i < rest; i++) parts[order[i]!]![a]!++;
  }
  return parts;
}

/** Consecutive ranges [from, to) of at most RECORDS_PER_PART out of 0 … n − 1. */
export function ranges(n: number): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  for (let from = 0; from < n; from += RECORDS_PER_PART) {
    out.push({ from, to: Math.min(n, from + RECORDS_PER_PART) });
  }
  return out;
}

/**
 * Splits a number of records over the parts in proportion to their owed units (the remainder
 * to the first parts): the same split whatever the number of threads.
 */
export function recordShares(parts: readonly Uint32Array[], records: number): number[] {
  const totals = parts.map((p) => p.reduce((s, x) => s + x, 0));
  const all = totals.reduce((s, x) => s + x, 0);
  if (all === 0) return parts.map(() => 0);
  const shares = totals.map((t) => Math.floor((records * t) / all));
  let rest = records - shares.reduce((s, x) => s + x, 0);
  for (let i = 0; rest > 0; i = (i + 1) % shares.length, rest--) shares[i]!++;
  return shares;
}
