import { InjectedFault, Ledger } from '../../src/local/emulation/ledger';

describe('Ledger', () => {
  it('counts calls by kind, by prefix and in total', () => {
    const ledger = new Ledger();
    ['Range.getValues', 'Range.setValues', 'Range.getValues', 'Sheet.getRange'].forEach((k) => ledger.record(k));
    expect(ledger.count('Range.getValues')).toBe(2);
    expect(ledger.count('Range.*')).toBe(3);
    expect(ledger.count('Nothing.here')).toBe(0);
    expect(ledger.count()).toBe(4);
    expect(ledger.snapshot()).toEqual({ 'Range.getValues': 2, 'Range.setValues': 1, 'Sheet.getRange': 1 });
    expect(Object.keys(ledger.snapshot())).toEqual(['Range.getValues', 'Range.setValues', 'Sheet.getRange']);
  });

  it('makes the k-th call from now throw, once', () => {
    const ledger = new Ledger();
    ledger.record('A.a');
    ledger.failAt(2);
    expect(() => ledger.record('A.b')).not.toThrow();
    expect(() => ledger.record('A.c')).toThrow(InjectedFault);
    expect(() => ledger.record('A.d')).not.toThrow();
  });

  it('names the failing call in the injected error', () => {
    const ledger = new Ledger();
    ledger.record('A.a');
    ledger.failAt(1);
    expect(() => ledger.record('Range.setValues')).toThrow('Injected fault at call 2 (any)');
  });

  it('counts only the given kind when asked, and throws a supplied error', () => {
    const ledger = new Ledger();
    ledger.failAt(2, { kind: 'Range.setValues', error: new Error('Service unavailable') });
    ledger.record('Range.setValues');
    ledger.record('Range.getValues');
    ledger.record('Range.getValues');
    expect(() => ledger.record('Range.setValues')).toThrow('Service unavailable');
  });

  it('still counts a call that failed, and forgets faults on clearFaults', () => {
    const ledger = new Ledger();
    ledger.failAt(1);
    expect(() => ledger.record('A.a')).toThrow();
    expect(ledger.count('A.a')).toBe(1);
    ledger.failAt(1);
    ledger.clearFaults();
    expect(() => ledger.record('A.a')).not.toThrow();
  });

  it('keeps armed faults across reset', () => {
    const ledger = new Ledger();
    ledger.failAt(2);
    ledger.record('A.a');
    ledger.reset();
    expect(ledger.count()).toBe(0);
    expect(() => ledger.record('A.b')).toThrow(InjectedFault);
  });

  it('rejects k below 1', () => {
    expect(() => new Ledger().failAt(0)).toThrow(RangeError);
  });

  it('refuses calls outside a restriction, with the reason, and lifts it', () => {
    const ledger = new Ledger();
    ledger.restrict((k) => k.startsWith('Menu.'), 'Menu only.');
    expect(() => ledger.record('Menu.addItem')).not.toThrow();
    expect(() => ledger.record('PropertiesService.getDocumentProperties')).toThrow(
      'You do not have permission to call PropertiesService.getDocumentProperties. Menu only.',
    );
    expect(ledger.count()).toBe(1);
    ledger.restrict(null);
    expect(() => ledger.record('PropertiesService.getDocumentProperties')).not.toThrow();
  });

  it('records, checks and faults nothing inside untracked, and resumes after it', () => {
    const ledger = new Ledger();
    ledger.failAt(1);
    ledger.restrict(() => false);
    expect(ledger.untracked(() => {
      ledger.record('Range.setValues');
      return 'done';
    })).toBe('done');
    expect(ledger.count()).toBe(0);
    ledger.restrict(null);
    expect(() => ledger.record('Range.setValues')).toThrow(InjectedFault);
  });
});
