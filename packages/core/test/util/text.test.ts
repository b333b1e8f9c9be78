import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeUtf8, showControl, utf8Length } from "../../src/util/text.js";

describe("showControl", () => {
  it("shows an ANSI escape sequence instead of sending it to the terminal", () => {
    expect(showControl("\u001b[31mred\u001b[0m")).toBe("\\x1b[31mred\\x1b[0m");
    expect(showControl("\u001b]0;new title\u0007")).toBe("\\x1b]0;new title\\x07");
  });

  it("escapes every C0 control, DEL and the C1 controls", () => {
    expect(showControl("a\u0000b\tc\nd\re\u007ff")).toBe("a\\x00b\\x09c\\x0ad\\x0de\\x7ff");
    expect(showControl("\u0085\u009b2J")).toBe("\\x85\\x9b2J");
  });

  it("escapes line separators and the bidirectional overrides that reorder text", () => {
    expect(showControl("a\u2028b\u2029c")).toBe("a\\u{2028}b\\u{2029}c");
    expect(showControl("\u202eevil\u202c \u2066x\u2069")).toBe(
      "\\u{202e}evil\\u{202c} \\u{2066}x\\u{2069}",
    );
  });

  it("keeps ordinary text of any script unchanged", () => {
    const text = "Côte d'Ivoire, 東京, Ελλάδα, مصر, 👩‍👧, C:\\data\\cases.csv, 18-24, [18.5,25)";
    expect(showControl(text)).toBe(text);
    expect(showControl("")).toBe("");
  });

  it("never leaves a control character in its result", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const shown = showControl(text);
        for (const ch of shown) {
          const c = ch.codePointAt(0)!;
          expect(c < 0x20 || (c >= 0x7f && c <= 0x9f)).toBe(false);
          expect([0x2028, 0x2029, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e]).not.toContain(c);
          expect(c >= 0x2066 && c <= 0x2069).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("utf8Length", () => {
  it("counts the bytes TextEncoder writes, lone surrogates included", () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.oneof(
            fc.constant("\ud800"),
            fc.constant("\udc00"),
            fc.string({ unit: "binary", maxLength: 1 }),
          ),
          maxLength: 40,
        }),
        (text) => {
          expect(utf8Length(text)).toBe(encodeUtf8(text).length);
        },
      ),
    );
  });
});
