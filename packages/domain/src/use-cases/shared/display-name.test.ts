import { describe, expect, it } from 'vitest';
import { displayNameKey, isReservedDisplayName } from './display-name.ts';

describe('display-name key: NFKC + case folding (docs/api.md#validation)', () => {
  it.each([
    ['ADMIN', 'admin'],
    ['Ａｄｍｉｎ', 'admin'],
    ['ＡＤＭＩＮ', 'admin'],
    ['ﬁsh', 'fish'],
    ['STRASSE', 'strasse'],
    ['Straße', 'strasse'],
    ['ÅNGSTRÖM', 'ångström'],
    ['Å', 'å'],
    ['Ⅻ', 'xii'],
    ['ΣΟΦΊΑ', 'σοφία'],
  ])('%s has the key %s', (name, key) => {
    expect(displayNameKey(name)).toBe(displayNameKey(key));
    expect(displayNameKey(name)).toBe(key.normalize('NFKC'));
  });

  it('keeps different names apart', () => {
    expect(displayNameKey('Admin')).not.toBe(displayNameKey('Admln'));
    expect(displayNameKey('Anna')).not.toBe(displayNameKey('Anna B'));
  });
});

describe('reserved display names', () => {
  it.each(['Administrator', 'ADMINISTRATOR', 'Ａｄｍｉｎｉｓｔｒａｔｏｒ', 'admin', 'Moderator', 'ＳＹＳＴＥＭ', 'SocialPredict'])(
    'reserves %s',
    (name) => {
      expect(isReservedDisplayName(name)).toBe(true);
    },
  );

  it.each(['Admiral', 'Administrator Bob', 'Alice', 'moderators'])('leaves %s free', (name) => {
    expect(isReservedDisplayName(name)).toBe(false);
  });
});
