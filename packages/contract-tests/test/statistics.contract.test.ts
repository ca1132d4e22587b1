// Contract tests of the statistics through the SDK (`omnidesk.statistics`): the staff and group
// leaderboards of a period. Both answer the whole leaderboard at once, without total_count.
import { toUnixTime, ValidationError } from '@omnidesk-openapi/client';
import { expect, it } from 'vitest';
import { prefer, recording, sdk, type Omnidesk, type RequestOptions } from '../src/client.js';
import { covers } from '../src/covers.js';
import { declaredErrors, rejection } from '../src/errors.js';
import { parameterExample, responseExample } from '../src/examples.js';

/** The entries of a leaderboard answer, in order, unwrapped; it has no total_count. */
function leaderboard(body: Record<string, any>, key: string) {
  const items = Object.keys(body)
    .filter((k) => /^\d+$/.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => body[k][key]);
  return { items, total: items.length };
}

covers('getStaffLeaderboard', (op) => {
  const period = { from_time: parameterExample('getStaffLeaderboard', 'from_time'), to_time: parameterExample('getStaffLeaderboard', 'to_time') };
  const call = (o: Omnidesk, options?: RequestOptions) => o.statistics.staffLeaderboard(period, options);

  it('returns the staff leaderboard of the period { items, total } (total: its length)', async () => {
    const { omnidesk, sent } = recording();
    const board = await omnidesk.statistics.staffLeaderboard(period);
    expect(board).toEqual(leaderboard(responseExample('getStaffLeaderboard', 'period'), 'staff'));
    expect(board.items.length).toBeGreaterThan(1);
    expect(sent[0]!.url.searchParams.get('from_time')).toBe(period.from_time);
    expect(sent[0]!.url.searchParams.get('to_time')).toBe(period.to_time);
  });

  it('takes the period as Unix timestamps too (toUnixTime)', async () => {
    const { omnidesk, sent } = recording();
    const from = toUnixTime(new Date('2015-01-01T00:00:00+03:00'));
    const to = toUnixTime(new Date('2015-12-05T00:00:00+03:00'));
    expect(await omnidesk.statistics.staffLeaderboard({ from_time: from, to_time: to })).toEqual(
      leaderboard(responseExample('getStaffLeaderboard', 'period'), 'staff'),
    );
    expect(sent[0]!.url.searchParams.get('from_time')).toBe('1420059600');
    expect(sent[0]!.url.searchParams.get('to_time')).toBe('1449262800');
  });

  it('returns an empty period as { items: [], total: 0 }', async () => {
    expect(await call(sdk(), prefer('example=empty'))).toEqual({ items: [], total: 0 });
  });

  it('throws ValidationError without the required to_time', async () => {
    const error = await rejection(sdk().statistics.staffLeaderboard({ from_time: period.from_time } as typeof period), ValidationError);
    expect(error.status).toBe(422);
    expect(error.details).toContainEqual(expect.objectContaining({ location: ['request', 'query'], code: 'required' }));
    expect(JSON.stringify(error.details)).toContain('to_time');
  });

  declaredErrors(op, call);
});

covers('getGroupLeaderboard', (op) => {
  const period = { from_time: parameterExample('getGroupLeaderboard', 'from_time'), to_time: parameterExample('getGroupLeaderboard', 'to_time') };
  const call = (o: Omnidesk, options?: RequestOptions) => o.statistics.groupLeaderboard(period, options);

  it('returns the group leaderboard of the period { items, total } (total: its length)', async () => {
    const { omnidesk, sent } = recording();
    expect(await omnidesk.statistics.groupLeaderboard(period)).toEqual(leaderboard(responseExample('getGroupLeaderboard', 'period'), 'group'));
    expect(sent[0]!.target).toMatch(/^\/stats_lb_groups\.json\?from_time=/);
  });

  it('returns an empty period as { items: [], total: 0 }', async () => {
    expect(await call(sdk(), prefer('example=empty'))).toEqual({ items: [], total: 0 });
  });

  declaredErrors(op, call);
});
