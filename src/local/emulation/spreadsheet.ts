// The emulated SpreadsheetApp: one in-memory spreadsheet with its sheets, ranges, number formats,
// notes, data validation and protections, typed against the official interfaces, every call
// recorded in the ledger, and saved/loaded as a JSON-safe snapshot.
//
// Sources, cited next to each rule:
//   [APP]   https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app
//   [SS]    https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet
//   [SHEET] https://developers.google.com/apps-script/reference/spreadsheet/sheet
//   [RANGE] https://developers.google.com/apps-script/reference/spreadsheet/range
//   [DV]    https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder
//   [PROT]  https://developers.google.com/apps-script/reference/spreadsheet/protection
//   [FMT]   https://developers.google.com/sheets/api/guides/formats
// Error wordings marked ✓ were found quoted verbatim in public bug reports or scripts handling
// them; ⚠ marks wording or behaviour from memory or reasoning, to confirm on a real sheet.
import type { EmulationContext } from './context';
import type { FakeMenu, FakeUi } from './ui';
import {
  AUTOMATIC_FORMAT_REPORTED,
  assertTimeZone,
  checkWritable,
  convertWrite,
  displayValue,
  instantToWallTime,
  isDate,
  readValue,
  zonedWallTimeToInstant,
  type CellWrite,
  type StoredValue,
  type WritableValue,
} from './cells';
import {
  chartsOf,
  copyChart,
  FakeEmbeddedChartBuilder,
  insertChartInto,
  removeChartFrom,
  updateChartIn,
  type ChartSnapshot,
  type FakeContainerInfo,
  type FakeEmbeddedChart,
} from './charts';
import { FakeTextFinder } from './text-finder';

// ---------------------------------------------------------------------------------------------
// Typing the fakes against the official interfaces
// ---------------------------------------------------------------------------------------------

type OfficialApp = GoogleAppsScript.Spreadsheet.SpreadsheetApp;
type OfficialSpreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type OfficialSheet = GoogleAppsScript.Spreadsheet.Sheet;
type OfficialRange = GoogleAppsScript.Spreadsheet.Range;
type OfficialValidation = GoogleAppsScript.Spreadsheet.DataValidation;
type OfficialValidationBuilder = GoogleAppsScript.Spreadsheet.DataValidationBuilder;
type OfficialProtection = GoogleAppsScript.Spreadsheet.Protection;
type ProtectionType = GoogleAppsScript.Spreadsheet.ProtectionType;
type DataValidationCriteria = GoogleAppsScript.Spreadsheet.DataValidationCriteria;

export type IsAny<T> = 0 extends 1 & T ? true : false;
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** The fake standing for an official type (`Sheet | null` → `FakeSheet | null`, `Range[]` → `FakeRange[]`). */
export type FakeOf<T> =
  IsAny<T> extends true
    ? T
    : T extends unknown
      ? Same<T, OfficialRange> extends true ? FakeRange
        : Same<T, OfficialSheet> extends true ? FakeSheet
        : Same<T, OfficialSpreadsheet> extends true ? FakeSpreadsheet
        : Same<T, OfficialValidation> extends true ? FakeDataValidation
        : Same<T, OfficialValidationBuilder> extends true ? FakeDataValidationBuilder
        : Same<T, OfficialProtection> extends true ? FakeProtection
        : Same<T, GoogleAppsScript.Base.Ui> extends true ? FakeUi
        : Same<T, GoogleAppsScript.Base.Menu> extends true ? FakeMenu
        : Same<T, GoogleAppsScript.Spreadsheet.TextFinder> extends true ? FakeTextFinder
        : Same<T, GoogleAppsScript.Spreadsheet.EmbeddedChart> extends true ? FakeEmbeddedChart
        : Same<T, GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder> extends true ? FakeEmbeddedChartBuilder
        : Same<T, GoogleAppsScript.Spreadsheet.ContainerInfo> extends true ? FakeContainerInfo
        : T extends readonly (infer U)[] ? FakeOf<U>[]
        : T
      : never;

/** Up to eight overloads of a method (insertSheet has eight), as a tuple of plain signatures. */
export type Overloads<F> = F extends {
  (...a: infer A1): infer R1;
  (...a: infer A2): infer R2;
  (...a: infer A3): infer R3;
  (...a: infer A4): infer R4;
  (...a: infer A5): infer R5;
  (...a: infer A6): infer R6;
  (...a: infer A7): infer R7;
  (...a: infer A8): infer R8;
}
  ? [
      (...a: A1) => R1, (...a: A2) => R2, (...a: A3) => R3, (...a: A4) => R4,
      (...a: A5) => R5, (...a: A6) => R6, (...a: A7) => R7, (...a: A8) => R8,
    ]
  : never;
type FakeSignature<F> = F extends (...a: infer A) => infer R ? (...a: { [I in keyof A]: FakeOf<A[I]> }) => FakeOf<R> : never;
export type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/**
 * An official interface (usually a `Pick<>` of it) with every official class in parameters and
 * results replaced by its fake, overloads kept. `class FakeRange implements Faked<Pick<Range,
 * 'getValues' | …>>` makes tsc check each method's name, overloads, parameter and return types
 * against @types/google-apps-script, while the fakes return fakes (a FakeSheet's getRange returns
 * a FakeRange, not something only cast to Range).
 */
export type Faked<T> = {
  [K in keyof T]: T[K] extends (...a: never[]) => unknown ? UnionToIntersection<FakeSignature<Overloads<T[K]>[number]>> : T[K];
};

// ---------------------------------------------------------------------------------------------
// Errors and realms
// ---------------------------------------------------------------------------------------------

/**
 * The constructors values and errors are made with. Code loaded into a node:vm realm (the bundle)
 * sees `instanceof Date` / `instanceof Error` fail on host objects; the loader may hand the
 * realm's own constructors to {@link FakeSpreadsheet.useRealm}.
 */
export interface Realm {
  Date: DateConstructor;
  Array: ArrayConstructor;
  Error: ErrorConstructor;
}

const HOST_REALM: Realm = { Date, Array, Error };

/** Apps Script's service errors print as "Exception: <message>". */
function exception(realm: Realm, message: string): Error {
  const error = new realm.Error(message);
  error.name = 'Exception';
  return error;
}

/** How Apps Script names argument types in "The parameters (…) don't match…" ⚠ approximated. */
function describeArgTypes(args: readonly unknown[]): string {
  const one = (a: unknown): string => {
    if (a === null || a === undefined) return 'null';
    if (Array.isArray(a)) {
      const inner = new Set(a.map(one));
      return `${inner.size === 1 ? [...inner][0] : 'Object'}[]`;
    }
    if (isDate(a)) return 'Date';
    if (typeof a === 'number') return 'number';
    if (typeof a === 'string') return 'String';
    if (typeof a === 'boolean') return 'Boolean';
    return 'Object';
  };
  return args.map(one).join(',');
}

/**
 * ✓ Wording seen for `range.setValues([1, 2, 3])`: "The parameters (number[]) don't match the
 * method signature for SpreadsheetApp.Range.setValues." (Stack Overflow question 63720612).
 */
function signatureError(realm: Realm, method: string, args: readonly unknown[]): Error {
  return exception(realm, `The parameters (${describeArgTypes(args)}) don't match the method signature for SpreadsheetApp.${method}.`);
}

// ---------------------------------------------------------------------------------------------
// Stored state
// ---------------------------------------------------------------------------------------------

interface ValidationRule {
  readonly criteria: string;
  readonly values: readonly unknown[];
  readonly allowInvalid: boolean;
  readonly helpText: string | null;
}

/** One cell's state. Absent keys are defaults: blank, automatic format, no note, no rule. */
interface CellRecord {
  v?: StoredValue;
  f?: string;
  fmt?: string;
  note?: string;
  dv?: ValidationRule;
  fontWeight?: string;
  background?: string;
  align?: string;
  wrap?: boolean;
}

type ProtectionKind = 'SHEET' | 'RANGE';

interface ProtectionRecord {
  id: number;
  type: ProtectionKind;
  description: string;
  warningOnly: boolean;
  /** For RANGE protections; SHEET protections cover the whole sheet. */
  area?: { row: number; column: number; numRows: number; numColumns: number };
}

/** A JSON-safe cell value: Dates as `{ "$date": ISO string }`. */
export type JsonCellValue = string | number | boolean | { $date: string };

export interface CellSnapshot {
  v?: JsonCellValue;
  f?: string;
  fmt?: string;
  note?: string;
  dv?: { criteria: string; values: unknown[]; allowInvalid: boolean; helpText: string | null };
  fontWeight?: string;
  background?: string;
  align?: string;
  wrap?: boolean;
}

export interface SheetSnapshot {
  id: number;
  name: string;
  maxRows: number;
  maxColumns: number;
  frozenRows: number;
  frozenColumns: number;
  hidden: boolean;
  tabColor: string | null;
  /** [column, width in pixels] for columns not at the default width. */
  columnWidths: Array<[number, number]>;
  /** [row, column, cell], 1-based, row-major, non-default cells only. */
  cells: Array<[number, number, CellSnapshot]>;
  protections: Array<{
    id: number;
    type: ProtectionKind;
    description: string;
    warningOnly: boolean;
    area?: { row: number; column: number; numRows: number; numColumns: number };
  }>;
  /** Embedded charts, in insertion order (charts.ts). Absent when the sheet has none (and in older snapshots). */
  charts?: ChartSnapshot[];
}

/** Everything the spreadsheet holds, JSON-safe (no Date objects), for the sandbox to save. */
export interface SpreadsheetSnapshot {
  id: string;
  name: string;
  timeZone: string;
  locale: string;
  activeSheetId: number;
  nextSheetSeed: number;
  nextProtectionId: number;
  sheets: SheetSnapshot[];
}

/** New sheets: 1000 rows × 26 columns (what Sheets creates), columns 100 px wide. */
const NEW_SHEET_ROWS = 1000;
const NEW_SHEET_COLUMNS = 26;
const DEFAULT_COLUMN_WIDTH = 100;

function hasContent(cell: CellRecord | undefined): boolean {
  return cell !== undefined && (cell.v !== undefined || cell.f !== undefined);
}

function isEmptyRecord(cell: CellRecord): boolean {
  // A loop rather than Object.keys().every(): this runs for every cell written and snapshotted.
  for (const k in cell) if (cell[k as keyof CellRecord] !== undefined) return false;
  return true;
}

/** `items` with `count` empty slots at `index` (no spread into call arguments: counts may be large). */
function withGap<T>(items: T[], index: number, count: number): T[] {
  if (items.length <= index) return items;
  return items.slice(0, index).concat(new Array<T>(count), items.slice(index));
}

/** The grid of one sheet, 1-based. Data moves with inserted and deleted rows and columns. */
class SheetState {
  frozenRows = 0;
  frozenColumns = 0;
  hidden = false;
  tabColor: string | null = null;
  columnWidths: Array<number | undefined> = [];
  rows: Array<Array<CellRecord | undefined> | undefined> = [];
  protections: ProtectionRecord[] = [];
  /** Embedded charts, as JSON-safe records (charts.ts). */
  charts: ChartSnapshot[] = [];
  deleted = false;

  constructor(
    public readonly id: number,
    public name: string,
    public maxRows = NEW_SHEET_ROWS,
    public maxColumns = NEW_SHEET_COLUMNS,
  ) {}

  get(row: number, column: number): CellRecord | undefined {
    return this.rows[row - 1]?.[column - 1];
  }

  ensure(row: number, column: number): CellRecord {
    const line = (this.rows[row - 1] ??= []);
    return (line[column - 1] ??= {});
  }

