import type { TestProject } from 'vitest/node';
import { migratedCentralTemplate } from '../helpers/central-template';

declare module 'vitest' {
  export interface ProvidedContext {
    centralTemplate: string;
  }
}

/** Each test file's gateway starts from a copy of one migrated data folder (tests/helpers/central-template.ts). */
export default async function setup(project: TestProject): Promise<void> {
  project.provide('centralTemplate', await migratedCentralTemplate());
}
