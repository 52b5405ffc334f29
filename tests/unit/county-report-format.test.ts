// The county report's text tables: columns line up by display width (a CJK character is two columns).
import { describe, expect, it } from 'vitest';
import { table } from '../../src/server/report/report-format';

describe('report text table', () => {
  it('pads by display width: names left, figures right, a rule under the head', () => {
    expect(
      table(
        ['站点', '个案'],
        [
          ['明水街道', 5],
          ['合计', 12],
        ],
      ),
    ).toBe(['站点      个案', '──────────────', '明水街道     5', '合计        12'].join('\n'));
  });

  it('counts ASCII as one column and trims trailing blanks', () => {
    expect(table(['设备', '原因'], [['abc', '']])).toBe(['设备  原因', '──────────', 'abc'].join('\n'));
  });
});