  /** Applies `change` to each cell of the area, dropping cells left at their defaults. */
  update(row: number, column: number, numRows: number, numColumns: number, change: (cell: CellRecord, r: number, c: number) => void): void {
    for (let r = 0; r < numRows; r++) {
      for (let c = 0; c < numColumns; c++) {
        const cell = this.ensure(row + r, column + c);
        change(cell, r, c);
        if (isEmptyRecord(cell)) this.rows[row + r - 1]![column + c - 1] = undefined;
      }
    }
  }

  lastRow(): number {
    for (let r = this.rows.length; r >= 1; r--) if (this.rows[r - 1]?.some(hasContent)) return r;
    return 0;
  }

  lastColumn(): number {
    let last = 0;
    for (const line of this.rows) {
      if (!line) continue;
      for (let c = line.length; c > last; c--) {
        if (hasContent(line[c - 1])) {
          last = c;
          break;
        }
      }
    }
    return last;
  }

  insertRows(before: number, count: number): void {
    this.rows = withGap(this.rows, before - 1, count);
    this.maxRows += count;
    this.shiftProtections('row', before, count);
  }

  deleteRows(start: number, count: number): void {
    this.rows.splice(start - 1, count);
    this.maxRows -= count;
    this.shiftProtections('row', start, -count);
  }

  insertColumns(before: number, count: number): void {
    this.rows = this.rows.map((line) => line && withGap(line, before - 1, count));
    this.columnWidths = withGap(this.columnWidths, before - 1, count);
    this.maxColumns += count;
    this.shiftProtections('column', before, count);
  }

  deleteColumns(start: number, count: number): void {
    for (const line of this.rows) line?.splice(start - 1, count);
    this.columnWidths.splice(start - 1, count);
    this.maxColumns -= count;
    this.shiftProtections('column', start, -count);
  }

  /** Protected ranges move and stretch with the rows and columns around them, as in Sheets. */
  private shiftProtections(axis: 'row' | 'column', at: number, delta: number): void {
    const startKey = axis === 'row' ? 'row' : 'column';
    const sizeKey = axis === 'row' ? 'numRows' : 'numColumns';
    for (const p of this.protections) {
      const area = p.area;
      if (!area) continue;
      const start = area[startKey];
      const end = start + area[sizeKey] - 1;
      if (delta > 0) {
        if (at <= start) area[startKey] += delta;
        else if (at <= end) area[sizeKey] += delta;
        continue;
      }
      const delStart = at;
      const delEnd = at - delta - 1;
      const keptBefore = Math.max(0, Math.min(end, delStart - 1) - start + 1);
      const keptAfter = Math.max(0, end - Math.max(start, delEnd + 1) + 1);
      const newStart = start < delStart ? start : Math.max(delStart, start + delta);
      area[startKey] = newStart;
      area[sizeKey] = keptBefore + keptAfter;
    }
    this.protections = this.protections.filter((p) => !p.area || (p.area.numRows > 0 && p.area.numColumns > 0));
  }

  columnWidth(column: number): number {
    return this.columnWidths[column - 1] ?? DEFAULT_COLUMN_WIDTH;
  }
}

function encodeValue(v: unknown): unknown {
  if (isDate(v)) return { $date: v.toISOString() };
  if (Array.isArray(v)) return v.map(encodeValue);
  return v;
}

function decodeValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decodeValue);
  if (v !== null && typeof v === 'object' && typeof (v as { $date?: unknown }).$date === 'string') {
    return new Date((v as { $date: string }).$date);
  }
  return v;
}

function cellToJSON(cell: CellRecord): CellSnapshot {
  const out: CellSnapshot = {};
  if (cell.v !== undefined) out.v = encodeValue(cell.v) as JsonCellValue;
  if (cell.f !== undefined) out.f = cell.f;
  if (cell.fmt !== undefined) out.fmt = cell.fmt;
  if (cell.note !== undefined) out.note = cell.note;
  if (cell.dv !== undefined) {
    out.dv = { criteria: cell.dv.criteria, values: encodeValue(cell.dv.values) as unknown[], allowInvalid: cell.dv.allowInvalid, helpText: cell.dv.helpText };
  }
  if (cell.fontWeight !== undefined) out.fontWeight = cell.fontWeight;
  if (cell.background !== undefined) out.background = cell.background;
  if (cell.align !== undefined) out.align = cell.align;
  if (cell.wrap !== undefined) out.wrap = cell.wrap;
  return out;
}

function cellFromJSON(snap: CellSnapshot): CellRecord {
  const cell: CellRecord = {};
  if (snap.v !== undefined) cell.v = decodeValue(snap.v) as StoredValue;
  if (snap.f !== undefined) cell.f = snap.f;
  if (snap.fmt !== undefined) cell.fmt = snap.fmt;
  if (snap.note !== undefined) cell.note = snap.note;
  if (snap.dv !== undefined) {
    cell.dv = Object.freeze({ criteria: snap.dv.criteria, values: decodeValue(snap.dv.values) as unknown[], allowInvalid: snap.dv.allowInvalid, helpText: snap.dv.helpText });
  }
  if (snap.fontWeight !== undefined) cell.fontWeight = snap.fontWeight;
  if (snap.background !== undefined) cell.background = snap.background;
  if (snap.align !== undefined) cell.align = snap.align;
  if (snap.wrap !== undefined) cell.wrap = snap.wrap;
  return cell;
}

function cloneCell(cell: CellRecord): CellRecord {
  return { ...cell, v: isDate(cell.v) ? new Date(cell.v.getTime()) : cell.v };
}

// ---------------------------------------------------------------------------------------------
// A1 notation
// ---------------------------------------------------------------------------------------------

export function columnToLetters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function lettersToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

interface A1Area {
  sheetName?: string;
  row: number;
  column: number;
  /** null: to the sheet's last row / column ("A:A", "A2:B"). */
  endRow: number | null;
  endColumn: number | null;
}

const A1_PART = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

/** Parses "A1", "A1:B2", "A:A", "1:1", "A2:B", "'My sheet'!A1:B2"; null when malformed. */
export function parseA1(notation: string): A1Area | null {
  let rest = notation.trim();
  let sheetName: string | undefined;
  const bang = rest.lastIndexOf('!');
  if (bang >= 0) {
    sheetName = rest.slice(0, bang);
    rest = rest.slice(bang + 1);
    if (/^'.*'$/.test(sheetName)) sheetName = sheetName.slice(1, -1).replace(/''/g, "'");
  }
  const [first, second, extra] = rest.split(':');
  if (extra !== undefined || first === undefined) return null;
  const a = A1_PART.exec(first);
  const b = second === undefined ? null : A1_PART.exec(second);
  if (!a || (second !== undefined && !b)) return null;
  const [, aCol, aRow] = a;
  if (!b) {
    if (!aCol || !aRow) return null;
    const row = Number(aRow);
    const column = lettersToColumn(aCol);
    return row < 1 ? null : { sheetName, row, column, endRow: row, endColumn: column };
  }
  const [, bCol, bRow] = b;
  if (!aCol && !aRow) return null;
  if (!bCol && !bRow) return null;
  if ((!aCol) !== (!bCol)) return null; // "A1:3" and "1:B3" are not ranges
  const c1 = aCol ? lettersToColumn(aCol) : 1;
  const c2 = bCol ? lettersToColumn(bCol) : null;
  const r1 = aRow ? Number(aRow) : 1;
  const r2 = bRow ? Number(bRow) : null;
  if (r1 < 1 || (r2 !== null && r2 < 1)) return null;
  return {
    sheetName,
    row: r2 === null ? r1 : Math.min(r1, r2),
    column: c2 === null ? c1 : Math.min(c1, c2),
    endRow: r2 === null ? null : Math.max(r1, r2),
    endColumn: c2 === null ? null : Math.max(c1, c2),
  };
}

function a1Of(row: number, column: number, numRows: number, numColumns: number): string {
  const start = `${columnToLetters(column)}${row}`;
  if (numRows === 1 && numColumns === 1) return start;
  return `${start}:${columnToLetters(column + numColumns - 1)}${row + numRows - 1}`;
}

// ---------------------------------------------------------------------------------------------
// Enums
// ---------------------------------------------------------------------------------------------

/**
 * An Apps Script enum as strings. Real enum values are objects whose `toString()` is the name;
 * strings compare, print and serialise the same way for the code under test.
 */
function enumOf<E>(names: readonly string[]): E {
  return Object.freeze(Object.fromEntries(names.map((n) => [n, n]))) as unknown as E;
}

export const PROTECTION_TYPE = enumOf<typeof GoogleAppsScript.Spreadsheet.ProtectionType>(['RANGE', 'SHEET']);

export const DATA_VALIDATION_CRITERIA = enumOf<typeof GoogleAppsScript.Spreadsheet.DataValidationCriteria>([
  'DATE_AFTER', 'DATE_BEFORE', 'DATE_BETWEEN', 'DATE_EQUAL_TO', 'DATE_IS_VALID_DATE', 'DATE_NOT_BETWEEN',
  'DATE_ON_OR_AFTER', 'DATE_ON_OR_BEFORE', 'NUMBER_BETWEEN', 'NUMBER_EQUAL_TO', 'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO', 'NUMBER_LESS_THAN', 'NUMBER_LESS_THAN_OR_EQUAL_TO', 'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO', 'TEXT_CONTAINS', 'TEXT_DOES_NOT_CONTAIN', 'TEXT_EQUAL_TO', 'TEXT_IS_VALID_EMAIL',
  'TEXT_IS_VALID_URL', 'VALUE_IN_LIST', 'VALUE_IN_RANGE', 'CUSTOM_FORMULA', 'CHECKBOX',
]);

// ---------------------------------------------------------------------------------------------
// SpreadsheetApp
// ---------------------------------------------------------------------------------------------

type AppMethods =
  | 'getActiveSpreadsheet' | 'getActive' | 'getActiveSheet' | 'getActiveRange' | 'setActiveRange'
  | 'setActiveSheet' | 'getUi' | 'newDataValidation' | 'flush' | 'ProtectionType' | 'DataValidationCriteria';

/** `SpreadsheetApp`, bound to one active spreadsheet and one Ui [APP]. */
export class FakeSpreadsheetApp implements Faked<Pick<OfficialApp, AppMethods>> {
  readonly ProtectionType = PROTECTION_TYPE;
  readonly DataValidationCriteria = DATA_VALIDATION_CRITERIA;

  constructor(
    private readonly ctx: EmulationContext,
    private readonly active: FakeSpreadsheet,
    private readonly ui: FakeUi,
  ) {}

  /**
   * The spreadsheet the script runs in; null when the execution has no document (a time-driven
   * trigger in the workspace option `clockTriggerDocument: 'absent'`: ⚠ whether an add-on's
   * time-driven trigger has one is not documented; a standalone script's trigger gets null,
   * https://github.com/mogsdad/SheetConverter/issues/2).
   */
  getActiveSpreadsheet(): FakeSpreadsheet {
    this.ctx.ledger.record('SpreadsheetApp.getActiveSpreadsheet');
    return this.ctx.documentAvailable ? this.active : (null as unknown as FakeSpreadsheet);
  }

  getActive(): FakeSpreadsheet {
    this.ctx.ledger.record('SpreadsheetApp.getActive');
    return this.ctx.documentAvailable ? this.active : (null as unknown as FakeSpreadsheet);
  }

  getActiveSheet(): FakeSheet {
    this.ctx.ledger.record('SpreadsheetApp.getActiveSheet');
    return this.active.activeSheetInternal();
  }

