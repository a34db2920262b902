import { enrolmentStatusLabels } from '@shared/checkin/enrolment.rules';
import { phoneFor, type Viewer } from '@shared/core/privacy';
import { fail, isFailure, type Failure } from '@shared/core/result';
import type { Role } from '@shared/core/roles';
import { beijing, beijingDay, beijingInstant } from '@shared/core/time';
import type { ExportsContract } from '@shared/org/exports.contract';
import { exportRoles, exportTitles, monthsOf, type ExportKind } from '@shared/org/exports.rules';
import { wishStatusLabels } from '@shared/wish/wish.rules';
import { grantOf } from '../access/access';
import { checkinExport } from '../checkin/checkin.port';
import { record } from '../core/runtime/change';
import { uploaderKey } from '../core/platform/files';
import type { PersonDoc } from '../core/runtime/identity';
import { loadByIds, loadPlaces, nameOf, type PlaceCollection } from '../core/runtime/lookup';
import type { Ctx, Handlers } from '../core/runtime/router';
import type { Doc } from '../core/store/store.port';
import { pointsExport } from '../points/points.port';
import { whistleExport } from '../whistle/whistle.port';
import { wishExport } from '../wish/wish.port';
import type { CommunityDoc, DepartmentDoc, DistrictDoc, OrgDoc } from './org.documents';
import type { ExportBook, ExportRow } from './exports.xlsx';
import { keepExportFile } from './exports.job';

/**
 * The district's xlsx exports (issue 16, part 5): 报到回执汇总, 党员半年履责台账, 微心愿台账, 积分台账 and
 * 吹哨报到考核表. Who may export what follows the reading rules: the district its whole district or one
 * community, a station its community, an employer organisation its own members (报到, 半年履责, 积分), a
 * department its own rows of the 考核表. The records are read through each feature's port, page by page
 * (months or groups of members at once), and each row is written into the workbook as it comes; the file is
 * stored in the caller's folder and answered as a short-lived link. Every export is audited (`export.<kind>`:
 * who, which period, which scope, how many rows).
 */

const xlsx = () => import('./exports.xlsx');

type Scope = {
  districtId: string;
  districtName: string;
  /** What the title rows name: 迎江区全区, a community, an organisation, a department. */
  label: string;
  /** The reader's role, for the phone table. */
  as: Viewer;
  where: { districtId: string } | { communityId: string } | { orgId: string } | { departmentId: string };
};

/**
 * The scope the caller exports: the first of `roles` they hold decides it (district, station, organisation,
 * department). `communityId` narrows the district to one of its communities; a station may name only its own,
 * an organisation or a department none.
 */
async function scopeOf(ctx: Ctx, roles: readonly Role[], communityId: string | undefined): Promise<Scope | Failure> {
  const role = roles.find((r) => grantOf(ctx.caller, r));
  const grant = role ? grantOf(ctx.caller, role) : undefined;
  if (!role || !grant) return fail('AUTH.FORBIDDEN');
  const district = async (id: string) => (await ctx.store.get<DistrictDoc>('districts', id))?.name ?? '';
  if (role === 'districtAdmin') {
    const districtName = await district(grant.scopeId);
    if (!communityId)
      return {
        districtId: grant.scopeId,
        districtName,
        label: `${districtName}全区`,
        as: 'districtAdmin',
        where: { districtId: grant.scopeId },
      };
    const community = await ctx.store.get<CommunityDoc>('communities', communityId);
    if (!community) return fail('NOT_FOUND');
    if (community.districtId !== grant.scopeId) return fail('AUTH.OUT_OF_SCOPE');
    return {
      districtId: grant.scopeId,
      districtName,
      label: community.name,
      as: 'districtAdmin',
      where: { communityId },
    };
  }
  if (communityId !== undefined && (role !== 'stationAdmin' || communityId !== grant.scopeId))
    return fail('AUTH.OUT_OF_SCOPE');
  const collection = ({ stationAdmin: 'communities', orgAdmin: 'orgs', department: 'departments' } as const)[
    role as 'stationAdmin' | 'orgAdmin' | 'department'
  ];
  if (!collection) return fail('AUTH.FORBIDDEN');
  const place = await ctx.store.get<CommunityDoc | OrgDoc | DepartmentDoc>(collection, grant.scopeId);
  if (!place) return fail('NOT_FOUND');
  const field = ({ communities: 'communityId', orgs: 'orgId', departments: 'departmentId' } as const)[collection];
  return {
    districtId: place.districtId,
    districtName: await district(place.districtId),
    label: place.name,
    as: role as Viewer,
    where: { [field]: place._id } as Scope['where'],
  };
}

