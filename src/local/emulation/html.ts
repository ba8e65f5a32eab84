// HtmlService emulated: HTML outputs built from strings or from `<htmlDir>/<name>.html` files.
//
// Sources:
//   [HTML]  https://developers.google.com/apps-script/reference/html/html-service and
//           …/html/html-output (methods, addMetaTag's allowed names).
//   [SBX]   https://developers.google.com/apps-script/reference/html/sandbox-mode — only IFRAME
//           remains; setSandboxMode has no effect.
//   [NOFILE] createHtmlOutputFromFile's error for a missing file, seen verbatim in many public
//           READMEs and logs: "Exception: No HTML file named Index was found."
//   [GASFAKES] brucemcpherson/gas-fakes FakeHtmlOutput (its maintainers test against live Apps
//           Script): title defaults to '', width to 600, height to 450.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EmulationContext } from './context';
import { appsScriptError, makeEnum } from './common';

export const noHtmlFile = (name: string): string => `No HTML file named ${name} was found.`;

/** Default size reported by getWidth()/getHeight() when none was set [GASFAKES] ⚠ not in the docs. */
export const DEFAULT_WIDTH = 600;
export const DEFAULT_HEIGHT = 450;

/**
 * The only meta tags addMetaTag accepts [HTML]. ⚠ That other names throw (rather than being
 * dropped) and the wording of that error are unconfirmed.
 */
export const ALLOWED_META_TAGS: readonly string[] = [
  'apple-mobile-web-app-capable',
  'apple-mobile-web-app-status-bar-style',
  'apple-mobile-web-app-title',
  'google-site-verification',
  'mobile-web-app-capable',
  'viewport',
];



const SandboxMode = makeEnum<typeof GoogleAppsScript.HTML.SandboxMode>(['EMULATED', 'IFRAME', 'NATIVE']);
const XFrameOptionsMode = makeEnum<typeof GoogleAppsScript.HTML.XFrameOptionsMode>(['ALLOWALL', 'DEFAULT']);

/** What the emulated Ui needs to show an output, read without counting a call. */
export interface HtmlOutputView {
  title: string;
  content: string;
  /** Only when set with setWidth / setHeight. */
  width?: number;
  height?: number;
}

