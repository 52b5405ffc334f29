/*
 * Protection (issue 3, docs/dev/ISSUE3-BRIEF.md "Domain model"): domestic-violence disclosures
 * (反家庭暴力法), referrals (转介), supervision items (三办: 交办 / 转办 / 督办) and the dashboard. Enum values
 * are English codes; the UI shows the Chinese labels. DV text lives in its own table and is never indexed.
 */
export * from './protection-dv';
export * from './protection-referral';
export * from './protection-supervision';
export * from './protection-dashboard';
