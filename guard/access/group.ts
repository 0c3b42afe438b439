// Grouping values under a key: one definition of "append to the key's list, starting it when absent". Pure.

/** Appends `value` to `key`'s list in `groups`, starting the list when the key has none yet. */
export function appendTo<K, V>(groups: Map<K, V[]>, key: K, value: V): void {
  const list = groups.get(key);
  if (list === undefined) groups.set(key, [value]);
  else list.push(value);
}
