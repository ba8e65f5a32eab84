// The check every Calendar event resource we build must pass: a JSON Schema derived from
// @googleapis/calendar's `calendar_v3.Schema$Event` (the TypeScript declaration generated from
// Google's discovery document), with `additionalProperties: false` on every object so an unknown
// or misspelt field fails, checked with ajv; plus core's `checkEventRules` for what a schema cannot
// state (a recurrence needs a time zone, COUNT and UNTIL exclude each other, …).
//
// The schema is generated once per process with ts-json-schema-generator (about 3 s) and cached on
// disk under node_modules/.cache (os.tmpdir() when that is not writable), keyed by the versions of
// @googleapis/calendar and the generator and a hash of the declaration file, so later runs read it
// in milliseconds.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { checkEventRules } from '../../src/core/calendar-event';

const ROOT = join(__dirname, '..', '..');
export const DECLARATION = join(ROOT, 'node_modules', '@googleapis', 'calendar', 'build', 'v3.d.ts');
export const EVENT_TYPE = 'calendar_v3.Schema$Event';
/** Bump when the way the schema is made changes, so old caches are not used. */
const RECIPE = 2;

type Schema = Record<string, unknown>;

function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

/** The schema as ts-json-schema-generator makes it from the declaration, tightened (no cache). */
export function generateEventSchema(): Schema {
  // Required lazily: loading the generator (and TypeScript) costs time that a cache hit saves.
  const { createGenerator } = require('ts-json-schema-generator') as typeof import('ts-json-schema-generator');
  const generator = createGenerator({
    path: DECLARATION,
    type: EVENT_TYPE,
    // The declaration imports googleapis-common; its types are not needed for Schema$Event, and
    // type-checking the whole graph triples the time.
    skipTypeCheck: true,
    additionalProperties: false,
    expose: 'all',
    topRef: true,
    jsDoc: 'none',
  });
  return closeObjects(generator.createSchema(EVENT_TYPE) as Schema);
}

/**
 * Sets `additionalProperties: false` on every object schema with named properties that does not
 * already say what extra properties may be (maps such as extendedProperties.private keep their
 * `additionalProperties: {type: string}`). The generator already does it with the option above;
 * this makes the rule hold whatever a future generator version does.
 */
export function closeObjects<T>(node: T): T {
  if (Array.isArray(node)) {
    node.forEach(closeObjects);
  } else if (typeof node === 'object' && node !== null) {
    const obj = node as Record<string, unknown>;
    if (obj.properties !== undefined && obj.additionalProperties === undefined) obj.additionalProperties = false;
    for (const value of Object.values(obj)) closeObjects(value);
  }
  return node;
}

function cacheKey(): string {
  const hash = createHash('sha256').update(readFileSync(DECLARATION)).digest('hex').slice(0, 16);
  return `calendar-event-schema-${packageVersion('@googleapis/calendar')}-tjsg${packageVersion('ts-json-schema-generator')}-r${RECIPE}-${hash}.json`;
}

function cacheDirs(): string[] {
  return [join(ROOT, 'node_modules', '.cache', 'peer-coaching'), join(tmpdir(), 'peer-coaching-cache')];
}

let cached: Schema | null = null;
/** Where the schema came from in this process (for the timing note in the test). */
export let schemaSource: 'memory' | 'disk' | 'generated' | null = null;

/** The Schema$Event JSON Schema: from memory, else the disk cache, else generated and cached. */
export function eventSchema(): Schema {
  if (cached) {
    schemaSource = 'memory';
    return cached;
  }
  const name = cacheKey();
  for (const dir of cacheDirs()) {
    try {
      cached = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Schema;
      schemaSource = 'disk';
      return cached;
    } catch {
      // not cached there
    }
  }
  cached = generateEventSchema();
  schemaSource = 'generated';
  const text = JSON.stringify(cached, null, 1);
  for (const dir of cacheDirs()) {
    try {
      mkdirSync(dir, { recursive: true });
      const file = join(dir, name);
      const temp = `${file}.${process.pid}.tmp`; // jest workers may write at once: rename is atomic
      writeFileSync(temp, text);
      renameSync(temp, file);
      break;
    } catch {
      // try the next place; without a cache the next run generates again
    }
  }
  return cached;
}

let validator: ValidateFunction | null = null;

function validate(): ValidateFunction {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    validator = ajv.compile(eventSchema());
  }
  return validator;
}

function wording(e: ErrorObject): string {
  const at = e.instancePath === '' ? '(event)' : e.instancePath;
  if (e.keyword === 'additionalProperties') return `${at}: unknown field "${String((e.params as { additionalProperty: string }).additionalProperty)}"`;
  return `${at}: ${e.message ?? e.keyword}`;
}

/** What the JSON Schema alone finds wrong with `resource` (unknown fields, wrong types). */
export function jsonSchemaErrors(resource: unknown): string[] {
  const check = validate();
  if (check(resource)) return [];
  return [...new Set((check.errors ?? []).map(wording))];
}

/** Everything wrong with `resource`: the schema's errors, then core's `checkEventRules`. */
export function eventSchemaErrors(resource: unknown): string[] {
  return [...jsonSchemaErrors(resource), ...checkEventRules(resource)];
}

