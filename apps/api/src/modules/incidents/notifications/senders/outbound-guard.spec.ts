import { blockedReason, OutboundGuard, UnsafeTargetError } from './outbound-guard';

describe('outbound guard', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1 is a loopback address'],
    ['127.255.0.9', '127.255.0.9 is a loopback address'],
    ['10.0.0.1', '10.0.0.1 is a private address'],
    ['172.16.0.1', '172.16.0.1 is a private address'],
    ['172.31.255.255', '172.31.255.255 is a private address'],
    ['192.168.1.1', '192.168.1.1 is a private address'],
    ['169.254.169.254', '169.254.169.254 is a cloud metadata address'],
    ['169.254.1.1', '169.254.1.1 is a link-local address'],
    ['100.100.100.200', '100.100.100.200 is a cloud metadata address'],
    ['100.64.0.1', '100.64.0.1 is a shared (carrier-grade NAT) address'],
    ['0.0.0.0', '0.0.0.0 is a reserved address'],
    ['224.0.0.1', '224.0.0.1 is a multicast address'],
    ['255.255.255.255', '255.255.255.255 is a reserved address'],
    ['::1', '::1 is a loopback address'],
    ['::', ':: is an unspecified address'],
    ['fe80::1', 'fe80::1 is a link-local address'],
    ['fd12:3456::1', 'fd12:3456::1 is a private (unique local) address'],
    ['fd00:ec2::254', 'fd00:ec2::254 is a cloud metadata address'],
    ['::ffff:127.0.0.1', '127.0.0.1 is a loopback address'],
    ['::ffff:a9fe:a9fe', '169.254.169.254 is a cloud metadata address'],
    ['64:ff9b::a00:1', '64:ff9b::a00:1 is a NAT64 address'],
  ])('refuses %s', (address, reason) => {
    expect(blockedReason(address)).toBe(reason);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '192.169.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])(
    'allows the public address %s',
    (address) => {
      expect(blockedReason(address)).toBeNull();
    },
  );

  it('lets an Admin allow host names, addresses and ranges', async () => {
    const g = new OutboundGuard(['127.0.0.1', '10.1.0.0/16', 'hooks.internal', 'fd00::/8']);
    expect(() => g.assertAddress('127.0.0.1', '127.0.0.1')).not.toThrow();
    expect(() => g.assertAddress('x', '10.1.200.3')).not.toThrow();
    expect(() => g.assertAddress('x', 'fd00::5')).not.toThrow();
    expect(() => g.assertAddress('hooks.internal', '10.9.9.9')).not.toThrow();
    expect(() => g.assertAddress('HOOKS.INTERNAL.', '10.9.9.9')).not.toThrow();
    expect(() => g.assertAddress('x', '10.2.0.1')).toThrow(
      'Refused to contact x: 10.2.0.1 is a private address (an Admin can allow it with NOTIFY_ALLOWED_HOSTS)',
    );
    expect(() => g.assertAddress('x', '127.0.0.2')).toThrow(UnsafeTargetError);
    await expect(g.resolve('127.0.0.1')).resolves.toEqual([{ address: '127.0.0.1', family: 4 }]);
    await expect(g.resolve('[::1]')).rejects.toThrow('::1 is a loopback address');
  });

  it('accepts only http and https URLs with a host', () => {
    const g = new OutboundGuard([]);
    expect(g.parseUrl('https://example.com/x?y=1').hostname).toBe('example.com');
    expect(() => g.parseUrl('gopher://example.com')).toThrow(
      'Only http and https URLs are allowed (got gopher)',
    );
    expect(() => g.parseUrl('data:text/plain,hi')).toThrow('Only http and https URLs are allowed (got data)');
    expect(() => g.parseUrl('//example.com')).toThrow('is not a valid URL');
  });

  it('vets the addresses a lookup returns when the socket connects', async () => {
    const g = new OutboundGuard([]);
    const lookup = g.lookupFor('localhost');
    const err = await new Promise<unknown>((resolve) =>
      (lookup as unknown as (h: string, o: object, cb: (e: unknown) => void) => void)(
        'localhost',
        { all: true },
        resolve,
      ),
    );
    expect(err).toBeInstanceOf(UnsafeTargetError);
    expect(String(err)).toContain('Refused to contact localhost');
  });
});
