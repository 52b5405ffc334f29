/*
 * The smallest intake the desk accepts (two parties, a filing), for processes that run outside vitest —
 * the crash test's child, the benchmarks — and so cannot import the fixtures that use vitest's expect.
 */
export function bareIntake() {
  return {
    parties: [
      { name: '张三', sex: 'male' as const, phone: '13800000001' },
      { name: '李四', sex: 'female' as const, phone: '13800000002' },
    ],
    filing: { receivedDate: '2026-03-02', receiptNumber: 'SL-2026-0001' },
  };
}
