export { createIngestor, ingestPending, unblockDevice } from './ingest';
export type { IngestOptions, Ingestor } from './ingest';