export class FakeHtmlOutput
  implements
    Pick<
      GoogleAppsScript.HTML.HtmlOutput,
      | 'getContent'
      | 'setContent'
      | 'append'
      | 'getTitle'
      | 'setTitle'
      | 'setWidth'
      | 'setHeight'
      | 'getWidth'
      | 'getHeight'
      | 'setSandboxMode'
      | 'setXFrameOptionsMode'
      | 'addMetaTag'
      | 'setFaviconUrl'
    >
{
  private title = '';
  private width?: number;
  private height?: number;
  private readonly metaTags: Array<{ name: string; content: string }> = [];
  private faviconUrl = '';
  private xFrameOptionsMode = 'DEFAULT';

  /** @internal */
  constructor(
    private readonly ctx: EmulationContext,
    private content: string,
  ) {}

  getContent(): string {
    this.ctx.ledger.record('HtmlOutput.getContent');
    return this.content;
  }

  setContent(content: string): GoogleAppsScript.HTML.HtmlOutput {
    this.ctx.ledger.record('HtmlOutput.setContent');
    this.content = String(content);
    return this.self();
  }

  append(addedContent: string): GoogleAppsScript.HTML.HtmlOutput {
    this.ctx.ledger.record('HtmlOutput.append');
    this.content += String(addedContent);
    return this.self();
  }

  getTitle(): string {
    this.ctx.ledger.record('HtmlOutput.getTitle');
    return this.title;
  }

  setTitle(title: string): GoogleAppsScript.HTML.HtmlOutput {
    this.ctx.ledger.record('HtmlOutput.setTitle');
    this.title = String(title);
    return this.self();
  }

  /** Dialogs use it; a sidebar's width is fixed by Google (the Ui ignores it for sidebars). */
  setWidth(width: number): GoogleAppsScript.HTML.HtmlOutput {
    this.ctx.ledger.record('HtmlOutput.setWidth');
    this.width = width;
    return this.self();
  }

  setHeight(height: number): GoogleAppsScript.HTML.HtmlOutput {
    this.ctx.ledger.record('HtmlOutput.setHeight');
    this.height = height;
    return this.self();
  }

  getWidth(): number {
    this.ctx.ledger.record('HtmlOutput.getWidth');
    return this.width ?? DEFAULT_WIDTH;
  }

  getHeight(): number {
    this.ctx.ledger.record('HtmlOutput.getHeight');
    return this.height ?? DEFAULT_HEIGHT;
  }

  /** No effect: IFRAME is the only sandbox left [SBX]. */
  setSandboxMode(_mode: GoogleAppsScript.HTML.SandboxMode): GoogleAppsScript.HTML.HtmlOutput {
    this.ctx.ledger.record('HtmlOutput.setSandboxMode');
    return this.self();
  }

  setXFrameOptionsMode(mode: GoogleAppsScript.HTML.XFrameOptionsMode): GoogleAppsScript.HTML.HtmlOutput {
    this.ctx.ledger.record('HtmlOutput.setXFrameOptionsMode');
    this.xFrameOptionsMode = String(mode);
    return this.self();
  }

  addMetaTag(name: string, content: string): GoogleAppsScript.HTML.HtmlOutput {
    this.ctx.ledger.record('HtmlOutput.addMetaTag');
    if (!ALLOWED_META_TAGS.includes(name)) throw appsScriptError(`Invalid argument: name (meta tag "${name}" is not allowed)`);
    this.metaTags.push({ name, content: String(content) });
    return this.self();
  }

  setFaviconUrl(iconUrl: string): GoogleAppsScript.HTML.HtmlOutput {
    this.ctx.ledger.record('HtmlOutput.setFaviconUrl');
    this.faviconUrl = String(iconUrl);
    return this.self();
  }

  /** What the Ui shows, read without recording a call. */
  peek(): HtmlOutputView {
    const view: HtmlOutputView = { title: this.title, content: this.content };
    if (this.width !== undefined) view.width = this.width;
    if (this.height !== undefined) view.height = this.height;
    return view;
  }

  /** Settings that have no visible effect here, for tests (not recorded). */
  peekSettings(): { metaTags: Array<{ name: string; content: string }>; faviconUrl: string; xFrameOptionsMode: string } {
    return { metaTags: this.metaTags.map((t) => ({ ...t })), faviconUrl: this.faviconUrl, xFrameOptionsMode: this.xFrameOptionsMode };
  }

  /** The boundary where the partial fake stands in for the full interface. */
  private self(): GoogleAppsScript.HTML.HtmlOutput {
    return this as unknown as GoogleAppsScript.HTML.HtmlOutput;
  }
}

/** True when `value` is a FakeHtmlOutput (the Ui uses it to peek). */
export function isFakeHtmlOutput(value: unknown): value is FakeHtmlOutput {
  return value instanceof FakeHtmlOutput;
}

export class FakeHtmlService
  implements Pick<GoogleAppsScript.HTML.HtmlService, 'SandboxMode' | 'XFrameOptionsMode' | 'createHtmlOutput' | 'createHtmlOutputFromFile'>
{
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;

  constructor(private readonly ctx: EmulationContext) {}

  createHtmlOutput(html?: string | GoogleAppsScript.Base.BlobSource): GoogleAppsScript.HTML.HtmlOutput {
    this.ctx.ledger.record('HtmlService.createHtmlOutput');
    let content = '';
    if (typeof html === 'string') content = html;
    else if (html && typeof html === 'object' && typeof html.getBlob === 'function') content = html.getBlob().getDataAsString();
    else if (html !== undefined && html !== null) content = String(html);
    return new FakeHtmlOutput(this.ctx, content) as unknown as GoogleAppsScript.HTML.HtmlOutput;
  }

  /**
   * Reads `<ctx.htmlDir>/<filename>.html`. As in Apps Script the name has no extension: "Sidebar"
   * reads Sidebar.html, and "Sidebar.html" would look for Sidebar.html.html [NOFILE].
   */
  createHtmlOutputFromFile(filename: string): GoogleAppsScript.HTML.HtmlOutput {
    this.ctx.ledger.record('HtmlService.createHtmlOutputFromFile');
    const file = path.join(this.ctx.htmlDir, `${filename}.html`);
    let content: string;
    try {
      content = fs.readFileSync(file, 'utf8');
    } catch {
      throw appsScriptError(noHtmlFile(filename));
    }
    return new FakeHtmlOutput(this.ctx, content) as unknown as GoogleAppsScript.HTML.HtmlOutput;
  }
}
