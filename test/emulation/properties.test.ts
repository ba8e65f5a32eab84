import { createContext } from '../../src/local/emulation/context';
import {
  FakePropertiesService,
  MAX_STORE_BYTES,
  MAX_VALUE_BYTES,
  STORE_FULL,
  VALUE_TOO_LARGE,
} from '../../src/local/emulation/properties';

function setup(saved?: Record<string, string>) {
  const ctx = createContext();
  return { ctx, service: new FakePropertiesService(ctx, saved) };
}

describe('FakePropertiesService', () => {
  it('returns null for an absent key and the stored string otherwise', () => {
    const { service } = setup();
    const props = service.getDocumentProperties();
    expect(props.getProperty('missing')).toBeNull();
    props.setProperty('cycle', '3');
    expect(props.getProperty('cycle')).toBe('3');
  });

  it('keeps the document store across calls (one store, many handles)', () => {
    const { service } = setup();
    service.getDocumentProperties().setProperty('a', '1');
    expect(service.getDocumentProperties().getProperty('a')).toBe('1');
  });

  it('keeps script and user stores separate from the document store and out of the snapshot', () => {
    const { service } = setup();
    service.getScriptProperties().setProperty('k', 'script');
    service.getUserProperties().setProperty('k', 'user');
    service.getDocumentProperties().setProperty('k', 'doc');
    expect(service.getScriptProperties().getProperty('k')).toBe('script');
    expect(service.getUserProperties().getProperty('k')).toBe('user');
    expect(service.getDocumentProperties().getProperty('k')).toBe('doc');
    expect(service.toJSON()).toEqual({ k: 'doc' });
  });

  it('restores the document store from a snapshot and saves it with sorted keys', () => {
    const { service } = setup({ b: '2', a: '1' });
    expect(service.getDocumentProperties().getProperty('b')).toBe('2');
    expect(Object.keys(service.toJSON())).toEqual(['a', 'b']);
  });

  it('stores strings only: other values are converted with String()', () => {
    const { service } = setup();
    const props = service.getDocumentProperties();
    props.setProperty('n', 42 as unknown as string);
    props.setProperty('b', true as unknown as string);
    props.setProperty('o', { a: 1 } as unknown as string);
    props.setProperties({ arr: [1, 2] as unknown as string });
    expect(props.getProperty('n')).toBe('42');
    expect(props.getProperty('b')).toBe('true');
    expect(props.getProperty('o')).toBe('[object Object]');
    expect(props.getProperty('arr')).toBe('1,2');
  });

  it('returns a copy from getProperties', () => {
    const { service } = setup();
    const props = service.getDocumentProperties();
    props.setProperty('a', '1');
    const copy = props.getProperties();
    copy.a = 'changed';
    copy.b = 'new';
    expect(props.getProperty('a')).toBe('1');
    expect(props.getProperty('b')).toBeNull();
  });

  it('sets several, optionally deleting all others; lists keys; deletes one or all', () => {
    const { service } = setup();
    const props = service.getDocumentProperties();
    props.setProperties({ a: '1', b: '2' });
    expect(props.getKeys().sort()).toEqual(['a', 'b']);
    props.setProperties({ c: '3' }, true);
    expect(props.getProperties()).toEqual({ c: '3' });
    props.setProperties({ d: '4' }, false);
    props.deleteProperty('c');
    expect(props.getProperties()).toEqual({ d: '4' });
    props.deleteAllProperties();
    expect(props.getKeys()).toEqual([]);
  });

  it('chains: setters return the store', () => {
    const { service } = setup();
    const props = service.getDocumentProperties();
    expect(props.setProperty('a', '1').setProperty('b', '2').deleteProperty('a').getKeys()).toEqual(['b']);
  });

  it('accepts a value of exactly 9 KB and rejects one byte more ("Argument too large: value")', () => {
    const { service } = setup();
    const props = service.getDocumentProperties();
    expect(() => props.setProperty('ok', 'x'.repeat(MAX_VALUE_BYTES))).not.toThrow();
    expect(() => props.setProperty('big', 'x'.repeat(MAX_VALUE_BYTES + 1))).toThrow(VALUE_TOO_LARGE);
    expect(props.getProperty('big')).toBeNull();
  });

  it('counts the value limit in UTF-8 bytes, not characters', () => {
    const { service } = setup();
    const props = service.getDocumentProperties();
    const euro = '€'; // 3 bytes in UTF-8
    expect(() => props.setProperty('e', euro.repeat(Math.floor(MAX_VALUE_BYTES / 3) + 1))).toThrow(VALUE_TOO_LARGE);
  });

  it('throws the storage-quota error past 500 KB per store, counting keys and values, and writes nothing', () => {
    const { service } = setup();
    const props = service.getDocumentProperties();
    const value = 'v'.repeat(8000);
    let stored = 0;
    for (let i = 0; stored + 8000 + 10 <= MAX_STORE_BYTES; i++) {
      const key = `k${String(i).padStart(9, '0')}`; // 10 bytes
      props.setProperty(key, value);
      stored += 8000 + key.length;
    }
    const before = props.getKeys().length;
    const e = (() => {
      try {
        props.setProperty('one-more', value);
      } catch (err) {
        return err as Error;
      }
      throw new Error('expected a throw');
    })();
    expect(e.message).toBe(STORE_FULL);
    expect(e.name).toBe('Exception');
    expect(props.getKeys().length).toBe(before);
    // The script store has its own 500 KB.
    expect(() => service.getScriptProperties().setProperty('one-more', value)).not.toThrow();
  });

  it('checks setProperties as one batch: a failure writes none of it', () => {
    const { service } = setup();
    const props = service.getDocumentProperties();
    expect(() => props.setProperties({ a: '1', b: 'x'.repeat(MAX_VALUE_BYTES + 1) })).toThrow(VALUE_TOO_LARGE);
    expect(props.getKeys()).toEqual([]);
  });

  it('records one ledger call per service call, none for toJSON', () => {
    const { ctx, service } = setup();
    const props = service.getDocumentProperties();
    props.setProperty('a', '1');
    props.getProperty('a');
    props.getProperties();
    service.toJSON();
    expect(ctx.ledger.snapshot()).toEqual({
      'Properties.getProperties': 1,
      'Properties.getProperty': 1,
      'Properties.setProperty': 1,
      'PropertiesService.getDocumentProperties': 1,
    });
  });
});
