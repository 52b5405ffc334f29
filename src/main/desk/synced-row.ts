/**
 * The columns every synced row starts with (docs/architecture.md "Store": id, timestamps, origin
 * device, version, soft deletion). `version` starts at its column default; updates bump it.
 */
export function newSyncedRow(
  deviceId: string,
  at: string,
): { created_at: string; updated_at: string; origin_device: string; deleted_at: null } {
  return { created_at: at, updated_at: at, origin_device: deviceId, deleted_at: null };
}
