import { describe, expect, it } from 'vitest';
import { readYaml } from './support';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  'runs-on': string;
  steps: Step[];
}
interface Workflow {
  on: { push?: { tags?: string[] }; workflow_dispatch?: unknown };
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflow = readYaml('.github/workflows/release.yml') as Workflow;

function jobOn(runner: string): Job {
  const job = Object.values(workflow.jobs).find((candidate) => candidate['runs-on'] === runner);
  if (!job) throw new Error(`no job runs on ${runner}`);
  return job;
}

/** Index of the first step whose `run` or `uses` matches; -1 when none does. */
const stepIndex = (job: Job, pattern: RegExp) => job.steps.findIndex((step) => pattern.test(step.run ?? step.uses ?? ''));

describe('release workflow', () => {
  it('runs on version tags and by hand', () => {
    expect(workflow.on.push?.tags).toContain('v*');
    expect(workflow.on).toHaveProperty('workflow_dispatch');
  });

  it('bakes the update server URL in from the environment', () => {
    expect(workflow.env?.QUAY_UPDATE_URL).toMatch(/vars\.QUAY_UPDATE_URL/);
  });

  describe.each([
    ['windows-latest', '--win'],
    ['ubuntu-latest', '--linux'],
  ])('the %s job', (runner, platformFlag) => {
    const job = jobOn(runner);

    it('sets up Node 22', () => {
      const setup = job.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
      expect(String(setup?.with?.['node-version'])).toBe('22');
    });

    it('installs, fetches the Electron binary, rebuilds native modules, builds, then packages', () => {
      const order = [
        stepIndex(job, /^npm ci$/),
        stepIndex(job, /node node_modules\/electron\/install\.js/),
        stepIndex(job, /electron-builder install-app-deps/),
        stepIndex(job, /^npm run build$/),
        stepIndex(job, new RegExp(`^npm run release -- ${platformFlag}\\b`)),
        stepIndex(job, /^actions\/upload-artifact@/),
      ];
      expect(
        order.every((index) => index >= 0),
        JSON.stringify(order),
      ).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
    });
  });

  it('signs the Windows installer with secrets passed only to the packaging step', () => {
    const job = jobOn('windows-latest');
    const packaging = job.steps[stepIndex(job, /^npm run release -- --win\b/)];
    expect(packaging?.env).toEqual({
      CSC_LINK: '${{ secrets.CSC_LINK }}',
      CSC_KEY_PASSWORD: '${{ secrets.CSC_KEY_PASSWORD }}',
    });
    expect(workflow.env ?? {}).not.toHaveProperty('CSC_LINK');
  });

  it('uploads the installers with their update metadata', () => {
    const paths = (runner: string) =>
      String(jobOn(runner).steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'))?.with?.path);
    expect(paths('windows-latest')).toMatch(/release\/\*\.exe[\s\S]*release\/latest\.yml/);
    expect(paths('ubuntu-latest')).toMatch(/release\/\*\.AppImage[\s\S]*release\/\*\.deb[\s\S]*release\/latest-linux\.yml/);
  });
});
