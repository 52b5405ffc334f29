import { afterAll } from 'vitest';
import { stopTestPostgres } from './county-db';

// Runs in every integration test file: a file that started the throwaway cluster stops it when it is done.
afterAll(stopTestPostgres);
