import { maskGivenName, needsPublicNotice, noticePeriod, noticeText } from '../../src/referrals/public-notice';
import { Decision } from '../../src/referrals/referral-status';

describe('the public notice (公示) of an approval', () => {
  it('is needed for a 低保 or 特困 approval only', () => {
    expect(needsPublicNotice('MINIMUM_LIVING', Decision.APPROVED)).toBe(true);
    expect(needsPublicNotice('EXTREME_POVERTY', Decision.APPROVED)).toBe(true);
    expect(needsPublicNotice('MINIMUM_LIVING', Decision.REJECTED)).toBe(false);
    expect(needsPublicNotice('TEMPORARY', Decision.APPROVED)).toBe(false);
  });

  it('masks the given name, keeping a two-character surname whole', () => {
    expect(maskGivenName('王秀英')).toBe('王**');
    expect(maskGivenName('李强')).toBe('李*');
    expect(maskGivenName('欧阳娜娜')).toBe('欧阳**');
    expect(maskGivenName('欧阳')).toBe('欧*'); // a two-character name is surname and given name
  });

  it('runs the 7 days after the decision', () => {
    expect(noticePeriod('2026-03-02', '2026-03-09')).toEqual({ startsOn: '2026-03-03', endsOn: '2026-03-09' });
  });

  it('says who (masked), where, what and how much, and nothing more', () => {
    const text = noticeText({ applicantName: '王秀英', place: '台头镇', category: 'MINIMUM_LIVING', amountFen: 83800, startsOn: '2026-03-03', endsOn: '2026-03-09' });
    expect(text).toBe(
      [
        '最低生活保障审批公示',
        '经申请、调查和审核，拟对以下家庭给予最低生活保障：',
        '申请人：王**　所在地：台头镇　类别：最低生活保障　月保障金额：838.00元',
        '公示期：2026-03-03至2026-03-09。如有异议，请在公示期内向乡镇人民政府（街道办事处）反映。',
      ].join('\n'),
    );
  });
});
