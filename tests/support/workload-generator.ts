import { mulberry32 } from '../../src/main/demo/random';
import { uuidv7 } from '../../src/main/desk/ids';
import type { SyncedTableName } from '../../src/main/sync/sync.table';

/*
 * The bookkeeping behind desk-workload.ts: a seeded PRNG, casework text, and the rows written so far
 * (which exist, which have dependents — foreign keys refuse their deletion — which are signed or
 * soft-deleted, which case is in a family, which plan has its open visit), so every step the workload
 * picks is one the database accepts.
 */

/** A seeded generator (the demo desk's mulberry32), so a failure replays exactly. */
export const seededRandom = mulberry32;

const SURNAMES = [...'张王李赵刘陈杨黄周吴徐孙马朱胡郭'];
const GIVEN = '伟 芳 娜 敏 静 丽 强 磊 秀英 桂英 建国 𠮷祥 晓燕 志刚'.split(' ');
export const NOTES = [
  '双方因家庭琐事多次争吵，情绪激动。',
  '男方表示："我不想离婚，只是想好好谈谈。"',
  '孩子抚养问题分歧较大，建议冷静期后再次面谈。',
  '女方提到长期沟通不畅\n经济压力大，需要心理支持。',
  '已告知双方可申请法律援助（12348）。',
  '辅导员建议每周一次面谈，观察情绪变化。',
];
export const PLACES = ['城关镇幸福路12号', '明水乡红星村三组', '东城区和平街5号楼2单元', '南山镇𠮷祥里8号'];

export type Table = SyncedTableName;

export interface Row {
  id: string;
  /** Rows in other tables whose foreign key names this one (a row with dependents cannot be deleted). */
  dependents: number;
  /** The rows this one's foreign keys name. */
  parents: { table: Table; id: string }[];
  caseId?: string;
  /** case_parties: which party; cases: the parties it has (one row each at most). */
  party?: 'party_a' | 'party_b';
  parties?: Set<string>;
  signed?: boolean;
  softDeleted?: boolean;
  /** cases: the living family_cases row that links it (a case belongs to at most one family). */
  familyLink?: string;
  /** followup_plans, followup_visits: the family; followup_visits: the plan. */
  familyId?: string;
  planId?: string;
  /** followup_plans: the one open (scheduled, not deleted) visit, if any. */
  openVisit?: string;
  /** followup_plans: visits made (the next seq); outreach_events: speakers (the next position). */
  count?: number;
  /** What the next update of the row depends on: a visit's, plan's or family's status, 'inactive'. */
  status?: string;
}

interface Rows {
  list: Row[];
  index: Map<string, number>;
}

export class Generator {
  readonly rows = new Map<Table, Rows>();
  readonly hardDeleted = new Map<Table, Set<string>>();
  #clock: number;
  #caseNumber = 0;
  #refSeq = 0;
  #archiveSeq = 0;

  constructor(
    readonly random: () => number,
    readonly origin: string,
  ) {
    this.#clock = Date.parse('2026-01-05T01:00:00.000Z');
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }

  now(): string {
    this.#clock += 1000 + Math.floor(this.random() * 60_000);
    return new Date(this.#clock).toISOString();
  }

  day(): string {
    return this.now().slice(0, 10);
  }

  name(): string {
    return this.pick(SURNAMES) + this.pick(GIVEN);
  }

  note(): string {
    return `${this.pick(NOTES)}${this.pick(NOTES)}`;
  }

  table(name: Table): Rows {
    let rows = this.rows.get(name);
    if (!rows) {
      rows = { list: [], index: new Map() };
      this.rows.set(name, rows);
    }
    return rows;
  }

  get(name: Table, id: string): Row | undefined {
    const rows = this.table(name);
    const at = rows.index.get(id);
    return at === undefined ? undefined : rows.list[at];
  }

  /** A random row passing `filter`: a few random draws first (cheap), then a scan. */
  any(name: Table, filter: (row: Row) => boolean = (row) => !row.softDeleted): Row | undefined {
    const { list } = this.table(name);
    for (let i = 0; i < 8 && list.length > 0; i += 1) {
      const row = this.pick(list);
      if (filter(row)) return row;
    }
    const passing = list.filter(filter);
    return passing.length > 0 ? this.pick(passing) : undefined;
  }

  remove(name: Table, id: string): void {
    const rows = this.table(name);
    const at = rows.index.get(id);
    if (at === undefined) return;
    const last = rows.list.pop() as Row;
    if (last.id !== id) {
      rows.list[at] = last;
      rows.index.set(last.id, at);
    }
    rows.index.delete(id);
  }

  synced(): { id: string; created_at: string; updated_at: string; origin_device: string } {
    const at = this.now();
    return { id: uuidv7(new Date(this.#clock)), created_at: at, updated_at: at, origin_device: this.origin };
  }

  add(name: Table, id: string, parents: { table: Table; id: string }[], extra: Partial<Row> = {}): void {
    for (const p of parents) {
      const parent = this.get(p.table, p.id);
      if (parent) parent.dependents += 1;
    }
    const rows = this.table(name);
    rows.index.set(id, rows.list.length);
    rows.list.push({ id, dependents: 0, parents, ...extra });
  }

  nextCaseNumber(): string {
    this.#caseNumber += 1;
    return `HJ-2026-${String(this.#caseNumber).padStart(5, '0')}`;
  }

  nextRefSeq(): number {
    this.#refSeq += 1;
    return this.#refSeq;
  }

  /** Family archive numbers, unique per desk and year. */
  nextArchiveSeq(): number {
    this.#archiveSeq += 1;
    return this.#archiveSeq;
  }
}
