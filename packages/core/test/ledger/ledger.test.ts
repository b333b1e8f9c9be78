import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  budgetTotal,
  checkBudget,
  describeLedger,
  differencingWarning,
  emptyLedger,
  type KAnonymityLedgerEntry,
  type Ledger,
  parseLedger,
  recordRelease,
  spent,
} from "../../src/internal.js";

const dp = (epsilon: number, delta = 1e-6) => ({
  model: "differential-privacy" as const,
  epsilon,
  delta,
  date: "2026-11-28T00:00:00.000Z",
  out: "/r",
});
const kanon = (k: number, length: number, columns: string[]): KAnonymityLedgerEntry => ({
  model: "k-anonymity",
  k,
  length,
  columns,
  mode: "row-seeded",
  date: "2026-11-28T00:00:00.000Z",
  out: "/k",
});

describe("budget ledger", () => {
  it("sums ε and δ of a data set's DP releases (basic composition), not of other data sets", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 5, noNaN: true }), { maxLength: 10 }),
        (eps) => {
          let l: Ledger = emptyLedger();
          for (const e of eps) l = recordRelease(l, "a", dp(e));
          l = recordRelease(l, "b", dp(100));
          l = recordRelease(l, "a", kanon(10, 3, ["x"]));
          const s = spent(l, "a");
          expect(s.releases).toBe(eps.length);
          expect(s.epsilon).toBeCloseTo(
            eps.reduce((x, y) => x + y, 0),
            9,
          );
          expect(s.delta).toBeCloseTo(eps.length * 1e-6, 15);
        },
      ),
    );
  });

  it("refuses a DP release that would exceed the total, saying requested / spent / remaining", () => {
    let l = recordRelease(emptyLedger(), "a", dp(1), 2);
    l = recordRelease(l, "a", dp(0.5));
    expect(() => checkBudget(l, "a", 0.5, budgetTotal(l, "a", undefined))).not.toThrow();
    expect(() => checkBudget(l, "a", 0.6, budgetTotal(l, "a", undefined))).toThrow(
      /requested ε = 0.6, already spent ε = 1.5 in 2 releases, remaining ε = 0.5 of 2/,
    );
    // No total: nothing is refused.
    expect(() => checkBudget(emptyLedger(), "a", 1e6, undefined)).not.toThrow();
  });

  it("sets the total once", () => {
    const l = recordRelease(emptyLedger(), "a", dp(1), 2);
    expect(budgetTotal(l, "a", undefined)).toBe(2);
    expect(budgetTotal(l, "a", 2)).toBe(2);
    expect(() => budgetTotal(l, "a", 3)).toThrow(/already sets the total budget of "a" to ε = 2/);
    expect(budgetTotal(emptyLedger(), "a", 4)).toBe(4);
  });

  it("warns when a k-anonymity release differs from an earlier one in columns, k or L", () => {
    const l = recordRelease(emptyLedger(), "a", kanon(10, 3, ["x", "y"]));
    expect(differencingWarning(l, "a", kanon(10, 3, ["x", "y"]))).toBeUndefined();
    expect(differencingWarning(l, "a", kanon(5, 3, ["x", "y"]))).toMatch(/k 10 → 5/);
    expect(differencingWarning(l, "a", kanon(10, 2, ["x", "y"]))).toMatch(/L 3 → 2/);
    expect(differencingWarning(l, "a", kanon(10, 3, ["x"]))).toMatch(/other columns/);
    expect(differencingWarning(l, "b", kanon(5, 3, ["x"]))).toBeUndefined();
  });

  it("reads back what it writes, refuses what is not a ledger, and lists it", () => {
    const l = recordRelease(recordRelease(emptyLedger(), "a", dp(1), 3), "a", kanon(10, 3, ["x"]));
    expect(parseLedger(JSON.parse(JSON.stringify(l)), "l.json")).toEqual(l);
    expect(() => parseLedger({ tool: "x" }, "l.json")).toThrow(
      /l.json is not a CommonGround budget ledger/,
    );
    expect(() =>
      parseLedger(
        {
          tool: "CommonGround",
          kind: "budget-ledger",
          datasets: { a: { releases: [{ model: "differential-privacy", epsilon: -1 }] } },
        },
        "l.json",
      ),
    ).toThrow(/cannot read/);
    const text = describeLedger(l).join("\n");
    expect(text).toContain("a: 2 releases");
    expect(text).toContain("total ε = 3, remaining ε = 2");
  });
});
