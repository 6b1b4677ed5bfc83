import { describe, expect, it } from 'vitest';
import { clientAddressFrom, normalizeAddress, UNKNOWN_CLIENT } from '@/lib/auth/client-address';

describe('clientAddressFrom', () => {
  it('takes the rightmost entry when served directly or behind one proxy', () => {
    expect(clientAddressFrom('203.0.113.7', 0)).toBe('203.0.113.7');
    // One proxy appended the peer it saw after whatever the client sent.
    expect(clientAddressFrom('1.2.3.4, 203.0.113.7', 1)).toBe('203.0.113.7');
    expect(clientAddressFrom('1.2.3.4,203.0.113.7', 0)).toBe('203.0.113.7');
  });

  it('counts trusted proxies from the right, and never reads past the left end', () => {
    expect(clientAddressFrom('9.9.9.9, 203.0.113.7, 10.0.0.2', 2)).toBe('203.0.113.7');
    expect(clientAddressFrom('203.0.113.7', 3)).toBe('203.0.113.7');
  });

  it('gives one shared "unknown" bucket when there is no usable address', () => {
    expect(clientAddressFrom(undefined, 0)).toBe(UNKNOWN_CLIENT);
    expect(clientAddressFrom('', 0)).toBe(UNKNOWN_CLIENT);
    expect(clientAddressFrom(' , ', 0)).toBe(UNKNOWN_CLIENT);
    expect(clientAddressFrom('not-an-address', 0)).toBe(UNKNOWN_CLIENT);
    expect(clientAddressFrom('x'.repeat(500), 0)).toBe(UNKNOWN_CLIENT);
  });
});

describe('normalizeAddress', () => {
  it('strips ports, brackets and the IPv4-mapped prefix', () => {
    expect(normalizeAddress('203.0.113.7:5123')).toBe('203.0.113.7');
    expect(normalizeAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(normalizeAddress('[2001:db8::1]:443')).toBe('2001:db8:0:0::/64');
  });

  it('keys IPv6 by its /64, however it is written', () => {
    expect(normalizeAddress('2001:DB8:0:0:1:2:3:4')).toBe('2001:db8:0:0::/64');
    expect(normalizeAddress('2001:db8::ffff:1')).toBe('2001:db8:0:0::/64');
    expect(normalizeAddress('2001:db8:0:1::1')).toBe('2001:db8:0:1::/64');
    expect(normalizeAddress('::1')).toBe('0:0:0:0::/64');
  });
});
