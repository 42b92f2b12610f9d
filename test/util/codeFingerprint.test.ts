import { codeFingerprint, installedVersion } from '../../src/util/codeFingerprint';

describe('codeFingerprint', () => {
  test('is stable for the same code, and differs when the code it covers differs', () => {
    expect(codeFingerprint(['text', 'search'], ['minisearch'])).toBe(codeFingerprint(['text', 'search'], ['minisearch']));
    expect(codeFingerprint(['text'])).not.toBe(codeFingerprint(['text', 'search']));
    expect(codeFingerprint(['text'], ['minisearch'])).not.toBe(codeFingerprint(['text']));
  });
  test('reads installed package versions', () => {
    expect(installedVersion('minisearch')).toMatch(/^\d+\.\d+\.\d+/);
    expect(installedVersion('no-such-package-here')).toBe('unknown');
  });
});
