import { describe, expect, it } from 'vitest';
import { dependencyOrder } from './atb-tables.js';

describe('dependencyOrder', () => {
  it('puts every table after the tables its foreign keys point at, ties by name', () => {
    const order = dependencyOrder(
      ['fills', 'orders', 'accounts', 'bars', 'positions'],
      [
        ['orders', 'fills'],
        ['accounts', 'orders'],
        ['accounts', 'positions'],
      ],
    );
    expect(order).toEqual(['accounts', 'bars', 'orders', 'fills', 'positions']);
  });

  it('still lists every table when foreign keys form a cycle', () => {
    expect(dependencyOrder(['a', 'b', 'c'], [['a', 'b'], ['b', 'a']]).sort()).toEqual(['a', 'b', 'c']);
  });
});
