import { describe, expect, it } from 'vitest';
import { mandatoryScore, tallyLine } from '../../src/report/labels.js';

describe('the school score', () => {
  it('is the share of mandatory sections passed, in whole percent', () => {
    expect(mandatoryScore({ total: 21, pass: 17, fail: 2, warn: 1, unknown: 1 })).toBe(81);
    expect(mandatoryScore({ total: 20, pass: 20, fail: 0, warn: 0, unknown: 0 })).toBe(100);
    expect(mandatoryScore({ total: 21, pass: 0, fail: 0, warn: 0, unknown: 21 })).toBe(0);
  });

  it('is absent when no section is mandatory for the school', () => {
    expect(mandatoryScore({ total: 0, pass: 0, fail: 0, warn: 0, unknown: 0 })).toBeNull();
  });

  it('goes with a summary line in either language', () => {
    const t = { total: 21, pass: 17, fail: 2, warn: 1, unknown: 1 };
    expect(tallyLine(t, 'vi')).toBe('Đạt 17/21 chuyên mục bắt buộc; không đạt 2; cần lưu ý 1; cần kiểm tra thủ công 1');
    expect(tallyLine(t, 'en')).toBe('Passed 17/21 mandatory sections; failed 2; warnings 1; to check by hand 1');
  });
});
