import { EVENT_TYPES } from '@exchange/contracts';
import { handleEveryType, mergeConsumers } from './consumer-tables';

describe('consumer tables', () => {
  it('hands every event type to the one function', () => {
    const handle = async () => undefined;
    const handlers = handleEveryType(handle);
    expect(Object.keys(handlers).sort()).toEqual([...EVENT_TYPES].sort());
    expect(Object.values(handlers).every((h) => h === handle)).toBe(true);
  });

  it('merges per-topic consumers into one group and refuses a type handled twice', async () => {
    const a = { topics: ['t.a'], handlers: { 'pilot.completed': async () => undefined } };
    const b = { topics: ['t.b', 't.a'], handlers: { 'cohort.graduated': async () => undefined } };
    expect(mergeConsumers(a, b)).toEqual({ topics: ['t.a', 't.b'], handlers: { ...a.handlers, ...b.handlers } });
    expect(() => mergeConsumers(a, a)).toThrow('two consumers handle pilot.completed');
  });
});
