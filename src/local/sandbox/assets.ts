// The sandbox's browser code, bundled in memory at start (never into build/, which is what clasp
// pushes): the host page, the sidebar bridge, the calendar and form pages; and how the bridge is put
// into the add-on's sidebar HTML. Node only.
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';

const CLIENT_DIR = path.join(__dirname, 'client');

export interface ClientAssets {
  hostHtml: string;
  hostJs: string;
  hostCss: string;
  bridgeJs: string;
  /** The calendar view and the form page (pages.ts), with their shared styles. */
  calendarHtml: string;
  calendarJs: string;
  formHtml: string;
  formJs: string;
  pagesCss: string;
}

/** Bundles the browser code in memory (never into build/, which is what clasp pushes). */
export async function bundleClient(): Promise<ClientAssets> {
  const bundle = async (entry: string): Promise<string> => {
    const result = await esbuild.build({
      entryPoints: [path.join(CLIENT_DIR, entry)],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2020',
      charset: 'utf8',
      legalComments: 'none',
      write: false,
      logLevel: 'silent',
    });
    return result.outputFiles[0].text;
  };
  const [hostJs, bridgeJs, calendarJs, formJs] = await Promise.all([bundle('host.mts'), bundle('bridge.mts'), bundle('calendar.mts'), bundle('form.mts')]);
  // The bridge is inlined in a <script> element: it must not be able to end it early.
  if (/<\/script|<!--/i.test(bridgeJs)) throw new Error('The sidebar bridge bundle contains "</script" or "<!--"');
  return {
    hostHtml: readFileSync(path.join(CLIENT_DIR, 'index.html'), 'utf8'),
    hostCss: readFileSync(path.join(CLIENT_DIR, 'host.css'), 'utf8'),
    hostJs,
    bridgeJs,
    calendarHtml: readFileSync(path.join(CLIENT_DIR, 'calendar.html'), 'utf8'),
    calendarJs,
    formHtml: readFileSync(path.join(CLIENT_DIR, 'form.html'), 'utf8'),
    formJs,
    pagesCss: readFileSync(path.join(CLIENT_DIR, 'pages.css'), 'utf8'),
  };
}

/** JSON for an inline <script>: no "</script>", no "<!--". */
export function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Inserts `script` as the first child of <head> (or at the very start when there is none). */
export function injectIntoHead(html: string, script: string): string {
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + script + html.slice(head.index + head[0].length);
  const htmlTag = /<html(\s[^>]*)?>/i.exec(html);
  if (htmlTag) {
    const at = htmlTag.index + htmlTag[0].length;
    return `${html.slice(0, at)}<head>${script}</head>${html.slice(at)}`;
  }
  return script + html;
}

