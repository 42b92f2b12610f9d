import { decodeSections, encodeSections } from '../../src/util/sections';

const arrays = () => ({
  bytes: Buffer.from('héllo', 'utf8'),
  ints: Uint32Array.from([1, 2, 0xffffffff]),
  odd: Uint8Array.from([7]),
  floats: Float64Array.from([Math.PI, -0.5]),
  shorts: Uint16Array.from([65535]),
});

describe('typed-array files', () => {
  it('read back the header and every array, as views on the one buffer', () => {
    // A buffer of its own (a file read), not a slice of Node's shared pool.
    const data = new Uint8Array(Buffer.concat(encodeSections({ kind: 'test', n: 3 }, arrays())));
    const decoded = decodeSections<{ kind: string; n: number }>(data);
    expect(decoded.header).toEqual({ kind: 'test', n: 3 });
    expect(Buffer.from(decoded.get('bytes', Uint8Array)).toString()).toBe('héllo');
    expect([...decoded.get('ints', Uint32Array)]).toEqual([1, 2, 0xffffffff]);
    expect([...decoded.get('floats', Float64Array)]).toEqual([Math.PI, -0.5]);
    expect([...decoded.get('shorts', Uint16Array)]).toEqual([65535]);
    expect(decoded.get('ints', Uint32Array).buffer).toBe(data.buffer);
    expect(() => decoded.get('ints', Float64Array)).toThrow(/not a Float64Array/);
    expect(() => decoded.any('missing')).toThrow(/no section missing/);
  });

  it('survive being read at an odd offset (a wrapper prefixing bytes) by copying only what is misaligned', () => {
    const data = Buffer.concat([Buffer.from('X'), ...encodeSections({}, arrays())]);
    const decoded = decodeSections(data.subarray(1));
    expect([...decoded.get('floats', Float64Array)]).toEqual([Math.PI, -0.5]);
    expect([...decoded.get('ints', Uint32Array)]).toEqual([1, 2, 0xffffffff]);
  });

  it('refuse a truncated file or one without a header', () => {
    const data = Buffer.concat(encodeSections({}, arrays()));
    expect(() => decodeSections(data.subarray(0, data.length - 4))).toThrow(/truncated/);
    expect(() => decodeSections(Buffer.from('no newline'))).toThrow(/no header line/);
  });
});
