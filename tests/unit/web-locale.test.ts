// The starting language: a stored choice wins; else the browser's first language we speak; else Chinese.
import { describe, expect, it } from 'vitest';
import { pickLocale } from '../../web/i18n';

describe('pickLocale', () => {
  it('keeps a stored choice', () => {
    expect(pickLocale('en', ['zh-CN'])).toBe('en');
    expect(pickLocale('zh-CN', ['en-US'])).toBe('zh-CN');
  });
  it('follows the browser when nothing is stored', () => {
    expect(pickLocale(null, ['en-US', 'zh-CN'])).toBe('en');
    expect(pickLocale(null, ['zh-TW', 'en'])).toBe('zh-CN');
    expect(pickLocale(undefined, ['fr-FR', 'en-GB'])).toBe('en');
  });
  it('falls back to Chinese', () => {
    expect(pickLocale(null, ['fr-FR'])).toBe('zh-CN');
    expect(pickLocale(null)).toBe('zh-CN');
    expect(pickLocale('xx', [])).toBe('zh-CN');
  });
});
