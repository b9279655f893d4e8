import { describe, expect, it } from 'vitest';
import { divisionPath } from '../src/components/useDivisions.js';

// The cascader's path to a region code, as GB/T 2260 nests them.
describe('a region code as a cascader path', () => {
  it('goes province → city → district, reading zero-padded codes as the division they pad', () => {
    expect(divisionPath('440305')).toEqual(['44', '4403', '440305']);
    expect(divisionPath('4403')).toEqual(['44', '4403']);
    expect(divisionPath('440300')).toEqual(['44', '4403']);
    expect(divisionPath('440000')).toEqual(['44']);
    expect(divisionPath('31')).toEqual(['31']);
  });

  it('is empty for anything that is not a code', () => {
    expect(divisionPath('南山')).toEqual([]);
    expect(divisionPath('44030')).toEqual([]);
    expect(divisionPath('')).toEqual([]);
  });
});
