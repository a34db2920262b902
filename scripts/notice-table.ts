import { noticeTable, type Audience, type NoticeRow } from '../shared/src/messages/notices';

/** Who an audience is, in the README's words (an owner depends on the record). */
const audienceLabels: Record<Audience, string> = {
  owner: 'who made it',
  claimant: 'the member holding the wish',
  formerClaimant: 'the member who held the wish',
  station: 'the station (社区红领工作站)',
  reviewers: 'the station and the grid secretary',
  unitLeader: 'the unit leader (单元长)',
  confirmer: 'the organiser, or the unit leader',
  orgAdmin: 'the member’s organisation (报到单位党支部)',
  department: 'the department’s staff',
  district: 'the district (区委组织部)',
  registered: 'the members signed up',
  requester: 'who asked with the invitation code',
};
const owners: Record<string, string> = {
  report: 'the member',
  attendance: 'the member',
  service: 'the member',
  order: 'the member',
  wish: 'the resident',
  problem: 'the resident',
  grant: 'the person who holds the role',
};

/**
 * The README's table of notices, made from the notice table: one line per message a change sends (title,
 * who, the page it opens, the subscribe template's kind and state). A test keeps the README equal to it.
 */
export function noticeTableMarkdown(): string {
  const lines = ['| change | notice | to | opens | kind | state |', '|---|---|---|---|---|---|'];
  for (const [key, row] of Object.entries(noticeTable) as Array<[string, NoticeRow]>) {
    const entity = key.split('.')[0] as string;
    for (const [audience, told] of Object.entries(row.to) as Array<
      [Audience, NonNullable<NoticeRow['to'][Audience]>]
    >) {
      const who = audience === 'owner' ? (owners[entity] ?? audienceLabels.owner) : audienceLabels[audience];
      const kind = row.template?.kind ?? 'notice';
      const state = row.template && 'state' in row.template ? row.template.state : '—';
      lines.push(`| \`${key}\` | ${told.title ?? row.title} | ${who} | \`${told.page}\` | \`${kind}\` | ${state} |`);
    }
  }
  return lines.join('\n');
}

if (require.main === module) console.log(noticeTableMarkdown());