  /** The selection: A1 of the active sheet until something is activated. */
  getActiveRange(): FakeRange {
    this.ctx.ledger.record('SpreadsheetApp.getActiveRange');
    return this.active.activeRangeInternal();
  }

  /** Selects `range` and makes its sheet active [APP]. */
  setActiveRange(range: FakeRange): FakeRange {
    this.ctx.ledger.record('SpreadsheetApp.setActiveRange');
    this.active.selectInternal(range);
    return range;
  }

  setActiveSheet(sheet: FakeSheet, _restoreSelection?: boolean): FakeSheet {
    this.ctx.ledger.record('SpreadsheetApp.setActiveSheet');
    this.active.activateSheetInternal(sheet);
    return sheet;
  }

  /**
   * The user interface; in a trigger's execution there is none: "Cannot call
   * SpreadsheetApp.getUi() from this context." (⚠ wording from many public reports).
   */
  getUi(): FakeUi {
    this.ctx.ledger.record('SpreadsheetApp.getUi');
    if (this.ctx.trigger) throw exception(this.active.realm, 'Cannot call SpreadsheetApp.getUi() from this context.');
    return this.ui;
  }

  newDataValidation(): FakeDataValidationBuilder {
    this.ctx.ledger.record('SpreadsheetApp.newDataValidation');
    return new FakeDataValidationBuilder(this.ctx);
  }

  /** Writes are applied at once here, so flush only counts as a call. */
  flush(): void {
    this.ctx.ledger.record('SpreadsheetApp.flush');
  }
}

// ---------------------------------------------------------------------------------------------
// Spreadsheet
// ---------------------------------------------------------------------------------------------

type SpreadsheetMethods =
  | 'getId' | 'getName' | 'rename' | 'getUrl' | 'getSpreadsheetTimeZone' | 'setSpreadsheetTimeZone'
  | 'getSpreadsheetLocale' | 'getSheets' | 'getSheetByName' | 'getSheetById' | 'insertSheet' | 'deleteSheet'
  | 'setActiveSheet' | 'getActiveSheet' | 'getActiveRange' | 'getRange' | 'moveActiveSheet' | 'getNumSheets'
  | 'getProtections' | 'toast';

/**
 * ✓ "A sheet with the name "X" already exists. Please enter another name." (the Sheets error
 * quoted in asimlqt/php-google-spreadsheet-client#170; Apps Script shows the same text).
 */
const duplicateSheetName = (name: string): string => `A sheet with the name "${name}" already exists. Please enter another name.`;

type InsertSheetOptions = { template?: OfficialSheet };

/** A spreadsheet. Build one with {@link FakeSpreadsheet.create} or {@link FakeSpreadsheet.fromJSON}. */
export class FakeSpreadsheet implements Faked<Pick<OfficialSpreadsheet, SpreadsheetMethods>> {
  /** Messages shown with `toast`, oldest first (not Apps Script API). */
  readonly toasts: Array<{ message: string; title: string; timeoutSeconds: number }> = [];
  /** @internal */ realm: Realm = HOST_REALM;
  private sheets: FakeSheet[] = [];
  private active!: FakeSheet;
  private selection: { sheet: FakeSheet; row: number; column: number; numRows: number; numColumns: number } | null = null;

  private constructor(
    /** @internal */ readonly ctx: EmulationContext,
    private readonly id: string,
    private name: string,
    private timeZone: string,
    private locale: string,
    private nextSheetSeed: number,
    /** @internal */ public nextProtectionId: number,
  ) {}

  /** A new spreadsheet as Sheets makes one: a single "Sheet1" of 1000 × 26, id from ctx.uuid. */
  static create(ctx: EmulationContext, name: string): FakeSpreadsheet {
    const id = ctx.uuid();
    let seed = 1;
    for (const ch of id) seed = (seed * 31 + ch.charCodeAt(0)) % 2147483647;
    const ss = new FakeSpreadsheet(ctx, id, name, ctx.timeZone, 'en_US', seed || 1, 1);
    // The first sheet's id is 0 in every new spreadsheet [SHEET getSheetId].
    const first = new FakeSheet(ss, new SheetState(0, 'Sheet1'));
    ss.sheets.push(first);
    ss.active = first;
    return ss;
  }

  /** Loads a snapshot written by {@link toJSON}. */
  static fromJSON(ctx: EmulationContext, snap: SpreadsheetSnapshot): FakeSpreadsheet {
    const ss = new FakeSpreadsheet(ctx, snap.id, snap.name, snap.timeZone, snap.locale, snap.nextSheetSeed, snap.nextProtectionId);
    for (const s of snap.sheets) {
      const state = new SheetState(s.id, s.name, s.maxRows, s.maxColumns);
      state.frozenRows = s.frozenRows;
      state.frozenColumns = s.frozenColumns;
      state.hidden = s.hidden;
      state.tabColor = s.tabColor;
      for (const [column, width] of s.columnWidths) state.columnWidths[column - 1] = width;
      for (const [row, column, cell] of s.cells) {
        (state.rows[row - 1] ??= [])[column - 1] = cellFromJSON(cell);
      }
      state.protections = s.protections.map((p) => ({ ...p, area: p.area ? { ...p.area } : undefined }));
      state.charts = (s.charts ?? []).map((c) => copyChart(c));
      ss.sheets.push(new FakeSheet(ss, state));
    }
    ss.active = ss.sheets.find((s) => s.state.id === snap.activeSheetId) ?? ss.sheets[0];
    return ss;
  }

  /** A JSON-safe deep copy of the whole spreadsheet (Dates as `{ "$date": iso }`). Unrecorded. */
  toJSON(): SpreadsheetSnapshot {
    return {
      id: this.id,
      name: this.name,
      timeZone: this.timeZone,
      locale: this.locale,
      activeSheetId: this.active.state.id,
      nextSheetSeed: this.nextSheetSeed,
      nextProtectionId: this.nextProtectionId,
      sheets: this.sheets.map(({ state }) => {
        const cells: Array<[number, number, CellSnapshot]> = [];
        state.rows.forEach((line, r) =>
          line?.forEach((cell, c) => {
            if (cell && !isEmptyRecord(cell)) cells.push([r + 1, c + 1, cellToJSON(cell)]);
          }),
        );
        const columnWidths: Array<[number, number]> = [];
        state.columnWidths.forEach((w, c) => {
          if (w !== undefined) columnWidths.push([c + 1, w]);
        });
        const snapshot: SheetSnapshot = {
          id: state.id,
          name: state.name,
          maxRows: state.maxRows,
          maxColumns: state.maxColumns,
          frozenRows: state.frozenRows,
          frozenColumns: state.frozenColumns,
          hidden: state.hidden,
          tabColor: state.tabColor,
          columnWidths,
          cells,
          protections: state.protections.map((p) => {
            const out: SheetSnapshot['protections'][number] = { id: p.id, type: p.type, description: p.description, warningOnly: p.warningOnly };
            if (p.area) out.area = { ...p.area };
            return out;
          }),
        };
        if (state.charts.length > 0) snapshot.charts = state.charts.map((c) => copyChart(c));
        return snapshot;
      }),
    };
  }

  /**
   * Makes values and errors with another realm's constructors (see {@link Realm}). Unrecorded;
   * for the loader of a node:vm bundle.
   */
  useRealm(realm: Partial<Realm>): void {
    this.realm = { ...HOST_REALM, ...realm };
  }

  // --- internal helpers (never recorded) -----------------------------------------------------

  /** @internal */ raise(message: string): Error {
    return exception(this.realm, message);
  }

  /** @internal */ timeZoneInternal(): string {
    return this.timeZone;
  }

  /** @internal */ activeSheetInternal(): FakeSheet {
    return this.active;
  }

  /** @internal */ activeRangeInternal(): FakeRange {
    const s = this.selection && !this.selection.sheet.state.deleted && this.selection.sheet === this.active ? this.selection : null;
    return s ? new FakeRange(s.sheet, s.row, s.column, s.numRows, s.numColumns) : new FakeRange(this.active, 1, 1, 1, 1);
  }

  /** @internal */ activateSheetInternal(sheet: FakeSheet): void {
    this.ownSheet(sheet);
    if (this.active !== sheet) this.selection = null;
    this.active = sheet;
    sheet.state.hidden = false; // activating a hidden sheet shows it ⚠
  }

  /** @internal */ selectInternal(range: FakeRange): void {
    this.activateSheetInternal(range.getSheetInternal());
    this.selection = { sheet: range.getSheetInternal(), ...range.areaInternal() };
  }

  /** @internal */ sheetsInternal(): readonly FakeSheet[] {
    return this.sheets;
  }

  /** @internal */ checkSheetName(name: string, except?: FakeSheet): void {
    if (typeof name !== 'string' || name.trim() === '') throw this.raise('Sheet names must not be empty (emulation wording ⚠).');
    // ⚠ Sheets treats names differing only in case as the same name.
    const clash = this.sheets.find((s) => s !== except && s.state.name.toLowerCase() === name.toLowerCase());
    if (clash) throw this.raise(duplicateSheetName(name));
  }

  private ownSheet(sheet: FakeSheet): void {
    if (!(sheet instanceof FakeSheet) || sheet.getParentInternal() !== this || sheet.state.deleted) {
      throw this.raise('The sheet does not belong to this spreadsheet or was deleted (emulation wording ⚠).');
    }
  }

  /** Ids after the first look random, like Sheets' (so code cannot mistake them for indexes), but repeat from run to run. */
  private newSheetId(): number {
    for (;;) {
      this.nextSheetSeed = (this.nextSheetSeed * 48271) % 2147483647;
      const id = this.nextSheetSeed % 2000000000;
      if (id !== 0 && !this.sheets.some((s) => s.state.id === id)) return id;
    }
  }

  /**
   * @internal A new id for an embedded object (a chart), unique among the spreadsheet's sheets and
   * charts: Sheets gives sheets and embedded objects ids from one space ("It is an error to
   * specify the ID of an embedded object that already exists", Sheets API AddChartRequest).
   */
  newObjectIdInternal(): number {
    for (;;) {
      const id = this.newSheetId();
      if (!this.sheets.some((s) => s.state.charts.some((c) => c.chartId === id))) return id;
    }
  }

  /**
   * @internal Inserts a new blank sheet at 0-based `index` without activating it and without a
   * recorded call: for sheets Google adds itself (a form's responses sheet, forms.ts).
   */
  addSheetInternal(name: string, index: number): FakeSheet {
    this.checkSheetName(name);
    const sheet = new FakeSheet(this, new SheetState(this.newSheetId(), name));
    this.sheets.splice(Math.max(0, Math.min(index, this.sheets.length)), 0, sheet);
    return sheet;
  }

  /** "Sheet<n>": the first n from the sheet count up that no sheet uses ⚠. */
  private defaultSheetName(): string {
    for (let n = this.sheets.length + 1; ; n++) {
      const name = `Sheet${n}`;
      if (!this.sheets.some((s) => s.state.name.toLowerCase() === name.toLowerCase())) return name;
    }
  }

  /** The id without recording a call (emulation-internal, e.g. for the trigger registry). */
  peekId(): string {
    return this.id;
  }

  // --- Apps Script API -------------------------------------------------------------------------

  getId(): string {
    this.ctx.ledger.record('Spreadsheet.getId');
    return this.id;
  }

  getName(): string {
    this.ctx.ledger.record('Spreadsheet.getName');
    return this.name;
  }

  rename(newName: string): void {
    this.ctx.ledger.record('Spreadsheet.rename');
    this.name = newName;
  }

  getUrl(): string {
    this.ctx.ledger.record('Spreadsheet.getUrl');
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }

