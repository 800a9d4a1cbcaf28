import { describe, expect, it } from 'vitest';
import { HttpProblem } from './http-problem.ts';
import * as sanitize from './input-sanitizers.ts';

const value = <T>(result: sanitize.Checked<T>) => (result.ok ? result.value : `FAIL: ${result.problem}`);

describe('boundary sanitisers (docs/api.md#validation, SEC-8)', () => {
  it.each([
    '<script>alert(1)</script>',
    'hi <IMG SRC=x onerror=alert(1)>',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    '<iframe src=//evil>',
    'x<!--y-->',
    'a{ background: url(evil) }',
    '@import "x"',
    'data:text/html;base64,AAAA',
  ])('rejects the suspicious pattern in %s', (input) => {
    expect(sanitize.questionTitle(input).ok).toBe(false);
    expect(sanitize.displayName(input.slice(0, 50)).ok).toBe(sanitize.hasSuspiciousPattern(input.slice(0, 50)) ? false : true);
    expect(sanitize.userDescription(input).ok).toBe(false);
  });

  it('strips HTML from titles and display names and refuses what is empty afterwards', () => {
    expect(value(sanitize.questionTitle('  Will <b>it</b> rain?  '))).toBe('Will it rain?');
    expect(value(sanitize.questionTitle('<b></b>'))).toMatch(/^FAIL/);
    expect(value(sanitize.questionTitle('x'.repeat(161)))).toMatch(/^FAIL/);
    expect(value(sanitize.questionTitle('Fish & chips < 5?'))).toBe('Fish & chips < 5?');
    expect(value(sanitize.displayName('<i>Ann</i>'))).toBe('Ann');
    expect(value(sanitize.displayName('é'.repeat(26)))).toMatch(/^FAIL/);
  });

  it('keeps only the allowed tags in descriptions and hardens links', () => {
    expect(value(sanitize.marketDescription('<p>See <a href="https://x.example" target="_blank">this</a> <strong>now</strong></p>'))).toBe(
      'See <a href="https://x.example" rel="noreferrer">this</a> <strong>now</strong>',
    );
    expect(value(sanitize.marketDescription('<a href="ftp://x.example">f</a>'))).toBe('<a rel="noreferrer">f</a>');
    expect(value(sanitize.marketDescription(''))).toBe('');
    expect(value(sanitize.marketDescription('x'.repeat(2001)))).toMatch(/^FAIL/);
  });

  it('checks usernames', () => {
    expect(value(sanitize.username(' alice '))).toBe('alice');
    for (const bad of ['al', 'Alice', 'a_b', 'x'.repeat(31), "bob'--"]) expect(sanitize.username(bad).ok).toBe(false);
  });

  it('accepts emoji and ASCII emoticons only, with no ASCII after an emoji', () => {
    for (const good of ['😀', '🚀🌍', ':-)', ':P', '☀️']) expect(sanitize.emoji(good).ok).toBe(true);
    for (const bad of ['', 'abc', '😀:)', '😀'.repeat(6), '€']) expect(sanitize.emoji(bad).ok).toBe(false);
  });

  it('normalises personal links and refuses dangerous ones', () => {
    expect(value(sanitize.personalLink('example.org/me'))).toBe('https://example.org/me');
    expect(value(sanitize.personalLink(''))).toBe('');
    for (const bad of [
      'javascript:alert(1)',
      'ftp://example.org',
      'https://user:pw@example.org',
      'https://bit.ly/x',
      'https://sub.tinyurl.com/x',
      'http://localhost:3000',
      'http://127.0.0.1/',
      'http://10.1.2.3/',
      'http://192.168.0.1/',
      'http://[::1]/',
      'http://169.254.1.1/',
      'https://exa mple.org',
    ]) {
      expect(sanitize.personalLink(bad).ok, bad).toBe(false);
    }
  });

  it('collects every failing field into one VALIDATION_FAILED', () => {
    try {
      sanitize.sanitizeFields({ questionTitle: sanitize.questionTitle(''), yesLabel: sanitize.outcomeLabel('x'.repeat(21), 'YES') });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(HttpProblem);
      expect((error as HttpProblem).details).toEqual({
        fields: { questionTitle: [expect.any(String)], yesLabel: [expect.any(String)] },
      });
    }
  });
});
