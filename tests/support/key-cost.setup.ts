import { useTestScryptCost } from './key-cost';

// Runs in every integration and e2e test file (vitest.config.mts): see key-cost.ts.
useTestScryptCost();
