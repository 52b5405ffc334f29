import { z } from 'zod';
import { ArchiveOmissionSchema } from '../../shared/archive';
import { DomainError } from '../../shared/errors';
import { ARCHIVE_TABLES, ROW_SCHEMAS, isArchiveTable, type ArchiveRow, type ArchiveTable } from './tables';

/*
 * The archive's content (docs/archive-format.md "Case archive content"): UTF-8 NDJSON. The first line is
 * the manifest, then one line per row (parents before children), then the end line with the row count.
 * The reader validates every line strictly as it arrives and keeps only the rows; the counts in the
 * manifest and the end line must match what was read.
 */

export const CONTENT_FORMAT_VERSION = 1;

const CountsSchema = z.strictObject(
  Object.fromEntries(ARCHIVE_TABLES.map((t) => [t, z.number().int().min(0)])) as Record<
    ArchiveTable,
    z.ZodNumber
  >,
);
export type ArchiveCounts = Record<ArchiveTable, number>;

const ManifestSchema = z.strictObject({
  type: z.literal('manifest'),
  formatVersion: z.number().int().min(1),
  exportedAt: z.iso.datetime(),
  sourceDevice: z.string().min(1).max(64),
  schemaVersion: z.number().int().min(1),
  counts: CountsSchema,
  omitted: z.array(ArchiveOmissionSchema).max(10),
});
export type Manifest = z.infer<typeof ManifestSchema>;

const EndSchema = z.strictObject({ type: z.literal('end'), rows: z.number().int().min(0) });
const RowEnvelopeSchema = z.strictObject({
  type: z.literal('row'),
  table: z.string(),
  // The row itself is checked against its table's strict schema (ROW_SCHEMAS) right after.
  row: z.unknown(),
});

export function manifestLine(m: Omit<Manifest, 'type' | 'formatVersion'>): string {
  const manifest: Manifest = { type: 'manifest', formatVersion: CONTENT_FORMAT_VERSION, ...m };
  return `${JSON.stringify(manifest)}\n`;
}

/** One row line; the row's columns in the store's order. */
export function rowLine(table: ArchiveTable, row: ArchiveRow): string {
  return `{"type":"row","table":"${table}","row":${JSON.stringify(row)}}\n`;
}

export function endLine(rows: number): string {
  return `${JSON.stringify({ type: 'end', rows })}\n`;
}

export function emptyCounts(): ArchiveCounts {
  return Object.fromEntries(ARCHIVE_TABLES.map((t) => [t, 0])) as ArchiveCounts;
}

/** Everything an archive holds, validated: its manifest and its rows by table. */
export interface ArchiveContent {
  manifest: Manifest;
  rows: Record<ArchiveTable, ArchiveRow[]>;
}

/** A line longer than this is not ours (the longest row — a record's notes — is far shorter). */
const MAX_LINE_BYTES = 8 * 1024 * 1024;
const NEWLINE = 0x0a;

function invalid(what: string): DomainError {
  return new DomainError('ARCHIVE_CONTENT_INVALID', { table: what });
}

/**
 * Reads the content as it is decrypted: push() each plaintext chunk, then finish(). Throws
 * ARCHIVE_CONTENT_INVALID (meta.table: where) at the first line that breaks the format, and
 * ARCHIVE_NEWER_FORMAT for a content format newer than this desk's.
 */
export class ContentReader {
  #carry: Buffer[] = [];
  #carryBytes = 0;
  #manifest: Manifest | null = null;
  #ended = false;
  #rowCount = 0;
  readonly #rows = Object.fromEntries(ARCHIVE_TABLES.map((t) => [t, [] as ArchiveRow[]])) as Record<
    ArchiveTable,
    ArchiveRow[]
  >;
  readonly #ids = Object.fromEntries(ARCHIVE_TABLES.map((t) => [t, new Set<string>()])) as Record<
    ArchiveTable,
    Set<string>
  >;
  readonly #decoder = new TextDecoder('utf-8', { fatal: true });

  push(chunk: Buffer): void {
    let start = 0;
    for (let nl = chunk.indexOf(NEWLINE, start); nl !== -1; nl = chunk.indexOf(NEWLINE, start)) {
      const piece = chunk.subarray(start, nl);
      if (this.#carryBytes > 0) {
        this.#carry.push(piece);
        this.#line(Buffer.concat(this.#carry));
        this.#carry = [];
        this.#carryBytes = 0;
      } else {
        this.#line(piece);
      }
      start = nl + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      this.#carryBytes += rest.length;
      if (this.#carryBytes > MAX_LINE_BYTES) throw invalid('line');
      // A copy: the reader may reuse its buffer for the next chunk.
      this.#carry.push(Buffer.from(rest));
    }
  }

  finish(): ArchiveContent {
    if (this.#carryBytes > 0) throw invalid('end');
    if (!this.#manifest || !this.#ended) throw invalid('end');
    for (const table of ARCHIVE_TABLES) {
      if (this.#rows[table].length !== this.#manifest.counts[table]) throw invalid(table);
    }
    return { manifest: this.#manifest, rows: this.#rows };
  }

  #line(bytes: Buffer): void {
    if (this.#ended) throw invalid('end');
    let value: unknown;
    try {
      value = JSON.parse(this.#decoder.decode(bytes));
    } catch {
      throw invalid(this.#manifest ? 'row' : 'manifest');
    }
    if (!this.#manifest) {
      this.#manifest = parseManifest(value);
      return;
    }
    const type = (value as { type?: unknown } | null)?.type;
    if (type === 'end') {
      const end = EndSchema.safeParse(value);
      if (!end.success || end.data.rows !== this.#rowCount) throw invalid('end');
      this.#ended = true;
      return;
    }
    const envelope = RowEnvelopeSchema.safeParse(value);
    if (!envelope.success || !isArchiveTable(envelope.data.table)) throw invalid('row');
    const table = envelope.data.table;
    const row = ROW_SCHEMAS[table].safeParse(envelope.data.row);
    if (!row.success) throw invalid(table);
    const id = row.data.id as string;
    if (this.#ids[table].has(id)) throw invalid(table);
    this.#ids[table].add(id);
    this.#rows[table].push(row.data);
    this.#rowCount += 1;
  }
}

function parseManifest(value: unknown): Manifest {
  const version = (value as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'number' && version > CONTENT_FORMAT_VERSION) {
    throw new DomainError('ARCHIVE_NEWER_FORMAT');
  }
  const parsed = ManifestSchema.safeParse(value);
  if (!parsed.success || parsed.data.formatVersion !== CONTENT_FORMAT_VERSION) throw invalid('manifest');
  return parsed.data;
}
