import 'reflect-metadata';
import { Problems } from '../../src/common/user-error';
import { checkTransfer, MAX_OWNER, MAX_TRANSFER_REASON, normalizeOwner, ownedByFilter } from '../../src/cases/case-ownership';
import { timelineNote } from '../../src/timeline/timeline-notes';

// 首问负责: what a transfer and the `ownedBy` filter accept (src/cases/case-ownership.ts).

const problemsOf = (to: string, reason: string) => {
  const problems = new Problems();
  const request = checkTransfer(to, reason, problems);
  return { request, found: problems.list.map((p) => ({ code: p.code, field: p.field })) };
};

describe('an owner', () => {
  it('is a user id of 1 to 100 characters on one line, trimmed', () => {
    expect(normalizeOwner('  clerk-370783104 ')).toBe('clerk-370783104');
    expect(normalizeOwner('窗口-张三')).toBe('窗口-张三');
    expect(normalizeOwner('x'.repeat(MAX_OWNER))).toBe('x'.repeat(MAX_OWNER));
    for (const bad of ['', '   ', 'x'.repeat(MAX_OWNER + 1), 'a\nb', 'a\u0000b', 'a\u2028b', 'a\u007fb']) expect(normalizeOwner(bad)).toBeNull();
  });
});

describe('a transfer', () => {
  it('takes the new owner and the reason trimmed', () => {
    expect(problemsOf(' clerk-b ', '  调岗，由同事接手 ')).toEqual({ request: { to: 'clerk-b', reason: '调岗，由同事接手' }, found: [] });
    expect(problemsOf('clerk-b', '因'.repeat(MAX_TRANSFER_REASON)).found).toEqual([]);
  });

  it('names every bad input with its code and field', () => {
    expect(problemsOf(' ', ' ').found).toEqual([
      { code: 'INVALID_OWNER', field: ['to'] },
      { code: 'INVALID_REASON', field: ['reason'] },
    ]);
    expect(problemsOf('clerk-b', '因'.repeat(MAX_TRANSFER_REASON + 1)).found).toEqual([{ code: 'INVALID_REASON', field: ['reason'] }]);
    expect(problemsOf('x'.repeat(MAX_OWNER + 1), '调岗').found).toEqual([{ code: 'INVALID_OWNER', field: ['to'] }]);
  });

  it('reads on the timeline in both languages', () => {
    const event = { type: 'CASE_OWNER_TRANSFERRED', note: null, params: JSON.stringify({ from: 'clerk-a', to: 'clerk-b', reason: '调岗' }) };
    expect(timelineNote(event, 'zh-CN')).toBe('负责人由 clerk-a 转交给 clerk-b；转交原因：调岗');
    expect(timelineNote(event, 'en')).toBe('ownership passed from clerk-a to clerk-b: 调岗');
  });
});

describe('the ownedBy filter', () => {
  it('is absent, or an owner; anything else is BAD_USER_INPUT on filter.ownedBy', () => {
    expect(ownedByFilter(undefined)).toBeNull();
    expect(ownedByFilter(null)).toBeNull();
    expect(ownedByFilter(' clerk-a ')).toBe('clerk-a');
    expect(() => ownedByFilter('  ')).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: ['filter', 'ownedBy'] } }));
  });
});
