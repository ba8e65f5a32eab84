// The house rules, checked on the source: core/ is pure, only gas/ touches Apps Script services,
// nothing that goes into Code.js imports Node-only code.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}
const code = (path: string) => readFileSync(path, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');

const SERVICES =
  /\b(SpreadsheetApp|PropertiesService|LockService|HtmlService|ScriptApp|Session|Utilities|Logger|CalendarApp|Calendar|FormApp|MailApp|UrlFetchApp|CacheService)\s*\./;

describe('rooms', () => {
  it.each(files('src/core'))('%s uses no Apps Script service, clock or randomness', (path) => {
    const text = code(path);
    expect(text).not.toMatch(SERVICES);
    expect(text).not.toMatch(/\bnew Date\(\s*\)|Date\.now\(|Math\.random\(/);
    expect(text).not.toMatch(/from '\.\.\/(gas|app|local|sidebar)\//);
  });

  it.each(files('src/app'))('%s reaches Apps Script only through gas/', (path) => {
    expect(code(path)).not.toMatch(SERVICES);
  });

  it.each([...files('src/core'), ...files('src/gas'), ...files('src/app'), ...files('src/shared'), 'src/server.ts'])(
    '%s imports nothing Node-only or browser-only',
    (path) => {
      expect(code(path)).not.toMatch(/from '(node:|fs|path|http)|from '\.\.\/(local|sidebar)\/|from '\.\/(local|sidebar)\//);
    },
  );

  it('server.ts only lists entry points', () => {
    const lines = code('src/server.ts').split('\n').map((l) => l.trim()).filter(Boolean);
    for (const line of lines) expect(line).toMatch(/^export \{[^}]+\} from '\.\/[\w/-]+';$/);
  });

  it.each(files('src/sidebar'))('%s never imports server code', (path) => {
    expect(code(path)).not.toMatch(/from '\.\.\/(gas|app|core|local)\/|from '\.\.\/server'/);
  });
});
