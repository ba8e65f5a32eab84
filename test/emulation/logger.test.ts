import { createContext } from '../../src/local/emulation/context';
import { FakeConsole, FakeLogger } from '../../src/local/emulation/logger';

describe('FakeLogger', () => {
  it('replaces each %s with the next value, converted to a string', () => {
    const ctx = createContext();
    const logger = new FakeLogger(ctx);
    logger.log('Paired %s with %s (%s pairs)', 'Ana', 'Bo', 3);
    expect(logger.getLog()).toBe('Paired Ana with Bo (3 pairs)');
    expect(ctx.logs).toEqual(['[Logger] Paired Ana with Bo (3 pairs)']);
  });

  it('logs a single value, objects as JSON and dates as ISO (independent of the machine zone)', () => {
    const logger = new FakeLogger(createContext());
    logger.log({ a: 1 }).log(new Date('2027-03-14T07:00:00Z')).log(null);
    expect(logger.getLog()).toBe('{"a":1}\n2027-03-14T07:00:00.000Z\nnull');
  });

  it('leaves a %s without a value as it is', () => {
    const logger = new FakeLogger(createContext());
    logger.log('%s and %s', 'one');
    expect(logger.getLog()).toBe('one and %s');
  });

  it('clear empties getLog but keeps the transcript', () => {
    const ctx = createContext();
    const logger = new FakeLogger(ctx);
    logger.log('x');
    logger.clear();
    expect(logger.getLog()).toBe('');
    expect(ctx.logs).toEqual(['[Logger] x']);
  });

  it('records Logger calls', () => {
    const ctx = createContext();
    const logger = new FakeLogger(ctx);
    logger.log('a');
    logger.getLog();
    expect(ctx.ledger.snapshot()).toEqual({ 'Logger.getLog': 1, 'Logger.log': 1 });
  });
});

describe('FakeConsole', () => {
  it('appends each level with its prefix and printf-style substitution', () => {
    const ctx = createContext();
    const c = new FakeConsole(ctx);
    c.log('n=%d', 2);
    c.info('info', { a: 1 });
    c.warn('careful');
    c.error('bad: %s', 'thing');
    expect(ctx.logs).toEqual(['[log] n=2', "[info] info { a: 1 }", '[warn] careful', '[error] bad: thing']);
  });

  it('records console calls as console.<level>', () => {
    const ctx = createContext();
    const c = new FakeConsole(ctx);
    c.log('a');
    c.error('b');
    c.error('c');
    expect(ctx.ledger.snapshot()).toEqual({ 'console.error': 2, 'console.log': 1 });
  });
});
