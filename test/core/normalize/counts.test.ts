import { describe, expect, it } from 'vitest';
import { parseCount } from '../../../src/core/normalize/counts.js';

describe('parseCount', () => {
  it.each([
    ['', 0],
    ['   ', 0],
    ['0', 0],
    ['7', 7],
    [' 42 ', 42],
    ['007', 7],
    ['+5', 5],
    ['1,234', 1234],
    ['1,234,567', 1234567],
    ['1 234', 1234],
    ['1\u00a0234', 1234],
    ['12.0', 12],
    ['12.00', 12],
    ['1,234.0', 1234],
    ['-0', 0],
    ['-', 0],
    ['N/A', 0],
    ['null', 0],
    ['none', 0],
    ['2147483647', 2147483647],
  ])('%j -> %j', (raw, expected) => {
    expect(parseCount(raw)).toEqual({ value: expected, problem: null });
  });

  it.each([
    ['-3', 'negative'],
    ['-1,000', 'negative'],
    ['-2.5', 'negative'],
    ['2.5', 'fractional'],
    ['0.1', 'fractional'],
    ['1.234', 'fractional'],
    ['abc', 'not_a_number'],
    ['12 opens', 'not_a_number'],
    ['1e3', 'not_a_number'],
    ['1,23', 'not_a_number'],
    ['12,34,567', 'not_a_number'],
    ['0x10', 'not_a_number'],
    ['five', 'not_a_number'],
    ['2147483648', 'too_large'],
    ['99999999999999999999', 'too_large'],
    ['3,000,000,000', 'too_large'],
  ])('%j is a problem: %s', (raw, problem) => {
    expect(parseCount(raw)).toEqual({ value: null, problem });
  });
});