  getSpreadsheetTimeZone(): string {
    this.ctx.ledger.record('Spreadsheet.getSpreadsheetTimeZone');
    return this.timeZone;
  }

  /**
   * Changes the zone. Sheets stores dates as serial numbers, i.e. wall times [FMT], so every date
   * cell keeps its wall time and now reads back as a different instant.
   */
  setSpreadsheetTimeZone(timezone: string): void {
    this.ctx.ledger.record('Spreadsheet.setSpreadsheetTimeZone');
    try {
      assertTimeZone(timezone);
    } catch {
      throw this.raise(`Invalid time zone: ${timezone} (emulation wording ⚠).`);
    }
    const from = this.timeZone;
    for (const { state } of this.sheets) {
      for (const line of state.rows) {
        for (const cell of line ?? []) {
          if (cell && isDate(cell.v)) {
            const w = instantToWallTime(cell.v.getTime(), from);
            cell.v = zonedWallTimeToInstant(w.year, w.month, w.day, w.hour, w.minute, w.second, timezone, w.millisecond);
          }
        }
      }
    }
    this.timeZone = timezone;
  }

  /** 'en_US': the locale whose typed-input rules cells.ts encodes. */
  getSpreadsheetLocale(): string {
    this.ctx.ledger.record('Spreadsheet.getSpreadsheetLocale');
    return this.locale;
  }

  getSheets(): FakeSheet[] {
    this.ctx.ledger.record('Spreadsheet.getSheets');
    return this.sheets.slice();
  }

  /** The sheet of that exact name, or null [SS]. */
  getSheetByName(name: string): FakeSheet | null {
    this.ctx.ledger.record('Spreadsheet.getSheetByName');
    return this.sheets.find((s) => s.state.name === name) ?? null;
  }

  getSheetById(id: number): FakeSheet | null {
    this.ctx.ledger.record('Spreadsheet.getSheetById');
    return this.sheets.find((s) => s.state.id === id) ?? null;
  }

  getNumSheets(): number {
    this.ctx.ledger.record('Spreadsheet.getNumSheets');
    return this.sheets.length;
  }

  /**
   * Inserts a sheet (default name "SheetN", index 0-based, optional template) and makes it the
   * active sheet [SS insertSheet: "The new sheet becomes the active sheet"]. New sheets are
   * 1000 × 26. A taken name throws ✓ (see duplicateSheetName).
   */
  insertSheet(
    nameOrIndexOrOptions?: string | number | InsertSheetOptions,
    indexOrOptions?: number | InsertSheetOptions,
    maybeOptions?: InsertSheetOptions,
  ): FakeSheet {
    this.ctx.ledger.record('Spreadsheet.insertSheet');
    const args = [nameOrIndexOrOptions, indexOrOptions, maybeOptions].filter((a) => a !== undefined);
    let name: string | undefined;
    let index: number | undefined;
    let options: InsertSheetOptions | undefined;
    for (const a of args) {
      if (typeof a === 'string' && name === undefined && index === undefined && options === undefined) name = a;
      else if (typeof a === 'number' && index === undefined && options === undefined) index = a;
      else if (a !== null && typeof a === 'object' && options === undefined) options = a;
      else throw signatureError(this.realm, 'Spreadsheet.insertSheet', args);
    }
    if (name !== undefined) this.checkSheetName(name);
    if (index !== undefined && (!Number.isInteger(index) || index < 0 || index > this.sheets.length)) {
      throw this.raise(`The sheet index ${index} is out of range (emulation wording ⚠).`);
    }
    // The official options type names the official Sheet; only a FakeSheet of this spreadsheet passes.
    const template = options?.template as unknown as FakeSheet | undefined;
    if (template) this.ownSheet(template);
    const state = new SheetState(this.newSheetId(), name ?? this.defaultSheetName());
    if (template) {
      const t = template.state;
      state.maxRows = t.maxRows;
      state.maxColumns = t.maxColumns;
      state.frozenRows = t.frozenRows;
      state.frozenColumns = t.frozenColumns;
      state.columnWidths = t.columnWidths.slice();
      state.rows = t.rows.map((line) => line?.map((cell) => (cell ? cloneCell(cell) : undefined)));
    }
    const sheet = new FakeSheet(this, state);
    this.sheets.splice(index ?? this.sheets.length, 0, sheet);
    this.activateSheetInternal(sheet);
    return sheet;
  }

  /**
   * Deletes a sheet. ✓ The last one cannot go: "You can't remove all the sheets in a document."
   * (quoted in Apps Script projects that guard against it, e.g. a "wish tally" script's comment
   * "Avoid Exception: You can't remove all the sheets in a document.").
   */
  deleteSheet(sheet: FakeSheet): void {
    this.ctx.ledger.record('Spreadsheet.deleteSheet');
    this.ownSheet(sheet);
    if (this.sheets.length === 1) throw this.raise("You can't remove all the sheets in a document.");
    const at = this.sheets.indexOf(sheet);
    this.sheets.splice(at, 1);
    sheet.state.deleted = true;
    if (this.active === sheet) {
      this.active = this.sheets[Math.max(0, at - 1)];
      this.selection = null;
    }
  }

  setActiveSheet(sheet: FakeSheet, _restoreSelection?: boolean): FakeSheet {
    this.ctx.ledger.record('Spreadsheet.setActiveSheet');
    this.activateSheetInternal(sheet);
    return sheet;
  }

  getActiveSheet(): FakeSheet {
    this.ctx.ledger.record('Spreadsheet.getActiveSheet');
    return this.active;
  }

  getActiveRange(): FakeRange | null {
    this.ctx.ledger.record('Spreadsheet.getActiveRange');
    return this.activeRangeInternal();
  }

  /** Moves the active sheet to a 1-based position [SS moveActiveSheet]. */
  moveActiveSheet(pos: number): void {
    this.ctx.ledger.record('Spreadsheet.moveActiveSheet');
    if (!Number.isInteger(pos) || pos < 1 || pos > this.sheets.length) {
      throw this.raise(`The sheet position ${pos} is out of range (emulation wording ⚠).`);
    }
    const at = this.sheets.indexOf(this.active);
    this.sheets.splice(at, 1);
    this.sheets.splice(pos - 1, 0, this.active);
  }

  /**
   * A range in A1 notation, "Sheet!A1:B2" or (on the active sheet) "A1:B2" [SS getRange].
   * An unknown sheet or malformed notation throws "Range not found" ⚠ (wording from memory).
   */
  getRange(a1Notation: string): FakeRange {
    this.ctx.ledger.record('Spreadsheet.getRange');
    return this.rangeByA1(a1Notation, this.active);
  }

  /** @internal */ rangeByA1(a1Notation: string, onSheet: FakeSheet): FakeRange {
    const area = typeof a1Notation === 'string' ? parseA1(a1Notation) : null;
    if (!area) throw this.raise('Range not found');
    let sheet = onSheet;
    if (area.sheetName !== undefined) {
      const named = this.sheets.find((s) => s.state.name === area.sheetName);
      if (!named) throw this.raise('Range not found');
      sheet = named;
    }
    const endRow = area.endRow ?? sheet.state.maxRows;
    const endColumn = area.endColumn ?? sheet.state.maxColumns;
    return sheet.rangeInternal(area.row, area.column, endRow - area.row + 1, endColumn - area.column + 1);
  }

  /** Every protection of `type` in every sheet [SS getProtections]. */
  getProtections(type: ProtectionType): FakeProtection[] {
    this.ctx.ledger.record('Spreadsheet.getProtections');
    return this.sheets.flatMap((s) => s.protectionsInternal(type));
  }

  /** Records a toast in {@link toasts}; default timeout 5 s [SS toast]. */
  toast(msg: string, title = '', timeoutSeconds: number | null = 5): void {
    this.ctx.ledger.record('Spreadsheet.toast');
    this.toasts.push({ message: String(msg), title: String(title), timeoutSeconds: timeoutSeconds ?? 5 });
  }
}

// ---------------------------------------------------------------------------------------------
// Sheet
// ---------------------------------------------------------------------------------------------

type SheetMethods =
  | 'getName' | 'setName' | 'getSheetId' | 'getIndex' | 'getRange' | 'getDataRange' | 'getLastRow'
  | 'getLastColumn' | 'getMaxRows' | 'getMaxColumns' | 'insertRowsAfter' | 'insertRowsBefore'
  | 'insertRowAfter' | 'insertRowBefore' | 'insertRows' | 'deleteRow' | 'deleteRows' | 'insertColumnsAfter'
  | 'insertColumnsBefore' | 'insertColumnAfter' | 'insertColumnBefore' | 'insertColumns' | 'deleteColumn'
  | 'deleteColumns' | 'appendRow' | 'setFrozenRows' | 'getFrozenRows' | 'setFrozenColumns'
  | 'getFrozenColumns' | 'setColumnWidth' | 'setColumnWidths' | 'getColumnWidth' | 'hideSheet' | 'showSheet' | 'isSheetHidden'
  | 'protect' | 'getProtections' | 'clear' | 'clearContents' | 'clearFormats' | 'clearNotes' | 'setTabColor'
  | 'activate' | 'getParent' | 'newChart' | 'insertChart' | 'getCharts' | 'removeChart' | 'updateChart'
  | 'createTextFinder';

/** One sheet (tab) of a {@link FakeSpreadsheet} [SHEET]. */
export class FakeSheet implements Faked<Pick<OfficialSheet, SheetMethods>> {
  /** @internal */ readonly ctx: EmulationContext;

  constructor(
    private readonly ss: FakeSpreadsheet,
    /** @internal The grid; not Apps Script API. */ readonly state: SheetState,
  ) {
    this.ctx = ss.ctx;
  }

  // --- internal helpers (never recorded) -----------------------------------------------------

  /** @internal */ getParentInternal(): FakeSpreadsheet {
    return this.ss;
  }

  /** @internal */ raise(message: string): Error {
    return this.ss.raise(message);
  }

  /** @internal */ timeZone(): string {
    return this.ss.timeZoneInternal();
  }

  /** @internal */ realm(): Realm {
    return this.ss.realm;
  }

