// @vitest-environment happy-dom
/**
 * The visit reset clears exactly the stores listed as the visit's. A store added under stores/ that
 * is in neither list (visit data, or a documented exception) makes this fail, so no new store can
 * keep a visitor's data past the reset by being forgotten.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { STORES_OUTSIDE_VISIT, VISIT_STORES } from '../../../../../src/renderer/src/stores/visit-stores';

const STORES_DIR = join(__dirname, '../../../../../src/renderer/src/stores');

/** Every `defineStore('id', …)` in the stores directory. */
function definedStoreIds(): string[] {
  const ids: string[] = [];
  for (const file of readdirSync(STORES_DIR).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(join(STORES_DIR, file), 'utf8');
    for (const m of text.matchAll(/defineStore\(\s*['"]([^'"]+)['"]/g)) ids.push(m[1] as string);
  }
  return ids.sort();
}

describe('the stores a visit owns', () => {
  setActivePinia(createPinia());
  const visitIds = VISIT_STORES.map((useStore) => useStore.$id);

  it('every store is either visit data or a documented exception', () => {
    expect(definedStoreIds()).toEqual([...visitIds, ...STORES_OUTSIDE_VISIT].sort());
  });

  it('no store is in both lists', () => {
    expect(visitIds.filter((id) => (STORES_OUTSIDE_VISIT as readonly string[]).includes(id))).toEqual([]);
  });

  it('finds the stores (the scan itself works)', () => {
    expect(definedStoreIds()).toContain('journey');
    expect(definedStoreIds().length).toBeGreaterThanOrEqual(6);
  });
});
