// Contract tests of the statistics through the SDK (`omnidesk.statistics`): the leaderboard report,
// the satisfaction ratings, and the deprecated staff and group leaderboards of a period. The
// leaderboards answer the whole board at once, without total_count.
import { toUnixTime, ValidationError } from '@omnidesk-openapi/client';
import { expect, it } from 'vitest';
import { type Omnidesk, prefer, type RequestOptions, recording, sdk } from '../src/client.js';
import { covers } from '../src/covers.js';
import { declaredErrors, rejection } from '../src/errors.js';
import { parameterExample, queryExamples, responseExample, wholeListOf } from '../src/examples.js';
import { recordOf } from '../src/json.js';

covers('getStaffLeaderboard', (op) => {
  const period = {
    from_time: parameterExample('getStaffLeaderboard', 'from_time'),
    to_time: parameterExample('getStaffLeaderboard', 'to_time'),
  };
  const call = (o: Omnidesk, options?: RequestOptions) => o.statistics.getStaffLeaderboard(period, options);

  it('returns the staff leaderboard of the period { items, total } (total: its length)', async () => {
    const { omnidesk, sent } = recording();
    const board = await omnidesk.statistics.getStaffLeaderboard(period);
    expect(board).toEqual(wholeListOf(responseExample('getStaffLeaderboard', 'period'), 'staff'));
    expect(board.items.length).toBeGreaterThan(1);
    expect(sent[0]!.url.searchParams.get('from_time')).toBe(period.from_time);
    expect(sent[0]!.url.searchParams.get('to_time')).toBe(period.to_time);
  });

  it('takes the period as Unix timestamps too (toUnixTime)', async () => {
    const { omnidesk, sent } = recording();
    const from = toUnixTime(new Date('2015-01-01T00:00:00+03:00'));
    const to = toUnixTime(new Date('2015-12-05T00:00:00+03:00'));
    expect(await omnidesk.statistics.getStaffLeaderboard({ from_time: from, to_time: to })).toEqual(
      wholeListOf(responseExample('getStaffLeaderboard', 'period'), 'staff'),
    );
    expect(sent[0]!.url.searchParams.get('from_time')).toBe('1420059600');
    expect(sent[0]!.url.searchParams.get('to_time')).toBe('1449262800');
  });

  it('returns an empty period as { items: [], total: 0 }', async () => {
    expect(await call(sdk(), prefer('example=empty'))).toEqual({ items: [], total: 0 });
  });

  it('throws ValidationError without the required to_time', async () => {
    const error = await rejection(sdk().statistics.getStaffLeaderboard({ from_time: period.from_time } as typeof period), ValidationError);
    expect(error.status).toBe(422);
    expect(error.details).toContainEqual(expect.objectContaining({ location: ['request', 'query'], code: 'required' }));
    expect(JSON.stringify(error.details)).toContain('to_time');
  });

  declaredErrors(op, call);
});

covers('getGroupLeaderboard', (op) => {
  const period = {
    from_time: parameterExample('getGroupLeaderboard', 'from_time'),
    to_time: parameterExample('getGroupLeaderboard', 'to_time'),
  };
  const call = (o: Omnidesk, options?: RequestOptions) => o.statistics.getGroupLeaderboard(period, options);

  it('returns the group leaderboard of the period { items, total } (total: its length)', async () => {
    const { omnidesk, sent } = recording();
    expect(await omnidesk.statistics.getGroupLeaderboard(period)).toEqual(
      wholeListOf(responseExample('getGroupLeaderboard', 'period'), 'group'),
    );
    expect(sent[0]!.target).toMatch(/^\/stats_lb_groups\.json\?from_time=/);
  });

  it('returns an empty period as { items: [], total: 0 }', async () => {
    expect(await call(sdk(), prefer('example=empty'))).toEqual({ items: [], total: 0 });
  });

  declaredErrors(op, call);
});

