import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createContext } from '../../src/local/emulation/context';
import { DEFAULT_HEIGHT, DEFAULT_WIDTH, FakeHtmlOutput, FakeHtmlService, isFakeHtmlOutput } from '../../src/local/emulation/html';

const htmlDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pcr-html-'));
fs.writeFileSync(path.join(htmlDir, 'Sidebar.html'), '<p>Hello</p>');
afterAll(() => fs.rmSync(htmlDir, { recursive: true, force: true }));

function setup() {
  const ctx = createContext({ htmlDir });
  return { ctx, html: new FakeHtmlService(ctx) };
}

describe('FakeHtmlService', () => {
  it('reads <htmlDir>/<name>.html', () => {
    const { html } = setup();
    expect(html.createHtmlOutputFromFile('Sidebar').getContent()).toBe('<p>Hello</p>');
  });

  it('throws Apps Script\'s error for a missing file', () => {
    const { html } = setup();
    expect(() => html.createHtmlOutputFromFile('Nope')).toThrow('No HTML file named Nope was found.');
  });

  it('takes the name without extension, as Apps Script does ("Sidebar.html" is not found)', () => {
    const { html } = setup();
    expect(() => html.createHtmlOutputFromFile('Sidebar.html')).toThrow('No HTML file named Sidebar.html was found.');
  });

  it('creates outputs from a string, from nothing, or from a blob source', () => {
    const { html } = setup();
    expect(html.createHtmlOutput('<b>x</b>').getContent()).toBe('<b>x</b>');
    expect(html.createHtmlOutput().getContent()).toBe('');
    const blobSource = { getBlob: () => ({ getDataAsString: () => '<i>blob</i>' }) } as unknown as GoogleAppsScript.Base.BlobSource;
    expect(html.createHtmlOutput(blobSource).getContent()).toBe('<i>blob</i>');
  });

  it('exposes the SandboxMode and XFrameOptionsMode enums', () => {
    const { html } = setup();
    expect(String(html.SandboxMode.IFRAME)).toBe('IFRAME');
    expect(String(html.XFrameOptionsMode.ALLOWALL)).toBe('ALLOWALL');
  });
});

describe('FakeHtmlOutput', () => {
  it('chains setters; title defaults to empty, size to 600×450', () => {
    const { html } = setup();
    const out = html.createHtmlOutput('<p>a</p>');
    expect(out.getTitle()).toBe('');
    expect(out.getWidth()).toBe(DEFAULT_WIDTH);
    expect(out.getHeight()).toBe(DEFAULT_HEIGHT);
    const same = out
      .setTitle('Peer coaching')
      .append('<p>b</p>')
      .setWidth(300)
      .setHeight(200)
      .setSandboxMode(html.SandboxMode.IFRAME)
      .setXFrameOptionsMode(html.XFrameOptionsMode.DEFAULT)
      .setFaviconUrl('https://example.com/i.png')
      .addMetaTag('viewport', 'width=device-width');
    expect(same).toBe(out);
    expect(out.getContent()).toBe('<p>a</p><p>b</p>');
    expect(out.getTitle()).toBe('Peer coaching');
    expect([out.getWidth(), out.getHeight()]).toEqual([300, 200]);
    out.setContent('<p>c</p>');
    expect(out.getContent()).toBe('<p>c</p>');
  });

  it('refuses meta tags Apps Script does not allow', () => {
    const { html } = setup();
    expect(() => html.createHtmlOutput('').addMetaTag('description', 'x')).toThrow(/description/);
  });

  it('peek() shows title, content and only the sizes that were set, without recording', () => {
    const { ctx, html } = setup();
    const out = html.createHtmlOutput('<p>a</p>').setTitle('T');
    expect(isFakeHtmlOutput(out)).toBe(true);
    const fake = out as unknown as FakeHtmlOutput;
    const before = ctx.ledger.count();
    expect(fake.peek()).toEqual({ title: 'T', content: '<p>a</p>' });
    out.setWidth(250);
    expect(fake.peek()).toEqual({ title: 'T', content: '<p>a</p>', width: 250 });
    expect(ctx.ledger.count()).toBe(before + 1); // only setWidth
  });

  it('records one call per method', () => {
    const { ctx, html } = setup();
    html.createHtmlOutputFromFile('Sidebar').setTitle('x');
    expect(ctx.ledger.snapshot()).toEqual({ 'HtmlOutput.setTitle': 1, 'HtmlService.createHtmlOutputFromFile': 1 });
  });
});