/** The period's ISO bounds [start, end): from the start of `from` to the end of `to`, Beijing days. */
function rangeOf(p: { from: string; to: string }): { start: string; end: string } {
  return {
    start: beijingInstant(p.from).toISOString(),
    end: beijingDay(beijingInstant(p.to)).add(1, 'day').toDate().toISOString(),
  };
}

/** Place names for a page of rows: each collection's ids at once, from the places cache. */
async function placesOf(ctx: Ctx, wanted: Partial<Record<PlaceCollection, Iterable<string | null | undefined>>>) {
  const entries = await Promise.all(
    (Object.entries(wanted) as Array<[PlaceCollection, Iterable<string | null | undefined>]>).map(
      async ([collection, ids]) =>
        [
          collection,
          await loadPlaces<Doc>(
            ctx.store,
            collection,
            [...ids].filter((id): id is string => !!id),
          ),
        ] as const,
    ),
  );
  const maps = new Map(entries);
  return (collection: PlaceCollection, id: string | null | undefined) => nameOf(maps.get(collection) ?? new Map(), id);
}

const day = (iso: string | null | undefined) => beijing(iso, 'YYYY-MM-DD HH:mm');

/**
 * Makes the file: the scope's title rows, `write` fills the sheets, the file stored in the caller's folder;
 * then the audit record. Answers the link, the file's name and its rows.
 */
async function made(
  ctx: Ctx,
  kind: ExportKind,
  scope: Scope,
  p: { from: string; to: string },
  write: (book: ExportBook) => Promise<void>,
) {
  const files = ctx.rt.files;
  if (!files?.write) return fail('NOT_FOUND');
  const { exportBook } = await xlsx();
  const title = `${scope.districtName}${exportTitles[kind]}`;
  const book = exportBook({
    title,
    period: `${p.from} 至 ${p.to}`,
    scope: scope.label,
    generatedAt: beijing(ctx.now, 'YYYY-MM-DD HH:mm'),
  });
  await write(book);
  const { bytes, rows } = await book.finish();
  const id = await files.write(uploaderKey(ctx.rt.secret, ctx.caller.openid), `${ctx.newId()}.xlsx`, bytes);
  const [urls] = await Promise.all([
    files.urls([id]),
    keepExportFile(ctx, id),
    record(ctx, {
      action: `export.${kind}`,
      entity: 'export',
      entityId: id,
      before: null,
      after: { kind, from: p.from, to: p.to, scope: scope.where, label: scope.label, rows },
    }),
  ]);
  const url = urls.get(id);
  if (!url) return fail('NOT_FOUND');
  const scopeName = scope.label === `${scope.districtName}全区` ? '' : `（${scope.label}）`;
  return { url, fileName: `${title}${scopeName}${p.from}至${p.to}.xlsx`, rows };
}

type MemberScope = { districtId: string } | { communityId: string } | { orgId: string };
const memberScope = (scope: Scope) => scope.where as MemberScope;

/** A member's columns (报到 and the members' sheets): who, the phone as the reader may see it, and where. */
const memberColumns = [
  { key: 'name', header: '姓名', width: 10 },
  { key: 'phone', header: '手机号', width: 14 },
  { key: 'org', header: '报到单位', width: 24 },
  { key: 'community', header: '报到社区', width: 14 },
  { key: 'grid', header: '网格', width: 12 },
  { key: 'unit', header: '单元', width: 14 },
] as const;

