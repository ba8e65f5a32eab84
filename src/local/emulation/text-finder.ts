// TextFinder emulated: `Range.createTextFinder(text)` and `Sheet.createTextFinder(text)`.
//
// Sources:
//   [TF]  https://developers.google.com/apps-script/reference/spreadsheet/text-finder — the methods;
//         matchCase(true) matches "the search text's case exactly, otherwise the search defaults to
//         case-insensitive matching"; matchEntireCell(true) matches "the entire contents of a cell;
//         otherwise, the search defaults to partial matching"; matchFormulaText(true) "return[s]
//         matches that appear within formula text; otherwise cells with formulas are considered
//         based on their displayed value"; startFrom "start searching immediately after the
//         specified cell range"; findNext/findPrevious return null when there is no match.
//         (Page wording recalled, not retrieved here: ⚠ to re-read.)
//   [GF]  brucemcpherson/gas-fakes src/services/spreadsheetapp/faketextfinder.js — a fake whose
//         maintainers compare with live Apps Script: searches display values (formula text with
//         matchFormulaText), row by row, case-insensitive and partial by default.
// ⚠ Not confirmed: the search order (rows top to bottom, each left to right), that findNext does
// not wrap around at the end, that findPrevious before any findNext starts from the end, that
// startFrom a block means "after its last cell", and replaceAllWith's count (cells changed).
// useRegularExpression uses JavaScript regular expressions; Google's are RE2 (⚠ syntax differs at
// the edges: no look-behind, no back-references in RE2).
import type { EmulationContext } from './context';
import { appsScriptError } from './common';
import type { Faked, FakeRange } from './spreadsheet';

type OfficialTextFinder = GoogleAppsScript.Spreadsheet.TextFinder;
type TextFinderMethods =
  | 'findAll' | 'findNext' | 'findPrevious' | 'getCurrentMatch' | 'ignoreDiacritics' | 'matchCase'
  | 'matchEntireCell' | 'matchFormulaText' | 'replaceAllWith' | 'replaceWith' | 'startFrom' | 'useRegularExpression';

/** One cell the finder looks at: its position (1-based) and the text it is matched on. */
interface Candidate {
  row: number;
  column: number;
  text: string;
  formula: boolean;
}

/**
 * `s` without diacritics ("é" → "e", also when written as "e" + a combining accent), and for
 * each of its code units the index in `s` it comes from (plus `s.length` at the end), so a match
 * in the folded text can be mapped back to the original.
 */
