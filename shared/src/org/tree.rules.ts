/**
 * The organisation tree's kinds of place and the name check, without the contract's schemas: the
 * mini-program imports these (a value import of tree.contract.ts would bundle zod into its package).
 */

/** The kinds of place in the organisation tree the app manages (the district itself is made once, by the engineer). */
export const placeKinds = ['community', 'grid', 'unit', 'org', 'department'] as const;
export type PlaceKind = (typeof placeKinds)[number];

export const placeKindLabels: Record<PlaceKind, string> = {
  community: '社区',
  grid: '网格',
  unit: '单元',
  org: '报到单位',
  department: '职能部门',
};

/** The most in-service party members (在职党员数) an organisation may declare. */
export const MAX_MEMBERS = 1_000_000;

/** Control characters and direction overrides: a name with them reads other than it is. */
export function hasInvisible(text: string): boolean {
  return [...text].some((c) => {
    const n = c.codePointAt(0) ?? 0;
    return n < 0x20 || n === 0x7f || (n >= 0x202a && n <= 0x202e) || (n >= 0x2066 && n <= 0x2069);
  });
}