type MemberRow = {
  name: string;
  phone: string;
  orgId: string;
  communityId: string;
  gridId: string | null;
  unitId: string | null;
};

/** The names of a page of member rows' places (organisation, community, grid, unit), read at once. */
const memberPlaces = (ctx: Ctx, rows: readonly MemberRow[]) =>
  placesOf(ctx, {
    orgs: rows.map((r) => r.orgId),
    communities: rows.map((r) => r.communityId),
    grids: rows.map((r) => r.gridId),
    units: rows.map((r) => r.unitId),
  });

/** A member row's cells of `memberColumns`. */
function memberCells(scope: Scope, name: Awaited<ReturnType<typeof memberPlaces>>, m: MemberRow): ExportRow {
  return {
    name: m.name,
    phone: phoneFor('enrolment', [scope.as], m.phone) ?? '',
    org: name('orgs', m.orgId),
    community: name('communities', m.communityId),
    grid: name('grids', m.gridId),
    unit: name('units', m.unitId),
  };
}

/** 报到回执汇总: each 报到 submitted in the period, the phone as the privacy table lets the reader see it. */
export const exportEnrolments: Handlers<ExportsContract>['exportEnrolments'] = async (input, ctx) => {
  const scope = await scopeOf(ctx, exportRoles.enrolments, input.communityId);
  if (isFailure(scope)) return scope;
  return made(ctx, 'enrolments', scope, input, (book) =>
    book.sheet(
      {
        name: '报到回执',
        columns: [
          ...memberColumns,
          { key: 'status', header: '状态', width: 8 },
          { key: 'submittedAt', header: '提交时间', width: 17 },
          { key: 'reviewedAt', header: '审核时间', width: 17 },
          { key: 'reason', header: '驳回原因', width: 20 },
        ],
      },
      (add) =>
        checkinExport.eachEnrolment(ctx.store, memberScope(scope), rangeOf(input), async (reports) => {
          const name = await memberPlaces(ctx, reports);
          for (const r of reports)
            add({
              ...memberCells(scope, name, r),
              status: enrolmentStatusLabels[r.status],
              submittedAt: day(r.submittedAt),
              reviewedAt: day(r.reviewedAt),
              reason: r.reason ?? '',
            });
        }),
    ),
  );
};

/** 党员半年履责台账: each approved member against the half-year rule (services, claims, met or not). */
export const exportHalfYear: Handlers<ExportsContract>['exportHalfYear'] = async (input, ctx) => {
  const scope = await scopeOf(ctx, exportRoles.halfYear, input.communityId);
  if (isFailure(scope)) return scope;
  const range = rangeOf(input);
  return made(ctx, 'halfYear', scope, input, (book) =>
    book.sheet(
      {
        name: '半年履责',
        columns: [
          ...memberColumns,
          { key: 'services', header: '参加服务（次）', width: 14 },
          { key: 'claims', header: '认领岗位/心愿（个）', width: 18 },
          { key: 'met', header: '是否达标', width: 10 },
          { key: 'missing', header: '未达标项', width: 40 },
        ],
      },
      (add) =>
        checkinExport.eachApprovedMember(ctx.store, memberScope(scope), async (members) => {
          const openids = members.map((m) => m.openid);
          const [name, services, posts, wishes] = await Promise.all([
            memberPlaces(ctx, members),
            pointsExport.servicesOf(ctx.store, openids, range),
            checkinExport.postClaimsOf(ctx.store, openids, range),
            wishExport.claimsOf(ctx.store, openids, range),
          ]);
          for (const m of members) {
            const served = services.get(m.openid) ?? 0;
            const claimed = (posts.get(m.openid) ?? 0) + (wishes.get(m.openid) ?? 0);
            const missing = [
              ...(served < 1 ? ['未参加服务活动'] : []),
              ...(claimed < 1 ? ['未认领岗位、项目或微心愿'] : []),
            ];
            add({
              ...memberCells(scope, name, m),
              services: served,
              claims: claimed,
              met: missing.length === 0 ? '达标' : '未达标',
              missing: missing.join('；'),
            });
          }
        }),
    ),
  );
};