function fold(s: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  let i = 0;
  for (const ch of s) {
    const piece = ch.normalize('NFD').replace(/\p{M}+/gu, '');
    for (let k = 0; k < piece.length; k++) origin.push(i);
    folded += piece;
    i += ch.length;
  }
  origin.push(s.length);
  return { folded, origin };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A text finder over a fixed area (a range), or over whatever a sheet holds when each call is
 * made (`scope` is read again on every call). Every call is one ledger record.
 */
export class FakeTextFinder implements Faked<Pick<OfficialTextFinder, TextFinderMethods>> {
  private options = { matchCase: false, matchEntireCell: false, matchFormulaText: false, useRegularExpression: false, ignoreDiacritics: false };
  /** The position searches continue from: [row, column] of the last match or the startFrom cell. */
  private cursor: [number, number] | null = null;
  private current: FakeRange | null = null;

  /** @internal */
  constructor(
    private readonly ctx: EmulationContext,
    private readonly findText: string,
    /** The area searched, read on each call (unrecorded). */
    private readonly scope: () => FakeRange,
  ) {
    if (typeof findText !== 'string' || findText === '') {
      throw appsScriptError('Invalid argument: findText (emulation wording ⚠)');
    }
  }

  private rec(method: string): void {
    this.ctx.ledger.record(`TextFinder.${method}`);
  }

  // --- options -------------------------------------------------------------------------------

  matchCase(matchCase: boolean): FakeTextFinder {
    this.rec('matchCase');
    this.options.matchCase = !!matchCase;
    return this;
  }

  matchEntireCell(matchEntireCell: boolean): FakeTextFinder {
    this.rec('matchEntireCell');
    this.options.matchEntireCell = !!matchEntireCell;
    return this;
  }

  matchFormulaText(matchFormulaText: boolean): FakeTextFinder {
    this.rec('matchFormulaText');
    this.options.matchFormulaText = !!matchFormulaText;
    return this;
  }

  useRegularExpression(useRegEx: boolean): FakeTextFinder {
    this.rec('useRegularExpression');
    this.options.useRegularExpression = !!useRegEx;
    return this;
  }

  ignoreDiacritics(ignoreDiacritics: boolean): FakeTextFinder {
    this.rec('ignoreDiacritics');
    this.options.ignoreDiacritics = !!ignoreDiacritics;
    return this;
  }

  /** The next findNext starts immediately after `startRange` (its last cell ⚠) [TF]. */
  startFrom(startRange: FakeRange): FakeTextFinder {
    this.rec('startFrom');
    const { row, column, numRows, numColumns } = startRange.areaInternal();
    this.cursor = [row + numRows - 1, column + numColumns - 1];
    return this;
  }

  // --- searching ------------------------------------------------------------------------------

  /** The pattern for one cell's text, with the options applied (global, for replacing). */
  private pattern(): RegExp {
    const o = this.options;
    let source = o.useRegularExpression ? this.findText : escapeRegExp(o.ignoreDiacritics ? fold(this.findText).folded : this.findText);
    if (o.matchEntireCell) source = `^(?:${source})$`;
    try {
      return new RegExp(source, o.matchCase ? 'g' : 'gi');
    } catch {
      throw appsScriptError(`Invalid regular expression: ${this.findText} (emulation wording ⚠)`);
    }
  }

  /** Every cell of the scope that matches, in row-major order (unrecorded reads). */
  private matches(): Array<{ range: FakeRange; candidate: Candidate }> {
    const area = this.ctx.ledger.untracked(() => this.scope());
    const { row, column } = area.areaInternal();
    const [display, formulas] = this.ctx.ledger.untracked(() => [area.getDisplayValues(), area.getFormulas()]);
    const re = this.pattern();
    const sheet = area.getSheetInternal();
    const out: Array<{ range: FakeRange; candidate: Candidate }> = [];
    display.forEach((line, r) =>
      line.forEach((shown, c) => {
        const formula = formulas[r][c];
        const useFormula = this.options.matchFormulaText && formula !== '';
        let text = useFormula ? formula : shown;
        if (this.options.ignoreDiacritics) text = fold(text).folded;
        re.lastIndex = 0;
        if (text === '' || !re.test(text)) return;
        out.push({
          range: sheet.rangeInternal(row + r, column + c, 1, 1),
          candidate: { row: row + r, column: column + c, text: useFormula ? formula : shown, formula: useFormula },
        });
      }),
    );
    return out;
  }

  private remember(found: { range: FakeRange; candidate: Candidate } | undefined): FakeRange | null {
    if (!found) return null;
    this.cursor = [found.candidate.row, found.candidate.column];
    this.current = found.range;
    return found.range;
  }

  /** All matching cells, one single-cell range each [TF findAll]. */
  findAll(): FakeRange[] {
    this.rec('findAll');
    return this.matches().map((m) => m.range);
  }

  /** The next matching cell after the last match (or startFrom), or null ⚠ no wrap. */
  findNext(): FakeRange | null {
    this.rec('findNext');
    const at = this.cursor;
    const next = this.matches().find((m) => !at || m.candidate.row > at[0] || (m.candidate.row === at[0] && m.candidate.column > at[1]));
    return this.remember(next);
  }

  /** The matching cell before the last match, or null; before any match, the last one ⚠. */
  findPrevious(): FakeRange | null {
    this.rec('findPrevious');
    const at = this.cursor;
    const all = this.matches();
    const before = at ? all.filter((m) => m.candidate.row < at[0] || (m.candidate.row === at[0] && m.candidate.column < at[1])) : all;
    return this.remember(before[before.length - 1]);
  }

  getCurrentMatch(): FakeRange | null {
    this.rec('getCurrentMatch');
    return this.current;
  }

  /**
   * Replaces each match in one cell's text (the rest of the text, diacritics included, is kept);
   * the new content is written like a typed value ⚠. With a regular expression, `$1` in
   * `replaceText` is the first group (⚠ Google's RE2 replacement syntax is the same `$1`).
   */
  private replaceIn(candidate: Candidate, range: FakeRange, replaceText: string): boolean {
    const re = this.pattern();
    const { folded, origin } = this.options.ignoreDiacritics ? fold(candidate.text) : { folded: candidate.text, origin: null };
    let replaced = '';
    let last = 0;
    let found = false;
    for (let m = re.exec(folded); m !== null; m = re.exec(folded)) {
      if (m[0] === '') {
        re.lastIndex += 1;
        continue;
      }
      found = true;
      const start = origin ? origin[m.index] : m.index;
      const end = origin ? origin[m.index + m[0].length] : m.index + m[0].length;
      const withGroups = this.options.useRegularExpression ? replaceText.replace(/\$(\d)/g, (_, d: string) => m![Number(d)] ?? '') : replaceText;
      replaced += candidate.text.slice(last, start) + withGroups;
      last = end;
    }
    if (!found) return false;
    replaced += candidate.text.slice(last);
    this.ctx.ledger.untracked(() => (candidate.formula ? range.setFormula(replaced) : range.setValue(replaced)));
    return true;
  }

  /** Replaces every match; returns the number of cells changed ⚠ [TF replaceAllWith]. */
  replaceAllWith(replaceText: string): number {
    this.rec('replaceAllWith');
    let changed = 0;
    for (const m of this.matches()) if (this.replaceIn(m.candidate, m.range, String(replaceText))) changed += 1;
    return changed;
  }

  /** Replaces the current match (from findNext/findPrevious) only; 0 when there is none. */
  replaceWith(replaceText: string): number {
    this.rec('replaceWith');
    const current = this.current;
    if (!current) return 0;
    const { row, column } = current.areaInternal();
    const m = this.matches().find((x) => x.candidate.row === row && x.candidate.column === column);
    return m && this.replaceIn(m.candidate, m.range, String(replaceText)) ? 1 : 0;
  }
}
