/**
 * Counts every combination of length 1…L, split into tasks by first attribute and run by an
 * injected executor (worker threads in Node, Web Workers in browsers, or in-line). The merged
 * result does not depend on how tasks were scheduled: listed combinations are sorted later,
 * statistics are sums, record facts are minima and flags.
 */
import { InternalError } from "../errors.js";
import {
  type CountSettings,
  countPartition,
  emptyPartial,
  type PartialCounts,
} from "./count-partition.js";
import type { CountingInput } from "./counting-input.js";

/** A unit of work: the first attributes whose combinations it counts, and its estimated cost. */
export interface CountTask {
  firsts: Uint32Array;
  cost: number;
}

/**
 * Runs counting tasks. `onTaskDone(cost)` reports progress as tasks finish. Implementations
 * return partial results (typically one per thread, see countPartition's `into`) that
 * together cover every task exactly once.
 */
export interface CountExecutor {
  run(
    input: CountingInput,
    settings: CountSettings,
    tasks: CountTask[],
    onTaskDone: (cost: number) => void,
  ): Promise<PartialCounts[]>;
}

/** The single-threaded fallback: runs every task in the calling thread. */
export const inlineExecutor: CountExecutor = {
  async run(input, settings, tasks, onTaskDone) {
    let partial: PartialCounts | undefined;
    for (const task of tasks) {
      partial = countPartition(input, settings, task.firsts, partial);
      onTaskDone(task.cost);
      await Promise.resolve();
    }
    return partial ? [partial] : [];
  },
};

/**
 * Splits the attributes into about `parts` tasks of similar estimated cost. The cost of a first
 * attribute is the number of (record, combination) incidences below it.
 */
export function planTasks(input: CountingInput, length: number, parts: number): CountTask[] {
  const { attributeCount, attrStart, attrEntries, entryRecord, offsets } = input;
  const costs = new Float64Array(attributeCount);
  let total = 0;
  for (let a = 0; a < attributeCount; a++) {
    let c = 0;
    for (let i = attrStart[a]!; i < attrStart[a + 1]!; i++) {
      const e = attrEntries[i]!;
      const rest = offsets[entryRecord[e]! + 1]! - e - 1;
      // 1 + rest + C(rest, 2) + … bounded at length L (the incidences below this entry).
      let term = 1;
      let sum = 1;
      for (let d = 1; d < length; d++) {
        term = (term * (rest - d + 1)) / d;
        if (term <= 0) break;
        sum += term;
      }
      c += sum;
    }
    costs[a] = c;
    total += c;
  }
  const target = total / Math.max(1, parts);
  const tasks: CountTask[] = [];
  let current: number[] = [];
  let cost = 0;
  for (let a = 0; a < attributeCount; a++) {
    if (costs[a] === 0) continue;
    current.push(a);
    cost += costs[a]!;
    if (cost >= target) {
      tasks.push({ firsts: Uint32Array.from(current), cost });
      current = [];
      cost = 0;
    }
  }
  if (current.length > 0) tasks.push({ firsts: Uint32Array.from(current), cost });
  // Largest first: better balance when tasks are pulled by idle workers.
  return tasks.sort((x, y) => y.cost - x.cost);
}

/** Merges partial results of disjoint tasks into one. */
export function mergePartials(
  input: CountingInput,
  length: number,
  parts: PartialCounts[],
): PartialCounts {
  if (parts.length === 1) return parts[0]!;
  const out = emptyPartial(input, length);
  let combos = 0;
  for (const p of parts) combos += p.comboCounts.length;
  out.comboAttrs = new Uint32Array(combos * length);
  out.comboCounts = new Uint32Array(combos);
  let at = 0;
  for (const p of parts) {
    if (p.comboAttrs.length !== p.comboCounts.length * length) {
      throw new InternalError("a counting partition returned inconsistent combination arrays");
    }
    out.comboAttrs.set(p.comboAttrs, at * length);
    out.comboCounts.set(p.comboCounts, at);
    at += p.comboCounts.length;
    for (let l = 0; l <= length; l++) {
      out.distinct[l]! += p.distinct[l]!;
      out.rare[l]! += p.rare[l]!;
      out.unique[l]! += p.unique[l]!;
    }
    minInto(out.minUnique, p.minUnique);
    minInto(out.minRare, p.minRare);
    orInto(out.recordWide, p.recordWide);
    orInto(out.entryRare, p.entryRare);
  }
  return out;
}

function minInto(target: Uint8Array, source: Uint8Array): void {
  for (let i = 0; i < target.length; i++) if (source[i]! < target[i]!) target[i] = source[i]!;
}

function orInto(target: Uint8Array, source: Uint8Array): void {
  for (let i = 0; i < target.length; i++) target[i]! |= source[i]!;
}

export interface CountOptions extends CountSettings {
  executor?: CountExecutor;
  /** Number of tasks to cut the work into (default 1 inline; hosts pass ~4 × threads). */
  tasks?: number;
  /** Progress in [0, 1]. */
  onProgress?: (fraction: number) => void;
}

/** Counts all combinations up to `length`; see CountSettings for what is listed. */
export async function countCombinations(
  input: CountingInput,
  options: CountOptions,
): Promise<PartialCounts> {
  const { executor = inlineExecutor, tasks: parts = 1, onProgress, ...settings } = options;
  const tasks = planTasks(input, settings.length, parts);
  const total = tasks.reduce((s, t) => s + t.cost, 0) || 1;
  let done = 0;
  const partials = await executor.run(input, settings, tasks, (cost) => {
    done += cost;
    onProgress?.(done / total);
  });
  if (partials.length === 0) return emptyPartial(input, settings.length);
  return mergePartials(input, settings.length, partials);
}
