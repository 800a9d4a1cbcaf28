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

  describe('hostile input (docs/api.md#validation)', () => {
    const ENCODED_MARKUP = [
      '&lt;script&gt;alert(1)&lt;/script&gt;',
      '&#60;script&#62;x',
      '&#x3c;iframe src=x&#x3e;',
      '&#X3C;IFRAME',
      '&amp;lt;script&amp;gt;',
      '&lt;object data=x',
      '&#106;avascript&#58;alert(1)',
    ];

    it.each(ENCODED_MARKUP)('decodes %s before the pattern check, in every text field', (input) => {
      expect(sanitize.displayName(input.slice(0, 50)).ok).toBe(false);
      expect(sanitize.questionTitle(input).ok).toBe(false);
      expect(sanitize.outcomeLabel(input.slice(0, 20), 'YES').ok).toBe(false);
      expect(sanitize.userDescription(input).ok).toBe(false);
      expect(sanitize.marketDescription(input).ok).toBe(false);
      expect(sanitize.searchQuery(input).ok).toBe(false);
    });

    it('keeps harmless references as the text they stand for', () => {
      expect(value(sanitize.displayName('Fish &amp; chips'))).toBe('Fish & chips');
      expect(value(sanitize.questionTitle('Is 3 &lt; 5?'))).toBe('Is 3 < 5?');
    });

    it.each([
      ['NUL', 'a\u0000b'],
      ['a C0 control', 'a\u0007b'],
      ['DEL', 'a\u007fb'],
      ['a C1 control', 'a\u0085b'],
      ['a right-to-left override', 'abc\u202Etxt.exe'],
      ['a bidi isolate', 'a\u2066b'],
      ['a zero-width space', 'Admin\u200B'],
      ['a zero-width joiner', 'a\u200Db'],
      ['a word joiner', 'a\u2060b'],
      ['a byte-order mark', '\uFEFFabc'],
    ])('refuses %s in every text field', (_label, input) => {
      for (const result of [
        sanitize.displayName(input),
        sanitize.questionTitle(input),
        sanitize.outcomeLabel(input, 'YES'),
        sanitize.userDescription(input),
        sanitize.marketDescription(input),
        sanitize.searchQuery(input),
        sanitize.personalLink(`example.org/${input}`),
      ]) {
        expect(result).toMatchObject({ ok: false, problem: expect.stringMatching(/characters/) });
      }
    });

    it('refuses such characters written as references too', () => {
      for (const input of ['abc&#x202E;txt', 'Admin&#8203;', 'a&#1;b']) {
        expect(sanitize.displayName(input).ok, input).toBe(false);
        expect(sanitize.marketDescription(input).ok, input).toBe(false);
      }
    });

    it('refuses tabs and line breaks in single-line fields only', () => {
      for (const input of ['a\tb', 'a\nb', 'a\r\nb']) {
        expect(sanitize.displayName(input).ok).toBe(false);
        expect(sanitize.questionTitle(input).ok).toBe(false);
        expect(sanitize.outcomeLabel(input, 'NO').ok).toBe(false);
        expect(sanitize.searchQuery(input).ok).toBe(false);
        expect(sanitize.marketDescription(input).ok).toBe(true);
      }
    });

    it('reads only dates and times that exist', () => {
      expect(value(sanitize.rfc3339Time('2027-02-28T10:00:00Z'))).toBe(Date.UTC(2027, 1, 28, 10));
      expect(value(sanitize.rfc3339Time('2028-02-29T10:00:00+02:00'))).toBe(Date.UTC(2028, 1, 29, 8));
      for (const bad of [
        '2027-02-30T10:00:00Z',
        '2027-02-29T10:00:00Z',
        '2027-04-31T10:00:00Z',
        '2027-13-01T10:00:00Z',
        '2027-00-10T10:00:00Z',
        '2027-01-00T10:00:00Z',
        '2027-01-10T24:00:00Z',
        '2027-01-10T10:60:00Z',
        '2027-01-10T10:00:60Z',
        '2027-01-10T10:00:00+24:00',
        '2027-01-10T10:00:00',
      ]) {
        expect(sanitize.rfc3339Time(bad).ok, bad).toBe(false);
      }
    });

    it('drops one trailing dot of a link host before the blocklist', () => {
      for (const bad of ['http://localhost./', 'bit.ly./x', 'https://BIT.LY./x', 'https://sub.tinyurl.com./x', 'http://a..b.org/', 'https://x.org../']) {
        expect(sanitize.personalLink(bad).ok, bad).toBe(false);
      }
      expect(value(sanitize.personalLink('https://example.org./me'))).toBe('https://example.org./me');
    });

    it('looks enum values up among own properties only', () => {
      const table = { open: 1 };
      expect(sanitize.ownEntry(table, 'open')).toBe(1);
      for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) expect(sanitize.ownEntry(table, key)).toBeUndefined();
    });
  });
});

describe('amendment texts (docs/api.md#amendments)', () => {
  it('keeps markdown-lite and the description HTML policy in a body of 1–2000 code points', () => {
    expect(value(sanitize.amendmentBody('  **Resolves** on the `official` [notice](https://x.example).\nSecond line  '))).toBe(
      '**Resolves** on the `official` [notice](https://x.example).\nSecond line',
    );
    expect(value(sanitize.amendmentBody('<b>bold</b> <img src=x>'))).toBe('<b>bold</b>');
    expect(value(sanitize.amendmentBody('😀'.repeat(2000)))).toBe('😀'.repeat(2000));
    for (const refused of ['😀'.repeat(2001), '   ', '<img src=x>', '[x](javascript:alert(1))', '&lt;script&gt;', 'a\u202Eb']) {
      expect(value(sanitize.amendmentBody(refused)), refused).toMatch(/^FAIL/);
    }
  });

  it('takes reasons as plain text of at most 500 code points, required for reviews', () => {
    expect(value(sanitize.amendmentReason(' <i>Clear</i> now ', true))).toBe('Clear now');
    expect(value(sanitize.amendmentReason('', false))).toBe('');
    expect(value(sanitize.amendmentReason('', true))).toMatch(/^FAIL/);
    expect(value(sanitize.amendmentReason('é'.repeat(500), true))).toBe('é'.repeat(500));
    expect(value(sanitize.amendmentReason('é'.repeat(501), false))).toMatch(/^FAIL/);
    expect(value(sanitize.amendmentReason('onclick=x', false))).toMatch(/^FAIL/);
  });
});
