// Display-safe text (core/text.ts): bidi formatting and control characters in names.
import fc from 'fast-check';
import { FSI, PDI, cleanLine, hasRightToLeft, hasUnsafeCharacters, isolate } from '../../src/core/text';

const RLO = '\u202E';
const BIDI = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];

describe('cleanLine', () => {
  it('strips every bidi embedding, override, isolate and mark', () => {
    for (const c of BIDI) expect(cleanLine(`Ann${c} Lee`)).toBe('Ann Lee');
    // The classic spoof: "Ann" followed by RLO makes "gpj.exe" show as "exe.jpg".
    expect(cleanLine(`Ann ${RLO}gnipaeL`)).toBe('Ann gnipaeL');
  });

  it('makes each run of C0 and C1 controls and line separators one space, and trims', () => {
    expect(cleanLine('Ann\tLee')).toBe('Ann Lee');
    expect(cleanLine('Ann\r\n\nLee \u0000')).toBe('Ann Lee');
    expect(cleanLine(' Ann  Lee ')).toBe('Ann  Lee'); // spaces typed stay as written
    expect(cleanLine('Ann\u0085Lee\u009FX\u007F')).toBe('Ann Lee X');
    expect(cleanLine('Ann\u2028Lee\u2029')).toBe('Ann Lee');
    expect(cleanLine('\uFEFFAnn')).toBe('Ann');
  });

  it('keeps letters of every script, ZWJ/ZWNJ, emoji and long text whole', () => {
    expect(cleanLine('שרה כהן')).toBe('שרה כהן');
    expect(cleanLine('مریم\u200Cها')).toBe('مریم\u200Cها');
    expect(cleanLine('👩\u200D💻 Zoë Łukasz 李')).toBe('👩\u200D💻 Zoë Łukasz 李');
    const long = 'A'.repeat(50_000);
    expect(cleanLine(long)).toBe(long);
  });

  it('is idempotent and leaves nothing unsafe (property)', () => {
    const unsafe = fc.constantFrom(...BIDI, '\u0000', '\t', '\n', '\u001B', '\u0085', '\u2028', '\uFEFF');
    const piece = fc.oneof(fc.string(), unsafe, fc.constantFrom('ש', 'م', ' '));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (parts) => {
        const once = cleanLine(parts.join(''));
        expect(cleanLine(once)).toBe(once);
        expect(hasUnsafeCharacters(once)).toBe(false);
        expect(once).toBe(once.trim());
      }),
    );
  });
});

describe('isolate', () => {
  it('wraps a name with right-to-left letters in FSI … PDI, and leaves others alone', () => {
    expect(isolate('Ann Lee')).toBe('Ann Lee');
    expect(isolate(`שרה ${RLO}כהן`)).toBe(`${FSI}שרה כהן${PDI}`);
    expect(isolate('Ali علي')).toBe(`${FSI}Ali علي${PDI}`);
    expect(hasRightToLeft('Zoë')).toBe(false);
  });
});
