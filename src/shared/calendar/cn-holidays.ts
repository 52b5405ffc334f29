/** The days that move a statutory deadline (Civil Code Art. 203), as the cooling-off rule reads them. */
export interface HolidayCalendar {
  /** Every official day off (whole holiday blocks, including weekend days inside a block). */
  holidays: readonly string[];
  /** Make-up working days (调休上班) that fall on weekends. */
  workdays: readonly string[];
}

/**
 * Official holiday schedules (国务院办公厅 部分节假日安排的通知) shipped with the desk. This is data,
 * not code: admins can edit the table in settings (it is not synced yet).
 * `holidays` lists every day off of each holiday block, including weekend days inside a block
 * ("与周末连休"); `workdays` lists the make-up working days (调休上班).
 */
export interface HolidayYear extends HolidayCalendar {
  year: number;
  source: string;
}

const block = (from: string, to: string): string[] => {
  const out: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
};

export const SHIPPED_HOLIDAY_YEARS: readonly HolidayYear[] = [
  {
    year: 2024,
    source: '国办发明电〔2023〕7号',
    holidays: [
      ...block('2023-12-30', '2024-01-01'),
      ...block('2024-02-10', '2024-02-17'),
      ...block('2024-04-04', '2024-04-06'),
      ...block('2024-05-01', '2024-05-05'),
      ...block('2024-06-08', '2024-06-10'),
      ...block('2024-09-15', '2024-09-17'),
      ...block('2024-10-01', '2024-10-07'),
    ],
    workdays: [
      '2024-02-04',
      '2024-02-18',
      '2024-04-07',
      '2024-04-28',
      '2024-05-11',
      '2024-09-14',
      '2024-09-29',
      '2024-10-12',
    ],
  },
  {
    year: 2025,
    source: '国办发明电〔2024〕12号',
    holidays: [
      '2025-01-01',
      ...block('2025-01-28', '2025-02-04'),
      ...block('2025-04-04', '2025-04-06'),
      ...block('2025-05-01', '2025-05-05'),
      ...block('2025-05-31', '2025-06-02'),
      ...block('2025-10-01', '2025-10-08'),
    ],
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026,
    source: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）',
    holidays: [
      ...block('2026-01-01', '2026-01-03'),
      ...block('2026-02-15', '2026-02-23'),
      ...block('2026-04-04', '2026-04-06'),
      ...block('2026-05-01', '2026-05-05'),
      ...block('2026-06-19', '2026-06-21'),
      ...block('2026-09-25', '2026-09-27'),
      ...block('2026-10-01', '2026-10-07'),
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
];

/** The union of the given years, as the timeline rule takes it. */
export function mergeHolidayYears(years: readonly HolidayYear[]): HolidayCalendar {
  return {
    holidays: years.flatMap((y) => y.holidays),
    workdays: years.flatMap((y) => y.workdays),
  };
}
