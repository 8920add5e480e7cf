import type { TestProject } from 'vitest/node';
import { postgresAvailable } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAvailable: boolean;
  }
}

/** Probes PostgreSQL once for the whole run (and fails the run on CI when it is missing). */
export default async function setup(project: TestProject): Promise<void> {
  project.provide('pgAvailable', await postgresAvailable());
}
