import { JOB_NAMES, jobsOf } from '../../src/jobs';

// Which periodic jobs a process runs is decided in one place (src/jobs.ts).
describe('jobsOf', () => {
  it('the first process of a machine runs every job; another worker and a dispatcher alone deliver only', () => {
    expect([...jobsOf({ periodicJobs: true }, 'first')]).toEqual([...JOB_NAMES]);
    expect([...jobsOf({ periodicJobs: true }, 'other-worker')]).toEqual(['dispatcher']);
    expect([...jobsOf({ periodicJobs: true }, 'dispatcher-only')]).toEqual(['dispatcher']);
  });

  it('HUB_PERIODIC_JOBS=off leaves the machine-wide jobs to another machine, never delivery', () => {
    expect([...jobsOf({ periodicJobs: false }, 'first')]).toEqual(['dispatcher']);
  });
});