  /**
   * A range after the checks Apps Script makes [SHEET getRange]. ✓ Wordings quoted in many
   * scripts and bug reports: "The starting row of the range is too small.", "The starting column
   * of the range is too small.", "The number of rows in the range must be at least 1.", "The
   * number of columns in the range must be at least 1.", "The coordinates of the range are outside
   * the dimensions of the sheet."
   */
  /** @internal */ rangeInternal(row: number, column: number, numRows: number, numColumns: number, method = 'Sheet.getRange', args?: unknown[]): FakeRange {
    const all = [row, column, numRows, numColumns];
    if (!all.every((n) => typeof n === 'number' && Number.isInteger(n))) {
      // ⚠ Fractional or missing coordinates: Apps Script's reaction unconfirmed; rejected here.
      throw signatureError(this.realm(), method, args ?? all);
    }
    if (row < 1) throw this.raise('The starting row of the range is too small.');
    if (column < 1) throw this.raise('The starting column of the range is too small.');
    if (numRows < 1) throw this.raise('The number of rows in the range must be at least 1.');
    if (numColumns < 1) throw this.raise('The number of columns in the range must be at least 1.');
    if (row + numRows - 1 > this.state.maxRows || column + numColumns - 1 > this.state.maxColumns) {
      throw this.raise('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new FakeRange(this, row, column, numRows, numColumns);
  }

  /** @internal */ protectionsInternal(type: ProtectionType): FakeProtection[] {
    const kind = String(type);
    return this.state.protections.filter((p) => p.type === kind).map((p) => new FakeProtection(this, p));
  }

  /** @internal */ newProtection(type: ProtectionKind, area?: ProtectionRecord['area']): FakeProtection {
    const record: ProtectionRecord = { id: this.ss.nextProtectionId++, type, description: '', warningOnly: false, area };
    this.state.protections.push(record);
    return new FakeProtection(this, record);
  }

  /** @internal Checks values and converts them for a block write; throws before anything changes. */
  prepareWrite(row: number, column: number, values: readonly (readonly unknown[])[]): CellWrite[][] {
    const ctx = { timeZone: this.timeZone(), now: this.ctx.now() };
    return values.map((line, r) =>
      line.map((value, c) => {
        const problem = checkWritable(value);
        if (problem) throw this.raise(problem);
        return convertWrite(value as WritableValue, this.state.get(row + r, column + c)?.fmt, ctx);
      }),
    );
  }

  /** @internal Applies prepared writes. */
  applyWrite(row: number, column: number, writes: CellWrite[][]): void {
    const width = Math.max(0, ...writes.map((w) => w.length));
    this.state.update(row, column, writes.length, width, (cell, r, c) => {
      const w = writes[r]?.[c];
      if (!w) return;
      cell.v = undefined;
      cell.f = undefined;
      if (w.kind === 'formula') cell.f = w.formula;
      if (w.kind === 'value') {
        cell.v = w.value;
        if (w.inferredFormat !== undefined && cell.fmt === undefined) cell.fmt = w.inferredFormat;
      }
    });
  }

  /**
   * Insertions need a position inside the sheet (any count: the sheet grows); deletions need all
   * their rows inside it. ✓ "Those rows are out of bounds." (quoted in scripts that hit it).
   */
  private checkRows(position: number, howMany: number, method: string, op: 'insert' | 'span'): void {
    if (!Number.isInteger(position) || !Number.isInteger(howMany)) throw signatureError(this.realm(), method, [position, howMany]);
    const last = op === 'insert' ? position : position + howMany - 1;
    if (howMany < 1 || position < 1 || last > this.state.maxRows) throw this.raise('Those rows are out of bounds.');
  }

  /** As {@link checkRows}; ⚠ the columns wording is by analogy with the rows message. */
  private checkColumns(position: number, howMany: number, method: string, op: 'insert' | 'span'): void {
    if (!Number.isInteger(position) || !Number.isInteger(howMany)) throw signatureError(this.realm(), method, [position, howMany]);
    const last = op === 'insert' ? position : position + howMany - 1;
    if (howMany < 1 || position < 1 || last > this.state.maxColumns) throw this.raise('Those columns are out of bounds.');
  }

  // --- Apps Script API -------------------------------------------------------------------------

  getName(): string {
    this.ctx.ledger.record('Sheet.getName');
    return this.state.name;
  }

  /** Renames; a name another sheet has throws ✓ (same message as insertSheet). */
  setName(name: string): FakeSheet {
    this.ctx.ledger.record('Sheet.setName');
    this.ss.checkSheetName(name, this);
    this.state.name = name;
    return this;
  }

  getSheetId(): number {
    this.ctx.ledger.record('Sheet.getSheetId');
    return this.state.id;
  }

  /** 1-based position among the sheets [SHEET getIndex]. */
  getIndex(): number {
    this.ctx.ledger.record('Sheet.getIndex');
    return this.ss.sheetsInternal().indexOf(this) + 1;
  }

  getParent(): FakeSpreadsheet {
    this.ctx.ledger.record('Sheet.getParent');
    return this.ss;
  }

  getRange(row: number, column: number, numRows?: number, numColumns?: number): FakeRange;
  getRange(a1Notation: string): FakeRange;
  getRange(rowOrA1: number | string, column?: number, numRows?: number, numColumns?: number): FakeRange {
    this.ctx.ledger.record('Sheet.getRange');
    // ⚠ "Other!A1" on this sheet resolves to the named sheet here; real behaviour unconfirmed.
    if (typeof rowOrA1 === 'string' && column === undefined) return this.ss.rangeByA1(rowOrA1, this);
    const args = [rowOrA1, column, numRows, numColumns].slice(0, Math.max(2, arguments.length));
    return this.rangeInternal(rowOrA1 as number, column as number, numRows ?? 1, numColumns ?? 1, 'Sheet.getRange', args);
  }

  /** A1 to the last row and column with content; A1 alone for an empty sheet [SHEET]. */
  getDataRange(): FakeRange {
    this.ctx.ledger.record('Sheet.getDataRange');
    return new FakeRange(this, 1, 1, Math.max(1, this.state.lastRow()), Math.max(1, this.state.lastColumn()));
  }

  /** The last row with content (a value or a formula; formats and notes do not count); 0 when empty. */
  getLastRow(): number {
    this.ctx.ledger.record('Sheet.getLastRow');
    return this.state.lastRow();
  }

  getLastColumn(): number {
    this.ctx.ledger.record('Sheet.getLastColumn');
    return this.state.lastColumn();
  }

  getMaxRows(): number {
    this.ctx.ledger.record('Sheet.getMaxRows');
    return this.state.maxRows;
  }

  getMaxColumns(): number {
    this.ctx.ledger.record('Sheet.getMaxColumns');
    return this.state.maxColumns;
  }

  /**
   * Inserts blank rows; the data below moves down. ⚠ New rows get no formats or validation here
   * (Sheets may copy them from a neighbour), so code must format rows it adds.
   */
  insertRowsAfter(afterPosition: number, howMany: number): FakeSheet {
    this.ctx.ledger.record('Sheet.insertRowsAfter');
    this.checkRows(afterPosition, howMany, 'Sheet.insertRowsAfter', 'insert');
    this.state.insertRows(afterPosition + 1, howMany);
    return this;
  }

  insertRowsBefore(beforePosition: number, howMany: number): FakeSheet {
    this.ctx.ledger.record('Sheet.insertRowsBefore');
    this.checkRows(beforePosition, howMany, 'Sheet.insertRowsBefore', 'insert');
    this.state.insertRows(beforePosition, howMany);
    return this;
  }

  insertRowAfter(afterPosition: number): FakeSheet {
    this.ctx.ledger.record('Sheet.insertRowAfter');
    this.checkRows(afterPosition, 1, 'Sheet.insertRowAfter', 'insert');
    this.state.insertRows(afterPosition + 1, 1);
    return this;
  }

  insertRowBefore(beforePosition: number): FakeSheet {
    this.ctx.ledger.record('Sheet.insertRowBefore');
    this.checkRows(beforePosition, 1, 'Sheet.insertRowBefore', 'insert');
    this.state.insertRows(beforePosition, 1);
    return this;
  }

  /** Inserts `numRows` (default 1) blank rows at `rowIndex` [SHEET insertRows]. */
  insertRows(rowIndex: number, numRows = 1): void {
    this.ctx.ledger.record('Sheet.insertRows');
    this.checkRows(rowIndex, numRows, 'Sheet.insertRows', 'insert');
    this.state.insertRows(rowIndex, numRows);
  }

  deleteRow(rowPosition: number): FakeSheet {
    this.ctx.ledger.record('Sheet.deleteRow');
    this.deleteRowsInternal(rowPosition, 1, 'Sheet.deleteRow');
    return this;
  }

  /**
   * Deletes rows; the data below moves up. ✓ "Sorry, it is not possible to delete all non-frozen
   * rows." when no unfrozen row would remain (quoted in many scripts that work around it).
   */
  deleteRows(rowPosition: number, howMany: number): void {
    this.ctx.ledger.record('Sheet.deleteRows');
    this.deleteRowsInternal(rowPosition, howMany, 'Sheet.deleteRows');
  }

  private deleteRowsInternal(position: number, howMany: number, method: string): void {
    this.checkRows(position, howMany, method, 'span');
    if (this.state.maxRows - howMany <= this.state.frozenRows) {
      throw this.raise('Sorry, it is not possible to delete all non-frozen rows.');
    }
    this.state.deleteRows(position, howMany);
  }

  insertColumnsAfter(afterPosition: number, howMany: number): FakeSheet {
    this.ctx.ledger.record('Sheet.insertColumnsAfter');
    this.checkColumns(afterPosition, howMany, 'Sheet.insertColumnsAfter', 'insert');
    this.state.insertColumns(afterPosition + 1, howMany);
    return this;
  }

  insertColumnsBefore(beforePosition: number, howMany: number): FakeSheet {
    this.ctx.ledger.record('Sheet.insertColumnsBefore');
    this.checkColumns(beforePosition, howMany, 'Sheet.insertColumnsBefore', 'insert');
    this.state.insertColumns(beforePosition, howMany);
    return this;
  }

  insertColumnAfter(afterPosition: number): FakeSheet {
    this.ctx.ledger.record('Sheet.insertColumnAfter');
    this.checkColumns(afterPosition, 1, 'Sheet.insertColumnAfter', 'insert');
    this.state.insertColumns(afterPosition + 1, 1);
    return this;
  }

  insertColumnBefore(beforePosition: number): FakeSheet {
    this.ctx.ledger.record('Sheet.insertColumnBefore');
    this.checkColumns(beforePosition, 1, 'Sheet.insertColumnBefore', 'insert');
    this.state.insertColumns(beforePosition, 1);
    return this;
  }

  insertColumns(columnIndex: number, numColumns = 1): void {
    this.ctx.ledger.record('Sheet.insertColumns');
    this.checkColumns(columnIndex, numColumns, 'Sheet.insertColumns', 'insert');
    this.state.insertColumns(columnIndex, numColumns);
  }

  deleteColumn(columnPosition: number): FakeSheet {
    this.ctx.ledger.record('Sheet.deleteColumn');
    this.deleteColumnsInternal(columnPosition, 1, 'Sheet.deleteColumn');
    return this;
  }

  deleteColumns(columnPosition: number, howMany: number): void {
    this.ctx.ledger.record('Sheet.deleteColumns');
    this.deleteColumnsInternal(columnPosition, howMany, 'Sheet.deleteColumns');
  }

  private deleteColumnsInternal(position: number, howMany: number, method: string): void {
    this.checkColumns(position, howMany, method, 'span');
    if (this.state.maxColumns - howMany <= this.state.frozenColumns) {
      throw this.raise('Sorry, it is not possible to delete all non-frozen columns.'); // ⚠ by analogy
    }
    this.state.deleteColumns(position, howMany);
  }

  /**
   * Writes one row after the last row with content, converting values like setValues (a string
   * starting with = is a formula [SHEET appendRow]). A full sheet grows by a row, and by columns
   * for a longer row (⚠ the column growth is unconfirmed). Atomic: checked before written.
   */
  appendRow(rowContents: unknown[]): FakeSheet {
    this.ctx.ledger.record('Sheet.appendRow');
    if (!Array.isArray(rowContents)) throw signatureError(this.realm(), 'Sheet.appendRow', [rowContents]);
    const row = this.state.lastRow() + 1;
    const writes = this.prepareWrite(row, 1, [rowContents]);
    if (rowContents.length === 0) return this;
    if (row > this.state.maxRows) this.state.insertRows(this.state.maxRows + 1, row - this.state.maxRows);
    if (rowContents.length > this.state.maxColumns) {
      this.state.insertColumns(this.state.maxColumns + 1, rowContents.length - this.state.maxColumns);
    }
    this.applyWrite(row, 1, writes);
    return this;
  }

  /** ✓ "You can't freeze all visible rows on the sheet." (Sheets API wording, quoted by clients). */
  setFrozenRows(rows: number): void {
    this.ctx.ledger.record('Sheet.setFrozenRows');
    if (!Number.isInteger(rows) || rows < 0) throw signatureError(this.realm(), 'Sheet.setFrozenRows', [rows]);
    if (rows >= this.state.maxRows) throw this.raise("You can't freeze all visible rows on the sheet.");
    this.state.frozenRows = rows;
  }

  getFrozenRows(): number {
    this.ctx.ledger.record('Sheet.getFrozenRows');
    return this.state.frozenRows;
  }

  setFrozenColumns(columns: number): void {
    this.ctx.ledger.record('Sheet.setFrozenColumns');
    if (!Number.isInteger(columns) || columns < 0) throw signatureError(this.realm(), 'Sheet.setFrozenColumns', [columns]);
    if (columns >= this.state.maxColumns) throw this.raise("You can't freeze all visible columns on the sheet."); // ⚠ by analogy
    this.state.frozenColumns = columns;
  }

  getFrozenColumns(): number {
    this.ctx.ledger.record('Sheet.getFrozenColumns');
    return this.state.frozenColumns;
  }

  /** Width in pixels; columns start at 100 px ⚠ (Sheets' default width). */
  setColumnWidth(columnPosition: number, width: number): FakeSheet {
    this.ctx.ledger.record('Sheet.setColumnWidth');
    this.checkColumns(columnPosition, 1, 'Sheet.setColumnWidth', 'span');
    this.state.columnWidths[columnPosition - 1] = width;
    return this;
  }

  /**
   * Sets the width of `numColumns` columns from `startColumn` in one call [SHEET setColumnWidths:
   * "Sets the width of the given columns in pixels"]. Out-of-range columns throw as setColumnWidth's.
   */
  setColumnWidths(startColumn: number, numColumns: number, width: number): FakeSheet {
    this.ctx.ledger.record('Sheet.setColumnWidths');
    this.checkColumns(startColumn, numColumns, 'Sheet.setColumnWidths', 'span');
    for (let c = startColumn; c < startColumn + numColumns; c++) this.state.columnWidths[c - 1] = width;
    return this;
  }

  getColumnWidth(columnPosition: number): number {
    this.ctx.ledger.record('Sheet.getColumnWidth');
    this.checkColumns(columnPosition, 1, 'Sheet.getColumnWidth', 'span');
    return this.state.columnWidth(columnPosition);
  }

  /** ⚠ Hiding the only visible sheet throws "You can't hide all the sheets in a document." (unconfirmed wording). */
  hideSheet(): FakeSheet {
    this.ctx.ledger.record('Sheet.hideSheet');
    const visible = this.ss.sheetsInternal().filter((s) => !s.state.hidden && s !== this);
    if (visible.length === 0) throw this.raise("You can't hide all the sheets in a document.");
    this.state.hidden = true;
    return this;
  }

  showSheet(): FakeSheet {
    this.ctx.ledger.record('Sheet.showSheet');
    this.state.hidden = false;
    return this;
  }

  isSheetHidden(): boolean {
    this.ctx.ledger.record('Sheet.isSheetHidden');
    return this.state.hidden;
  }

  /**
   * Protects the whole sheet. [SHEET protect]: "If the sheet is already protected, this method
   * returns an object representing the existing protection settings."
   */
  protect(): FakeProtection {
    this.ctx.ledger.record('Sheet.protect');
    const existing = this.state.protections.find((p) => p.type === 'SHEET');
    return existing ? new FakeProtection(this, existing) : this.newProtection('SHEET');
  }

  getProtections(type: ProtectionType): FakeProtection[] {
    this.ctx.ledger.record('Sheet.getProtections');
    return this.protectionsInternal(type);
  }

  /** Clears values, formats, notes and validation of every cell, like Range.clear(). */
  clear(options?: { formatOnly?: boolean; contentsOnly?: boolean }): FakeSheet {
    this.ctx.ledger.record('Sheet.clear');
    clearArea(this, 1, 1, this.state.maxRows, this.state.maxColumns, {
      contents: !options?.formatOnly || !!options?.contentsOnly,
      formats: !options?.contentsOnly || !!options?.formatOnly,
      notes: !options?.formatOnly && !options?.contentsOnly,
      validations: !options?.formatOnly && !options?.contentsOnly,
    });
    return this;
  }

  /** Clears values and formulas only; formats, notes and validation stay. */
  clearContents(): FakeSheet {
    this.ctx.ledger.record('Sheet.clearContents');
    clearArea(this, 1, 1, this.state.maxRows, this.state.maxColumns, { contents: true });
    return this;
  }

  clearFormats(): FakeSheet {
    this.ctx.ledger.record('Sheet.clearFormats');
    clearArea(this, 1, 1, this.state.maxRows, this.state.maxColumns, { formats: true });
    return this;
  }

  clearNotes(): FakeSheet {
    this.ctx.ledger.record('Sheet.clearNotes');
    clearArea(this, 1, 1, this.state.maxRows, this.state.maxColumns, { notes: true });
    return this;
  }

  setTabColor(color: string | null): FakeSheet {
    this.ctx.ledger.record('Sheet.setTabColor');
    this.state.tabColor = color;
    return this;
  }

  /** Makes this the active sheet (records a call; the sidebar selects rows later). */
  activate(): FakeSheet {
    this.ctx.ledger.record('Sheet.activate');
    this.ss.activateSheetInternal(this);
    return this;
  }

  // --- charts (charts.ts) ----------------------------------------------------------------------

  /** A builder for a chart on this sheet; nothing changes until insertChart [SHEET newChart]. */
  newChart(): FakeEmbeddedChartBuilder {
    this.ctx.ledger.record('Sheet.newChart');
    return new FakeEmbeddedChartBuilder(this);
  }

  /** Adds a built chart; it gets an id unique in the spreadsheet [SHEET insertChart]. */
  insertChart(chart: FakeEmbeddedChart): void {
    this.ctx.ledger.record('Sheet.insertChart');
    insertChartInto(this, this.state.charts, chart, () => this.ss.newObjectIdInternal());
  }

  /** The sheet's charts, new objects each call, in insertion order [SHEET getCharts]. */
  getCharts(): FakeEmbeddedChart[] {
    this.ctx.ledger.record('Sheet.getCharts');
    return chartsOf(this, this.state.charts);
  }

  removeChart(chart: FakeEmbeddedChart): void {
    this.ctx.ledger.record('Sheet.removeChart');
    removeChartFrom(this, this.state.charts, chart);
  }

  /** Saves a chart rebuilt with modify()…build() over the sheet's chart of the same id [SHEET updateChart]. */
  updateChart(chart: FakeEmbeddedChart): void {
    this.ctx.ledger.record('Sheet.updateChart');
    updateChartIn(this, this.state.charts, chart);
  }

  // --- text finder (text-finder.ts) ----------------------------------------------------------

  /** Finds text in whatever the sheet holds when each search runs [SHEET createTextFinder]. */
  createTextFinder(findText: string): FakeTextFinder {
    this.ctx.ledger.record('Sheet.createTextFinder');
    return new FakeTextFinder(this.ctx, findText, () => this.getDataRange());
  }
}

function clearArea(
  sheet: FakeSheet,
  row: number,
  column: number,
  numRows: number,
  numColumns: number,
  what: { contents?: boolean; formats?: boolean; notes?: boolean; validations?: boolean },
): void {
  const state = sheet.state;
  const lastRow = Math.min(row + numRows - 1, state.rows.length);
  for (let r = row; r <= lastRow; r++) {
    const line = state.rows[r - 1];
    if (!line) continue;
    const lastColumn = Math.min(column + numColumns - 1, line.length);
    for (let c = column; c <= lastColumn; c++) {
      const cell = line[c - 1];
      if (!cell) continue;
      if (what.contents) {
        cell.v = undefined;
        cell.f = undefined;
      }
      if (what.formats) {
        cell.fmt = undefined;
        cell.fontWeight = undefined;
        cell.background = undefined;
        cell.align = undefined;
        cell.wrap = undefined;
      }
      if (what.notes) cell.note = undefined;
      if (what.validations) cell.dv = undefined;
      if (isEmptyRecord(cell)) line[c - 1] = undefined;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Range
// ---------------------------------------------------------------------------------------------

type RangeMethods =
  | 'getValues' | 'getValue' | 'setValues' | 'setValue' | 'getDisplayValues' | 'getDisplayValue'
  | 'getFormulas' | 'getFormula' | 'setFormula' | 'setFormulas' | 'getNumberFormats' | 'getNumberFormat'
  | 'setNumberFormat' | 'setNumberFormats' | 'getRow' | 'getColumn' | 'getNumRows' | 'getNumColumns'
  | 'getLastRow' | 'getLastColumn' | 'getA1Notation' | 'getSheet' | 'clearContent' | 'clear' | 'clearFormat'
  | 'clearNote' | 'setDataValidation' | 'setDataValidations' | 'getDataValidation' | 'getDataValidations'
  | 'clearDataValidations' | 'setNote' | 'getNote' | 'getNotes' | 'setNotes' | 'setFontWeight' | 'getFontWeight'
  | 'setBackground' | 'getBackground' | 'setHorizontalAlignment' | 'setWrap' | 'protect' | 'offset' | 'activate'
  | 'getCell' | 'createTextFinder';

/**
 * A rectangle of cells. Like the real one it is fixed coordinates: inserting rows does not move
 * an existing Range object [RANGE].
 */
export class FakeRange implements Faked<Pick<OfficialRange, RangeMethods>> {
  private readonly ctx: EmulationContext;

  constructor(
    private readonly sheet: FakeSheet,
    private readonly row: number,
    private readonly column: number,
    private readonly numRows: number,
    private readonly numColumns: number,
  ) {
    this.ctx = sheet.ctx;
  }

  // --- internal helpers (never recorded) -----------------------------------------------------

  /** @internal */ getSheetInternal(): FakeSheet {
    return this.sheet;
  }

  /** @internal */ areaInternal(): { row: number; column: number; numRows: number; numColumns: number } {
    return { row: this.row, column: this.column, numRows: this.numRows, numColumns: this.numColumns };
  }

  private map<T>(read: (cell: CellRecord | undefined) => T): T[][] {
    const R = this.sheet.realm().Array;
    const out = new R<T[]>();
    for (let r = 0; r < this.numRows; r++) {
      const line = new R<T>();
      for (let c = 0; c < this.numColumns; c++) line.push(read(this.sheet.state.get(this.row + r, this.column + c)));
      out.push(line);
    }
    return out;
  }

  private first(): CellRecord | undefined {
    return this.sheet.state.get(this.row, this.column);
  }

  /**
   * Checks a 2D array against the range's shape. ✓ "The number of rows in the data does not match
   * the number of rows in the range. The data has X but the range has Y." and the columns
   * equivalent (quoted in alpatania/sassafras#8: "The data has 5 but the range has 4.").
   */
  private checkShape(data: unknown, method: string): asserts data is unknown[][] {
    if (!Array.isArray(data) || !data.every((line) => Array.isArray(line))) {
      throw signatureError(this.sheet.realm(), method, [data]);
    }
    if (data.length !== this.numRows) {
      throw this.sheet.raise(`The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${this.numRows}.`);
    }
    for (const line of data as unknown[][]) {
      if (line.length !== this.numColumns) {
        throw this.sheet.raise(`The number of columns in the data does not match the number of columns in the range. The data has ${line.length} but the range has ${this.numColumns}.`);
      }
    }
  }

  private fill<T>(value: T): T[][] {
    return Array.from({ length: this.numRows }, () => new Array<T>(this.numColumns).fill(value));
  }

  private update(change: (cell: CellRecord, r: number, c: number) => void): this {
    this.sheet.state.update(this.row, this.column, this.numRows, this.numColumns, change);
    return this;
  }

  private read(cell: CellRecord | undefined): string | number | boolean | Date {
    const R = this.sheet.realm();
    // Formulas are not computed here: their cells read as ''.
    return readValue(cell?.v, cell?.fmt, this.sheet.timeZone(), (ms) => new R.Date(ms));
  }

  private display(cell: CellRecord | undefined): string {
    return displayValue(cell?.v, cell?.fmt, this.sheet.timeZone());
  }

  private writeBlock(values: unknown[][]): this {
    const writes = this.sheet.prepareWrite(this.row, this.column, values);
    this.sheet.applyWrite(this.row, this.column, writes);
    return this;
  }

  // --- values ----------------------------------------------------------------------------------

  /**
   * The values, a fresh 2D array each call: '' for blank (and formula) cells, numbers, booleans,
   * strings, and new Date objects for date cells [RANGE getValues].
   */
  getValues(): any[][] {
    this.ctx.ledger.record('Range.getValues');
    return this.map((cell) => this.read(cell));
  }

  getValue(): any {
    this.ctx.ledger.record('Range.getValue');
    return this.read(this.first());
  }

  /**
   * Writes a 2D array of the range's exact shape, converting strings as Sheets does (cells.ts).
   * Atomic: shape and every value are checked before any cell changes.
   */
  setValues(values: any[][]): FakeRange {
    this.ctx.ledger.record('Range.setValues');
    this.checkShape(values, 'Range.setValues');
    return this.writeBlock(values);
  }

  /** Writes the same value to every cell of the range [RANGE setValue]. */
  setValue(value: any): FakeRange {
    this.ctx.ledger.record('Range.setValue');
    return this.writeBlock(this.fill(value));
  }

  /** The values as Sheets shows them, through each cell's number format. */
  getDisplayValues(): string[][] {
    this.ctx.ledger.record('Range.getDisplayValues');
    return this.map((cell) => this.display(cell));
  }

  getDisplayValue(): string {
    this.ctx.ledger.record('Range.getDisplayValue');
    return this.display(this.first());
  }

  // --- formulas --------------------------------------------------------------------------------

  getFormulas(): string[][] {
    this.ctx.ledger.record('Range.getFormulas');
    return this.map((cell) => cell?.f ?? '');
  }

  getFormula(): string {
    this.ctx.ledger.record('Range.getFormula');
    return this.first()?.f ?? '';
  }

  /** Sets a formula in every cell (no relative-reference adjustment here). */
  setFormula(formula: string): FakeRange {
    this.ctx.ledger.record('Range.setFormula');
    return this.writeFormulas(this.fill(formula));
  }

  setFormulas(formulas: string[][]): FakeRange {
    this.ctx.ledger.record('Range.setFormulas');
    this.checkShape(formulas, 'Range.setFormulas');
    return this.writeFormulas(formulas);
  }

  /** "=…" is stored as a formula whatever the format; anything else is written like a value ⚠. */
  private writeFormulas(formulas: unknown[][]): this {
    if (!formulas.every((line) => line.every((f) => typeof f === 'string'))) {
      throw signatureError(this.sheet.realm(), 'Range.setFormulas', [formulas]);
    }
    const writes = this.sheet.prepareWrite(this.row, this.column, formulas).map((line, r) =>
      line.map((w, c): CellWrite => {
        const text = formulas[r][c] as string;
        return text.startsWith('=') && text.length > 1 ? { kind: 'formula', formula: text } : w;
      }),
    );
    this.sheet.applyWrite(this.row, this.column, writes);
    return this;
  }

  // --- number formats --------------------------------------------------------------------------

  /** Each cell's format; an unformatted cell reports "0.###############" ⚠. */
  getNumberFormats(): string[][] {
    this.ctx.ledger.record('Range.getNumberFormats');
    return this.map((cell) => cell?.fmt ?? AUTOMATIC_FORMAT_REPORTED);
  }

  getNumberFormat(): string {
    this.ctx.ledger.record('Range.getNumberFormat');
    return this.first()?.fmt ?? AUTOMATIC_FORMAT_REPORTED;
  }

  /**
   * Sets the format of every cell. Values already there are not re-read: '@' over "42" written
   * earlier leaves the number 42 (only later writes stay text) ⚠ per [FMT] (a format changes
   * how a stored value shows, not the value).
   */
  setNumberFormat(numberFormat: string): FakeRange {
    this.ctx.ledger.record('Range.setNumberFormat');
    return this.update((cell) => {
      cell.fmt = numberFormat;
    });
  }

  setNumberFormats(numberFormats: string[][]): FakeRange {
    this.ctx.ledger.record('Range.setNumberFormats');
    this.checkShape(numberFormats, 'Range.setNumberFormats');
    return this.update((cell, r, c) => {
      cell.fmt = String(numberFormats[r][c]);
    });
  }

  // --- geometry --------------------------------------------------------------------------------

  getRow(): number {
    this.ctx.ledger.record('Range.getRow');
    return this.row;
  }

  getColumn(): number {
    this.ctx.ledger.record('Range.getColumn');
    return this.column;
  }

  getNumRows(): number {
    this.ctx.ledger.record('Range.getNumRows');
    return this.numRows;
  }

  getNumColumns(): number {
    this.ctx.ledger.record('Range.getNumColumns');
    return this.numColumns;
  }

  /** The range's own end row (not the sheet's last row with content) [RANGE getLastRow]. */
  getLastRow(): number {
    this.ctx.ledger.record('Range.getLastRow');
    return this.row + this.numRows - 1;
  }

  getLastColumn(): number {
    this.ctx.ledger.record('Range.getLastColumn');
    return this.column + this.numColumns - 1;
  }

  getA1Notation(): string {
    this.ctx.ledger.record('Range.getA1Notation');
    return a1Of(this.row, this.column, this.numRows, this.numColumns);
  }

  getSheet(): FakeSheet {
    this.ctx.ledger.record('Range.getSheet');
    return this.sheet;
  }

  /** Same checks as Sheet.getRange; offsets are 0-based and may be negative [RANGE offset]. */
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): FakeRange {
    this.ctx.ledger.record('Range.offset');
    return this.sheet.rangeInternal(
      this.row + rowOffset,
      this.column + columnOffset,
      numRows ?? this.numRows,
      numColumns ?? this.numColumns,
      'Range.offset',
      [rowOffset, columnOffset, numRows, numColumns].slice(0, Math.max(2, arguments.length)),
    );
  }

  /** One cell, 1-based within this range. */
  getCell(row: number, column: number): FakeRange {
    this.ctx.ledger.record('Range.getCell');
    if (row < 1 || column < 1 || row > this.numRows || column > this.numColumns) {
      throw this.sheet.raise('Cell reference out of range'); // ⚠ wording from memory
    }
    return this.sheet.rangeInternal(this.row + row - 1, this.column + column - 1, 1, 1, 'Range.getCell', [row, column]);
  }

  /** Finds text in this range's cells [RANGE createTextFinder]. */
  createTextFinder(findText: string): FakeTextFinder {
    this.ctx.ledger.record('Range.createTextFinder');
    return new FakeTextFinder(this.ctx, findText, () => this);
  }

  /** Selects this range and activates its sheet. */
  activate(): FakeRange {
    this.ctx.ledger.record('Range.activate');
    this.sheet.getParentInternal().selectInternal(this);
    return this;
  }

  // --- clearing ---------------------------------------------------------------------------------

  /** Values and formulas only. */
  clearContent(): FakeRange {
    this.ctx.ledger.record('Range.clearContent');
    clearArea(this.sheet, this.row, this.column, this.numRows, this.numColumns, { contents: true });
    return this;
  }

  /**
   * Contents, formats, notes and data validation, as gas-fakes found against live Apps Script
   * (brucemcpherson/gas-fakes fakesheetrange.js `clear`); options narrow it [RANGE clear].
   */
  clear(options?: { commentsOnly?: boolean; contentsOnly?: boolean; formatOnly?: boolean; validationsOnly?: boolean; skipFilteredRows?: boolean }): FakeRange {
    this.ctx.ledger.record('Range.clear');
    const only = options && (options.contentsOnly || options.formatOnly || options.validationsOnly || options.commentsOnly);
    clearArea(this.sheet, this.row, this.column, this.numRows, this.numColumns, {
      contents: !only || !!options?.contentsOnly,
      formats: !only || !!options?.formatOnly,
      notes: !only,
      validations: !only || !!options?.validationsOnly,
    });
    return this;
  }

  clearFormat(): FakeRange {
    this.ctx.ledger.record('Range.clearFormat');
    clearArea(this.sheet, this.row, this.column, this.numRows, this.numColumns, { formats: true });
    return this;
  }

  clearNote(): FakeRange {
    this.ctx.ledger.record('Range.clearNote');
    clearArea(this.sheet, this.row, this.column, this.numRows, this.numColumns, { notes: true });
    return this;
  }

  // --- data validation ---------------------------------------------------------------------------

  private ruleOf(rule: unknown, method: string): ValidationRule | undefined {
    if (rule === null) return undefined;
    if (!(rule instanceof FakeDataValidation)) throw signatureError(this.sheet.realm(), method, [rule]);
    return rule.ruleInternal();
  }

  /** Sets (null: removes) the rule of every cell; each cell holds the rule [RANGE setDataValidation]. */
  setDataValidation(rule: FakeDataValidation | null): FakeRange {
    this.ctx.ledger.record('Range.setDataValidation');
    const stored = this.ruleOf(rule, 'Range.setDataValidation');
    return this.update((cell) => {
      cell.dv = stored;
    });
  }

  setDataValidations(rules: Array<Array<FakeDataValidation | null>>): FakeRange {
    this.ctx.ledger.record('Range.setDataValidations');
    this.checkShape(rules, 'Range.setDataValidations');
    const stored = rules.map((line) => line.map((rule) => this.ruleOf(rule, 'Range.setDataValidations')));
    return this.update((cell, r, c) => {
      cell.dv = stored[r][c];
    });
  }

  /** The top-left cell's rule, a new object each call, or null. */
  getDataValidation(): FakeDataValidation | null {
    this.ctx.ledger.record('Range.getDataValidation');
    const rule = this.first()?.dv;
    return rule ? new FakeDataValidation(this.ctx, rule) : null;
  }

  getDataValidations(): Array<Array<FakeDataValidation | null>> {
    this.ctx.ledger.record('Range.getDataValidations');
    return this.map((cell) => (cell?.dv ? new FakeDataValidation(this.ctx, cell.dv) : null));
  }

  clearDataValidations(): FakeRange {
    this.ctx.ledger.record('Range.clearDataValidations');
    clearArea(this.sheet, this.row, this.column, this.numRows, this.numColumns, { validations: true });
    return this;
  }

  // --- notes -------------------------------------------------------------------------------------

  /** Sets the note of every cell; null or '' removes it. */
  setNote(note: string | null): FakeRange {
    this.ctx.ledger.record('Range.setNote');
    return this.update((cell) => {
      cell.note = note === null || note === '' ? undefined : String(note);
    });
  }

  getNote(): string {
    this.ctx.ledger.record('Range.getNote');
    return this.first()?.note ?? '';
  }

  getNotes(): string[][] {
    this.ctx.ledger.record('Range.getNotes');
    return this.map((cell) => cell?.note ?? '');
  }

  setNotes(notes: Array<Array<string | null>>): FakeRange {
    this.ctx.ledger.record('Range.setNotes');
    this.checkShape(notes, 'Range.setNotes');
    return this.update((cell, r, c) => {
      const note = notes[r][c];
      cell.note = note === null || note === undefined || note === '' ? undefined : String(note);
    });
  }

  // --- styles (stored, not rendered) ---------------------------------------------------------------

  setFontWeight(fontWeight: 'normal' | 'bold' | null): FakeRange {
    this.ctx.ledger.record('Range.setFontWeight');
    return this.update((cell) => {
      cell.fontWeight = fontWeight === null || fontWeight === 'normal' ? undefined : fontWeight;
    });
  }

  getFontWeight(): 'normal' | 'bold' {
    this.ctx.ledger.record('Range.getFontWeight');
    return this.first()?.fontWeight === 'bold' ? 'bold' : 'normal';
  }

  setBackground(color: string | null): FakeRange {
    this.ctx.ledger.record('Range.setBackground');
    return this.update((cell) => {
      cell.background = color === null ? undefined : color;
    });
  }

  /** '#ffffff' for a cell with no background ⚠. */
  getBackground(): string {
    this.ctx.ledger.record('Range.getBackground');
    return this.first()?.background ?? '#ffffff';
  }

  setHorizontalAlignment(alignment: 'left' | 'center' | 'normal' | 'right' | null): FakeRange {
    this.ctx.ledger.record('Range.setHorizontalAlignment');
    return this.update((cell) => {
      cell.align = alignment === null || alignment === 'normal' ? undefined : alignment;
    });
  }

  setWrap(isWrapEnabled: boolean): FakeRange {
    this.ctx.ledger.record('Range.setWrap');
    return this.update((cell) => {
      cell.wrap = isWrapEnabled;
    });
  }

  /** Unrecorded view of the stored styles, for tests and the sandbox grid (not Apps Script API). */
  peekStyles(): Array<Array<{ fontWeight?: string; background?: string; align?: string; wrap?: boolean }>> {
    return Array.from({ length: this.numRows }, (_, r) =>
      Array.from({ length: this.numColumns }, (_, c) => {
        const cell = this.sheet.state.get(this.row + r, this.column + c);
        const out: { fontWeight?: string; background?: string; align?: string; wrap?: boolean } = {};
        if (cell?.fontWeight !== undefined) out.fontWeight = cell.fontWeight;
        if (cell?.background !== undefined) out.background = cell.background;
        if (cell?.align !== undefined) out.align = cell.align;
        if (cell?.wrap !== undefined) out.wrap = cell.wrap;
        return out;
      }),
    );
  }

  /** A new protection of this range; [RANGE protect]: "If the range is already protected, this method creates a new protected range that overlaps the existing one." */
  protect(): FakeProtection {
    this.ctx.ledger.record('Range.protect');
    return this.sheet.newProtection('RANGE', this.areaInternal());
  }
}

// ---------------------------------------------------------------------------------------------
// Data validation
// ---------------------------------------------------------------------------------------------

type BuilderMethods =
  | 'build' | 'copy' | 'getAllowInvalid' | 'getCriteriaType' | 'getCriteriaValues' | 'getHelpText'
  | 'requireValueInList' | 'requireCheckbox' | 'requireTextIsEmail' | 'requireNumberBetween'
  | 'setAllowInvalid' | 'setHelpText' | 'withCriteria';

/** `SpreadsheetApp.newDataValidation()` [DV]. */
export class FakeDataValidationBuilder implements Faked<Pick<OfficialValidationBuilder, BuilderMethods>> {
  private criteria: string | null = null;
  private values: unknown[] = [];
  /** [DV setAllowInvalid]: "The default for new data validation rules is true." */
  private allowInvalid = true;
  private helpText: string | null = null;

  constructor(private readonly ctx: EmulationContext, from?: ValidationRule) {
    if (from) {
      this.criteria = from.criteria;
      this.values = copyCriteriaValues(from.values);
      this.allowInvalid = from.allowInvalid;
      this.helpText = from.helpText;
    }
  }

  /** The rule; ⚠ building without criteria is refused here (Apps Script's wording unknown). */
  build(): FakeDataValidation {
    this.ctx.ledger.record('DataValidationBuilder.build');
    if (this.criteria === null) throw exception(HOST_REALM, 'A data validation rule needs criteria before build() (emulation wording ⚠).');
    return new FakeDataValidation(this.ctx, Object.freeze({
      criteria: this.criteria,
      values: Object.freeze(copyCriteriaValues(this.values)),
      allowInvalid: this.allowInvalid,
      helpText: this.helpText,
    }));
  }

  copy(): FakeDataValidationBuilder {
    this.ctx.ledger.record('DataValidationBuilder.copy');
    const b = new FakeDataValidationBuilder(this.ctx);
    b.criteria = this.criteria;
    b.values = copyCriteriaValues(this.values);
    b.allowInvalid = this.allowInvalid;
    b.helpText = this.helpText;
    return b;
  }

  getAllowInvalid(): boolean {
    this.ctx.ledger.record('DataValidationBuilder.getAllowInvalid');
    return this.allowInvalid;
  }

  getCriteriaType(): DataValidationCriteria {
    this.ctx.ledger.record('DataValidationBuilder.getCriteriaType');
    return this.criteria as unknown as DataValidationCriteria;
  }

  getCriteriaValues(): any[] {
    this.ctx.ledger.record('DataValidationBuilder.getCriteriaValues');
    return copyCriteriaValues(this.values);
  }

  getHelpText(): string | null {
    this.ctx.ledger.record('DataValidationBuilder.getHelpText');
    return this.helpText;
  }

  /**
   * Only values from the list; the criteria values are `[values, showDropdown]` (default true),
   * as getCriteriaValues() reports them ⚠ (from memory of real output).
   */
  requireValueInList(values: string[], showDropdown = true): FakeDataValidationBuilder {
    this.ctx.ledger.record('DataValidationBuilder.requireValueInList');
    this.criteria = 'VALUE_IN_LIST';
    this.values = [values.slice(), showDropdown];
    return this;
  }

  requireCheckbox(checkedValue?: unknown, uncheckedValue?: unknown): FakeDataValidationBuilder {
    this.ctx.ledger.record('DataValidationBuilder.requireCheckbox');
    this.criteria = 'CHECKBOX';
    this.values = [checkedValue, uncheckedValue].filter((v) => v !== undefined);
    return this;
  }

  requireTextIsEmail(): FakeDataValidationBuilder {
    this.ctx.ledger.record('DataValidationBuilder.requireTextIsEmail');
    this.criteria = 'TEXT_IS_VALID_EMAIL';
    this.values = [];
    return this;
  }

  requireNumberBetween(start: number, end: number): FakeDataValidationBuilder {
    this.ctx.ledger.record('DataValidationBuilder.requireNumberBetween');
    this.criteria = 'NUMBER_BETWEEN';
    this.values = [start, end];
    return this;
  }

  withCriteria(criteria: DataValidationCriteria, args: any[]): FakeDataValidationBuilder {
    this.ctx.ledger.record('DataValidationBuilder.withCriteria');
    this.criteria = String(criteria);
    this.values = copyCriteriaValues(args);
    return this;
  }

  setAllowInvalid(allowInvalidData: boolean): FakeDataValidationBuilder {
    this.ctx.ledger.record('DataValidationBuilder.setAllowInvalid');
    this.allowInvalid = allowInvalidData;
    return this;
  }

  setHelpText(helpText: string): FakeDataValidationBuilder {
    this.ctx.ledger.record('DataValidationBuilder.setHelpText');
    this.helpText = helpText;
    return this;
  }
}

function copyCriteriaValues(values: readonly unknown[]): unknown[] {
  return values.map((v) => (Array.isArray(v) ? v.slice() : isDate(v) ? new Date(v.getTime()) : v));
}

/** A built rule (immutable); ranges store it per cell [DV]. */
export class FakeDataValidation implements Faked<Pick<OfficialValidation, 'copy' | 'getAllowInvalid' | 'getCriteriaType' | 'getCriteriaValues' | 'getHelpText'>> {
  constructor(
    private readonly ctx: EmulationContext,
    private readonly rule: ValidationRule,
  ) {}

  /** @internal */ ruleInternal(): ValidationRule {
    return this.rule;
  }

  copy(): FakeDataValidationBuilder {
    this.ctx.ledger.record('DataValidation.copy');
    return new FakeDataValidationBuilder(this.ctx, this.rule);
  }

  getAllowInvalid(): boolean {
    this.ctx.ledger.record('DataValidation.getAllowInvalid');
    return this.rule.allowInvalid;
  }

  getCriteriaType(): DataValidationCriteria {
    this.ctx.ledger.record('DataValidation.getCriteriaType');
    return this.rule.criteria as unknown as DataValidationCriteria;
  }

  getCriteriaValues(): any[] {
    this.ctx.ledger.record('DataValidation.getCriteriaValues');
    return copyCriteriaValues(this.rule.values);
  }

  /**
   * The help text. The docs say "or null if no help text is set" while @types declares `string`:
   * the emulation returns null as documented, so code must not call string methods on it blindly.
   */
  getHelpText(): string {
    this.ctx.ledger.record('DataValidation.getHelpText');
    return this.rule.helpText as string;
  }
}

// ---------------------------------------------------------------------------------------------
// Protection
// ---------------------------------------------------------------------------------------------

type ProtectionMethods =
  | 'getDescription' | 'setDescription' | 'isWarningOnly' | 'setWarningOnly' | 'remove'
  | 'getProtectionType' | 'getRange' | 'canEdit';

/**
 * A protected sheet or range, as records (editors are not modelled: the running user owns the
 * spreadsheet and may edit everything) [PROT].
 */
export class FakeProtection implements Faked<Pick<OfficialProtection, ProtectionMethods>> {
  private readonly ctx: EmulationContext;

  constructor(
    private readonly sheet: FakeSheet,
    private readonly record: ProtectionRecord,
  ) {
    this.ctx = sheet.ctx;
  }

  private live(): ProtectionRecord {
    if (!this.sheet.state.protections.includes(this.record)) {
      throw this.sheet.raise('This protection was removed (emulation wording ⚠).');
    }
    return this.record;
  }

  getDescription(): string {
    this.ctx.ledger.record('Protection.getDescription');
    return this.live().description;
  }

  setDescription(description: string): FakeProtection {
    this.ctx.ledger.record('Protection.setDescription');
    this.live().description = description;
    return this;
  }

  isWarningOnly(): boolean {
    this.ctx.ledger.record('Protection.isWarningOnly');
    return this.live().warningOnly;
  }

  setWarningOnly(warningOnly: boolean): FakeProtection {
    this.ctx.ledger.record('Protection.setWarningOnly');
    this.live().warningOnly = warningOnly;
    return this;
  }

  remove(): void {
    this.ctx.ledger.record('Protection.remove');
    const record = this.live();
    this.sheet.state.protections = this.sheet.state.protections.filter((p) => p !== record);
  }

  getProtectionType(): ProtectionType {
    this.ctx.ledger.record('Protection.getProtectionType');
    return PROTECTION_TYPE[this.live().type];
  }

  /** The protected range; the whole sheet for a SHEET protection. */
  getRange(): FakeRange {
    this.ctx.ledger.record('Protection.getRange');
    const { area } = this.live();
    const s = this.sheet.state;
    return area
      ? new FakeRange(this.sheet, area.row, area.column, area.numRows, area.numColumns)
      : new FakeRange(this.sheet, 1, 1, s.maxRows, s.maxColumns);
  }

  /** The owner may always edit [PROT canEdit]. */
  canEdit(): boolean {
    this.ctx.ledger.record('Protection.canEdit');
    return true;
  }
}