/** 微心愿台账: each wish posted in the period, its state and dates, the claimant and the confirmation. */
export const exportWishes: Handlers<ExportsContract>['exportWishes'] = async (input, ctx) => {
  const scope = await scopeOf(ctx, exportRoles.wishes, input.communityId);
  if (isFailure(scope)) return scope;
  return made(ctx, 'wishes', scope, input, (book) =>
    book.sheet(
      {
        name: '微心愿',
        columns: [
          { key: 'title', header: '心愿', width: 24 },
          { key: 'category', header: '类别', width: 10 },
          { key: 'community', header: '社区', width: 14 },
          { key: 'grid', header: '网格', width: 12 },
          { key: 'unit', header: '单元', width: 14 },
          { key: 'resident', header: '居民', width: 10 },
          { key: 'phone', header: '居民电话', width: 14 },
          { key: 'status', header: '状态', width: 8 },
          { key: 'createdAt', header: '发布时间', width: 17 },
          { key: 'claimant', header: '认领党员', width: 10 },
          { key: 'claimedAt', header: '认领时间', width: 17 },
          { key: 'fulfilledAt', header: '完成时间', width: 17 },
          { key: 'confirmedBy', header: '确认人', width: 10 },
          { key: 'confirmedAt', header: '确认时间', width: 17 },
          { key: 'points', header: '积分', width: 6 },
        ],
      },
      (add) =>
        wishExport.eachWish(
          ctx.store,
          scope.where as { districtId: string } | { communityId: string },
          rangeOf(input),
          async (wishes) => {
            const [name, people] = await Promise.all([
              placesOf(ctx, {
                communities: wishes.map((w) => w.communityId),
                grids: wishes.map((w) => w.gridId),
                units: wishes.map((w) => w.unitId),
              }),
              loadByIds<PersonDoc>(
                ctx.store,
                'people',
                wishes.map((w) => w.claimedBy),
              ),
            ]);
            for (const w of wishes) {
              const claimant = w.claimedBy ? (people.get(w.claimedBy)?.name ?? '') : '';
              add({
                title: w.title,
                category: w.category,
                community: name('communities', w.communityId),
                grid: name('grids', w.gridId),
                unit: name('units', w.unitId),
                resident: w.residentName ?? '',
                phone: phoneFor('wish', [scope.as], w.residentPhone) ?? '',
                status: wishStatusLabels[w.status],
                createdAt: day(w.createdAt),
                claimant,
                claimedAt: day(w.claimedAt),
                fulfilledAt: day(w.fulfilledAt),
                confirmedBy: !w.confirmedBy ? '' : w.confirmedBy === w.openid ? '居民' : '单元长',
                confirmedAt: day(w.confirmedAt),
                points: w.points,
              });
            }
          },
        ),
    ),
  );
};

const entryKinds: Record<string, string> = { credit: '获得', redeem: '兑换', refund: '退回', reversal: '更正' };

