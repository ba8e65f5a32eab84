// Display-safe text for names and other one-line user text read from the sheet: what the sidebar,
// event titles and the sheets the add-on writes show. Pure, ES2019 (no Unicode property escapes).
//
// Decisions:
// - Bidirectional *formatting* characters are stripped, not kept: the embeddings and overrides
//   LRE RLE PDF LRO RLO (U+202A–U+202E), the isolates LRI RLI FSI PDI (U+2066–U+2069) and the marks
//   LRM RLM ALM (U+200E, U+200F, U+061C). A name never needs them to show correctly: the Unicode
//   bidirectional algorithm (UAX #9) orders Hebrew or Arabic letters by itself. Kept, an RLO in one
//   name reverses everything after it in a title, a sidebar line or a sheet cell ("Spoofing" in
//   Unicode TR #36 §2.1), and an unmatched one leaks past the end of the name.
// - C0 and C1 control characters (U+0000–U+001F, U+007F–U+009F) and the line and paragraph
//   separators (U+2028, U+2029) become a space, one per run: a name is one line, so a tab or
//   newline is a word break, never a line break; then the ends are trimmed. Spaces typed by the
//   owner stay as written (the roster keeps "Ann  Lee" as typed).
// - Other invisible format characters that are legitimate in names are kept: ZWNJ and ZWJ
//   (U+200C, U+200D: Persian, Indic scripts, emoji sequences). U+FEFF (a stray byte-order mark)
//   and the interlinear annotation controls (U+FFF9–U+FFFB) are stripped.
// - Nothing is truncated: the sheet keeps the whole text; only the sidebar clips it (CSS).
// - Where a name is embedded in other text that the add-on writes (an event title), a name holding
//   right-to-left letters is wrapped in FSI … PDI (`isolate`), as UAX #9 §6.3 recommends for
//   text inserted into a template, so it cannot reorder the separators and names around it. Names
//   without right-to-left letters are left as they are.

/** Bidi formatting characters, the BOM and the interlinear annotation controls: removed. */
const STRIPPED = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\uFEFF\uFFF9-\uFFFB]/g;
/** Control characters and line/paragraph separators: each becomes a space. */
const CONTROLS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g;

/** Whether `text` holds a bidi formatting character or a control character that `cleanLine` changes. */
export function hasUnsafeCharacters(text: string): boolean {
  STRIPPED.lastIndex = 0;
  CONTROLS.lastIndex = 0;
  const unsafe = STRIPPED.test(text) || CONTROLS.test(text);
  STRIPPED.lastIndex = 0;
  CONTROLS.lastIndex = 0;
  return unsafe;
}

/**
 * One line of display-safe text: bidi formatting characters removed, each run of control
 * characters and line separators made one space, the ends trimmed.
 * Idempotent; never truncates.
 */
export function cleanLine(text: string): string {
  return String(text).replace(STRIPPED, '').replace(CONTROLS, ' ').trim();
}

/** Strong right-to-left letters: Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and their presentation forms; the RTL astral blocks. */
const RTL = /[\u0590-\u05FF\u0600-\u06FF\u0700-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFE]|\uD802[\uDC00-\uDFFF]|\uD803[\uDC00-\uDFFF]|\uD83A[\uDC00-\uDFFF]|\uD83B[\uDC00-\uDFFF]/;

/** Whether `text` holds a right-to-left letter. */
export function hasRightToLeft(text: string): boolean {
  return RTL.test(text);
}

/** FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE (UAX #9). */
export const FSI = '\u2068';
export const PDI = '\u2069';

/**
 * `cleanLine(text)`, wrapped in FSI … PDI when it holds right-to-left letters, so that embedded in
 * a longer line it keeps its own direction without reordering what is around it.
 */
export function isolate(text: string): string {
  const clean = cleanLine(text);
  return hasRightToLeft(clean) ? `${FSI}${clean}${PDI}` : clean;
}
