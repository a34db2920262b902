import { dataLists, type AccountContract, type DataList, type DataItem } from '@shared/org/account.contract';
import { policyVersion } from '@shared/org/policy';
import type { FindPage } from '../core/store/store.port';
import type { Handlers } from '../core/runtime/router';
import type { Store } from '../core/store/store.port';
import type { PersonDoc } from '../core/runtime/identity';
import { loadPlaces, nameOf } from '../core/runtime/lookup';
import { checkinAccount } from '../checkin/checkin.port';
import { messagesAccount } from '../messages/messages.port';
import { pointsAccount } from '../points/points.port';
import { whistleAccount } from '../whistle/whistle.port';
import { wishAccount } from '../wish/wish.port';
import type { ConsentDoc } from './account.documents';
import { me } from './org.queries';

type Lister = (store: Store, openid: string, cursor?: string | null) => Promise<FindPage<DataItem>>;

/** Each list of 我的数据 and the feature that holds it (read through its port). */
const listers: Record<DataList, Lister> = {
  reports: checkinAccount.enrolmentsOf,
  attendance: checkinAccount.attendanceOf,
  postClaims: checkinAccount.postClaimsOf,
  wishes: wishAccount.postedWishesOf,
  claims: wishAccount.claimedWishesOf,
  services: pointsAccount.servicesOf,
  ledger: pointsAccount.ledgerOf,
  orders: pointsAccount.ordersOf,
  problems: whistleAccount.problemsOf,
};

function consentView(doc: ConsentDoc | null) {
  return doc ? { version: doc.version, agreedAt: doc.agreedAt } : null;
}

/** Which version of the privacy policy the caller agreed to, and whether it is the one in force. */
export const consentState: Handlers<AccountContract>['consentState'] = async (_input, ctx) => {
  const doc = await ctx.store.get<ConsentDoc>('consents', ctx.caller.openid);
  return { current: policyVersion, agreed: consentView(doc), upToDate: doc?.version === policyVersion };
};

async function personView(store: Store, person: PersonDoc | null) {
  if (!person) return null;
  const [communities, units, orgs] = await Promise.all([
    loadPlaces(store, 'communities', [person.communityId]),
    loadPlaces(store, 'units', [person.unitId]),
    loadPlaces(store, 'orgs', [person.orgId]),
  ]);
  const named = (map: Map<string, { _id: string }>, id: string | null) => (id ? nameOf(map, id) : null);
  return {
    name: person.name,
    phone: person.phone,
    community: named(communities, person.communityId),
    unit: named(units, person.unitId),
    org: named(orgs, person.orgId),
    since: person.createdAt,
  };
}

/**
 * 我的数据: everything held about the caller, and only the caller (every read is by their own OPENID from the
 * platform), in one call: the person record, roles, consent, balance, message counts and the first page of
 * each list; with `list` and `cursor`, the next page of one list.
 */
export const myData: Handlers<AccountContract>['myData'] = async (input, ctx) => {
  const { store, caller } = ctx;
  const openid = caller.openid;
  const wanted: readonly DataList[] = input.list ? [input.list] : dataLists;
  const [pages, person, who, consent, balance, messages] = await Promise.all([
    Promise.all(
      wanted.map(async (l) => [l, await listers[l](store, openid, input.list ? input.cursor : null)] as const),
    ),
    personView(store, caller.person),
    me({}, ctx),
    store.get<ConsentDoc>('consents', openid),
    pointsAccount.balanceOf(store, openid),
    messagesAccount.messageCounts(store, openid),
  ]);
  const grants = 'grants' in who ? who.grants : [];
  return {
    person,
    roles: grants.map((g) => ({ role: g.role, scopeName: g.scopeName })),
    consent: consentView(consent),
    balance,
    messages,
    lists: Object.fromEntries(pages),
  };
};