/** 积分台账: the members of the scope with their balances, and their ledger entries in the period. */
export const exportPoints: Handlers<ExportsContract>['exportPoints'] = async (input, ctx) => {
  const scope = await scopeOf(ctx, exportRoles.points, input.communityId);
  if (isFailure(scope)) return scope;
  const members: Array<{ openid: string; name: string; community: string }> = [];
  return made(ctx, 'points', scope, input, async (book) => {
    await book.sheet(
      { name: '党员积分', columns: [...memberColumns, { key: 'balance', header: '积分余额', width: 10 }] },
      (add) =>
        checkinExport.eachApprovedMember(ctx.store, memberScope(scope), async (page) => {
          const [name, balances] = await Promise.all([
            memberPlaces(ctx, page),
            pointsExport.balancesOf(
              ctx.store,
              page.map((m) => m.openid),
            ),
          ]);
          for (const m of page) {
            const cells = memberCells(scope, name, m);
            members.push({ openid: m.openid, name: m.name, community: String(cells.community) });
            add({ ...cells, balance: balances.get(m.openid) ?? 0 });
          }
        }),
    );
    const byOpenid = new Map(members.map((m) => [m.openid, m]));
    await book.sheet(
      {
        name: '积分明细',
        columns: [
          { key: 'name', header: '姓名', width: 10 },
          { key: 'community', header: '社区', width: 14 },
          { key: 'at', header: '时间', width: 17 },
          { key: 'kind', header: '类型', width: 8 },
          { key: 'amount', header: '积分', width: 8 },
          { key: 'reason', header: '说明', width: 30 },
          { key: 'balanceAfter', header: '余额', width: 8 },
        ],
      },
      (add) =>
        pointsExport.eachLedgerEntry(
          ctx.store,
          members.map((m) => m.openid),
          rangeOf(input),
          (entries) => {
            for (const e of entries) {
              const m = byOpenid.get(e.openid);
              add({
                name: m?.name ?? '',
                community: m?.community ?? '',
                at: day(e.at),
                kind: entryKinds[e.kind] ?? e.kind,
                amount: e.amount,
                reason: e.reason,
                balanceAfter: e.balanceAfter,
              });
            }
          },
        ),
    );
  });
};

const rate = (r: number | null) => (r === null ? '' : `${Math.round(r * 1000) / 10}%`);

/** 吹哨报到考核表: per department and month, the counts, the four rates and the assessment points. */
export const exportWhistles: Handlers<ExportsContract>['exportWhistles'] = async (input, ctx) => {
  const scope = await scopeOf(ctx, exportRoles.whistles, undefined);
  if (isFailure(scope)) return scope;
  const departmentId = 'departmentId' in scope.where ? scope.where.departmentId : undefined;
  return made(ctx, 'whistles', scope, input, async (book) => {
    const months = await whistleExport.departmentMonths(ctx.store, scope.districtId, monthsOf(input), departmentId);
    const departments = await loadPlaces<DepartmentDoc>(
      ctx.store,
      'departments',
      months.flat().map((t) => t.departmentId),
    );
    await book.sheet(
      {
        name: '考核表',
        columns: [
          { key: 'month', header: '月份', width: 9 },
          { key: 'department', header: '职能部门', width: 16 },
          { key: 'whistled', header: '接哨数', width: 8 },
          { key: 'acknowledgedOnTime', header: '按时报到', width: 9 },
          { key: 'respondedOnTime', header: '按时反馈', width: 9 },
          { key: 'resolved', header: '办结', width: 6 },
          { key: 'satisfied', header: '满意', width: 6 },
          { key: 'rated', header: '已评价', width: 7 },
          { key: 'overdue', header: '逾期未反馈', width: 11 },
          { key: 'responseRate', header: '响应率', width: 8 },
          { key: 'onTimeRate', header: '按时反馈率', width: 11 },
          { key: 'resolutionRate', header: '办结率', width: 8 },
          { key: 'satisfactionRate', header: '满意率', width: 8 },
          { key: 'points', header: '考核积分', width: 9 },
        ],
      },
      async (add) => {
        for (const month of months)
          for (const t of month.sort((a, b) => b.points - a.points))
            add({
              month: t.month,
              department: nameOf(departments, t.departmentId),
              whistled: t.whistled,
              acknowledgedOnTime: t.acknowledgedOnTime,
              respondedOnTime: t.respondedOnTime,
              resolved: t.resolved,
              satisfied: t.satisfied,
              rated: t.rated,
              overdue: t.overdue,
              responseRate: rate(t.responseRate),
              onTimeRate: rate(t.onTimeRate),
              resolutionRate: rate(t.resolutionRate),
              satisfactionRate: rate(t.satisfactionRate),
              points: t.points,
            });
      },
    );
  });
};
