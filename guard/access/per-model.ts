// A query's answer kept for as long as the model lives: the review, the check and the doors graph ask the same
// question of one model many times (a thousand routes each looking their integration up), so each index or
// derived list is built once per model. Held weakly: a model no one holds any more takes its answers with it.
import type { Model } from "../model";

/** `build`, computed once per model and then answered from memory (undefined answers included). */
export function perModel<T>(build: (model: Model) => T): (model: Model) => T {
  const made = new WeakMap<Model, T>();
  return (model) => {
    if (made.has(model)) return made.get(model) as T;
    const value = build(model);
    made.set(model, value);
    return value;
  };
}

/** `build`, computed once per model and key (compared as a Map compares them) and then answered from memory (undefined answers included). */
export function perModelAnd<K, T>(build: (model: Model, key: K) => T): (model: Model, key: K) => T {
  const ofModel = perModel((): Map<K, T> => new Map());
  return (model, key) => {
    const made = ofModel(model);
    if (made.has(key)) return made.get(key) as T;
    const value = build(model, key);
    made.set(key, value);
    return value;
  };
}