covers('getLeaderboard', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.statistics.getLeaderboard({ period: 'last_7_days' }, options);

  it('returns the report of a standard period as { items, total } (total: its length)', async () => {
    const { omnidesk, sent } = recording();
    const board = await omnidesk.statistics.getLeaderboard({ period: 'last_7_days' });
    expect(board).toEqual(wholeListOf(responseExample('getLeaderboard', 'period'), 'staff'));
    expect(board.items.map((line) => line.staff_id)).toEqual([42047, 193]);
    expect(sent[0]!.target).toBe('/stats_leaderboard.json?period=last_7_days');
  });

  it('takes a custom range as from_time/to_time (date strings or Unix timestamps)', async () => {
    const { omnidesk, sent } = recording();
    const from = parameterExample('getLeaderboard', 'from_time');
    await omnidesk.statistics.getLeaderboard({ from_time: from, to_time: toUnixTime(new Date('2023-06-30T23:59:59+03:00')) });
    expect(sent[0]!.url.searchParams.get('from_time')).toBe(from);
    expect(sent[0]!.url.searchParams.get('to_time')).toBe('1688158799');
  });

  it('sends every filter PHP-style, and the mock accepts them', async () => {
    const { omnidesk, sent } = recording();
    await omnidesk.statistics.getLeaderboard({ ...queryExamples('getLeaderboard'), group_id: [318, 319] });
    const target = decodeURIComponent(sent[0]!.target);
    expect(target).toContain('group_id[]=318&group_id[]=319');
    expect(target).toContain('labels[]=101');
    expect(target).toContain('custom_fields[cf_25]=data');
  });

  it('returns a period without data ([]) as { items: [], total: 0 }', async () => {
    expect(await call(sdk(), prefer('example=empty'))).toEqual({ items: [], total: 0 });
  });

  it('throws ValidationError for an initiator other than user or agent', async () => {
    const error = await rejection(sdk().statistics.getLeaderboard({ period: 'today', initiator: 'bot' as 'user' }), ValidationError);
    expect(error.details).toContainEqual(expect.objectContaining({ location: ['request', 'query', 'initiator'], code: 'enum' }));
  });

  declaredErrors(op, call);
});

covers('listSatisfactionRatings', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.statistics.listSatisfactionRatings({ period: 'last_30_days' }, options);

  it('returns a page of ratings { items, total }: the entries as sent (not wrapped), total_count', async () => {
    const body = recordOf(responseExample('listSatisfactionRatings', 'page'), 'the page example');
    const page = await call(sdk());
    expect(page).toEqual({ items: [body['0'], body['1']], total: body.total_count });
    expect(page.items[0]!.rating).toBe('3');
  });

  it('sends every filter PHP-style, and the mock accepts them', async () => {
    const { omnidesk, sent } = recording();
    await omnidesk.statistics.listSatisfactionRatings({ ...queryExamples('listSatisfactionRatings'), rating: ['low', 'middle'] });
    const target = decodeURIComponent(sent[0]!.target);
    expect(target).toContain('rating[]=low&rating[]=middle');
    expect(target).toContain('sort=added_at_desc');
    expect(target).toContain('rating_comment=true');
  });

  it('returns a period without ratings as { items: [], total: 0 }', async () => {
    expect(await call(sdk(), prefer('example=empty'))).toEqual({ items: [], total: 0 });
  });

  it('throws ValidationError for a rating filter outside low/middle/high, and a too short e-mail', async () => {
    const rating = await rejection(
      sdk().statistics.listSatisfactionRatings({ period: 'today', rating: 'positive' as 'low' }),
      ValidationError,
    );
    expect(rating.details).toContainEqual(expect.objectContaining({ location: ['request', 'query', 'rating'] }));
    const email = await rejection(sdk().statistics.listSatisfactionRatings({ period: 'today', user_email: 'a@b' }), ValidationError);
    expect(email.details).toContainEqual(expect.objectContaining({ location: ['request', 'query', 'user_email'] }));
  });

  declaredErrors(op, call);
});
