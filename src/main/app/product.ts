/**
 * package.json's productName. Electron names the user-data directory after it, and the browser harness
 * must find the same directory without Electron (src/main/harness/user-data-dir.ts).
 */
export const PRODUCT_NAME = '婚姻家庭辅导工作台';
