import { setScryptCostForTests } from '../../src/main/desk/keyring';

/**
 * The scrypt cost of slots made by tests: the lowest keyring.json accepts (N = 2^14, 16 MiB). The desk's
 * real cost (SCRYPT_COST, N = 2^17) costs ~0.6 s per sign-in, and the suites sign in thousands of times;
 * the derivation, sealing and checks are the same code either way. Tests of the cost itself switch back
 * with useRealScryptCost().
 */
export const TEST_SCRYPT_COST = { N: 2 ** 14, r: 8, p: 1 } as const;

export function useTestScryptCost(): void {
  setScryptCostForTests(TEST_SCRYPT_COST);
}

export function useRealScryptCost(): void {
  setScryptCostForTests(null);
}
