import { profileDataset, type DatasetProfile, type ExistingType } from '@dqw/rule-engine';
import type { ProfileProgressEventData, VersionColumnDto } from '@dqw/shared-types';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { In, IsNull, LessThan, Repository } from 'typeorm';
import { Db } from '../../../core/database/db.service';
import { EventBus } from '../../../core/events/event-bus';
import { JobQueue } from '../../../core/queue/job-queue.service';
import { DatasetAccess } from '../dataset-access.service';
import { DatasetProfileRecord } from '../entities/dataset-profile.entity';
import { DatasetVersion } from '../entities/dataset-version.entity';
import { Dataset } from '../entities/dataset.entity';
import { BACKTEST_SAMPLE_ROWS, RecommendationsService } from '../recommendations/recommendations.service';
import { Sealer } from '../sealer';
import { VersionEvents } from '../version-listener';
import { schemaDrift } from './drift';

export type ProgressFn = (percent: number) => Promise<void>;

/** A first profile not started (or not finished) this long after the upload had its job lost, or is slow. */
export const PROFILE_RECOVERY_AFTER_MS = 2 * 60_000;

/**
 * Profiles dataset versions (on the `profiling` queue): the rule engine's SQL profile where the rows
 * live, types and drift recorded on the version, then recommendations. Progress and the outcome are
 * published as `profile.progress` and `dataset.updated` events.
 */
@Injectable()
export class ProfilingService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ProfilingService.name);

  constructor(
    @InjectRepository(Dataset) private readonly datasets: Repository<Dataset>,
    @InjectRepository(DatasetVersion) private readonly versions: Repository<DatasetVersion>,
    @InjectRepository(DatasetProfileRecord) private readonly profiles: Repository<DatasetProfileRecord>,
    private readonly db: Db,
    private readonly access: DatasetAccess,
    private readonly recommendations: RecommendationsService,
    private readonly queue: JobQueue,
    private readonly events: EventBus,
    private readonly versionEvents: VersionEvents,
    private readonly sealer: Sealer,
  ) {}

  /**
   * Queues the profile of a version. The job id is derived from the version (and, for a re-profile after the
   * dataset's settings changed, from that change), so a repeated request runs once.
   */
  async enqueue(version: Pick<DatasetVersion, 'id'>, revision?: string): Promise<void> {
    await this.queue.enqueue(
      'profiling',
      'profile-version',
      { versionId: version.id, ...(revision ? { revision } : {}) },
      { jobId: `profile-version:${version.id}${revision ? `:${revision}` : ''}` },
    );
  }

  /**
   * Versions whose first profile never finished while no job for it is pending (its job was lost: a worker
   * killed more often than the queue's stall limit allows) are queued again. Called every minute by the
   * maintenance queue; returns how many.
   */
  async recoverLost(now: Date): Promise<number> {
    const stuck = await this.versions.find({
      where: [
        { status: 'uploaded', createdAt: LessThan(new Date(now.getTime() - PROFILE_RECOVERY_AFTER_MS)) },
        {
          status: 'profiling',
          profiledAt: IsNull(),
          createdAt: LessThan(new Date(now.getTime() - PROFILE_RECOVERY_AFTER_MS)),
        },
      ],
      select: { id: true },
      take: 100,
    });
    let n = 0;
    for (const v of stuck) {
      const again = await this.queue.enqueueUnlessPending(
        'profiling',
        'profile-version',
        { versionId: v.id },
        { jobId: `profile-version:${v.id}` },
      );
      if (again) {
        this.logger.warn(`version ${v.id} was never profiled and had no pending job: queued again`);
        n++;
      }
    }
    return n;
  }

  /** The embedded queue keeps jobs in memory: re-queue what a stopped process left unprofiled. */
  async onApplicationBootstrap(): Promise<void> {
    try {
      const pending = await this.versions.find({
        where: { status: In(['uploaded', 'profiling']) },
        select: { id: true },
        take: 1000,
      });
      for (const v of pending) await this.enqueue(v);
    } catch (e) {
      this.logger.warn(`could not re-queue unprofiled versions: ${String(e)}`);
    }
  }

  private progress(
    datasetId: string,
    versionId: string,
    data: Omit<ProfileProgressEventData, 'datasetId' | 'versionId'>,
  ) {
    this.events.publish({ type: 'profile.progress', data: { datasetId, versionId, ...data } });
  }

  private updated(datasetId: string, versionId: string | null, status: string) {
    this.events.publish({ type: 'dataset.updated', data: { datasetId, versionId, status } });
  }

  /**
   * Profiles one version. Returns false when the version no longer exists (deleted meanwhile). A failure
   * marks the version `error` with the reason and is rethrown, so the queue retries transient ones.
   */
  async profileVersion(
    versionId: string,
    report: ProgressFn = async () => undefined,
    finalAttempt = true,
    revision?: string,
  ): Promise<boolean> {
    const version = await this.versions.findOneBy({ id: versionId });
    if (!version) return false;
    const dataset = await this.datasets.findOneBy({ id: version.datasetId });
    if (!dataset) return false;
    await this.versions.update({ id: version.id }, { status: 'profiling', error: null });
    this.progress(dataset.id, version.id, { percent: 5, phase: 'opening' });
    this.updated(dataset.id, version.id, 'profiling');
    await report(5);
    try {
      const others = await this.recommendations.candidateOthers(dataset);
      const opened = await this.access.open(dataset.id, {
        versionId: version.id,
        foreignDatasets: others.map((o) => o.name),
      });
      let profile: DatasetProfile;
      let isCurrent = false;
      try {
        this.progress(dataset.id, version.id, { percent: 15, phase: 'profiling' });
        await report(15);
        const existingTypes: Record<string, ExistingType> = {};
        for (const [name, o] of Object.entries(dataset.columnOverrides))
          existingTypes[name] = { type: o.type, format: o.format ?? null };
        profile = await profileDataset(opened.runner, opened.ref, { existingTypes });
        profile.versionId = version.id;
        this.progress(dataset.id, version.id, { percent: 60, phase: 'recommending' });
        await report(60);
        const columns = this.columnsFromProfile(version.columns, profile);
        const previous = await this.versions.findOne({
          where: { datasetId: dataset.id, number: LessThan(version.number) },
          order: { number: 'DESC' },
        });
        const drift =
          previous && previous.status === 'ready'
            ? schemaDrift(previous.id, previous.columns, columns)
            : null;
        await this.db.transaction(async (em) => {
          await em.delete(DatasetProfileRecord, { versionId: version.id });
          await em.save(
            em.create(DatasetProfileRecord, {
              id: randomUUID(),
              datasetId: dataset.id,
              versionId: version.id,
              profile: this.sealer.json(profile, dataset.sensitive),
              createdAt: new Date(),
            }),
          );
          await em.update(
            DatasetVersion,
            { id: version.id },
            {
              columns,
              rowCount: profile.rowCount,
              drift,
              status: 'ready',
              error: null,
              profiledAt: new Date(),
            },
          );
        });
        // Recommendations only for the current version: an older one being re-profiled proposes nothing.
        const fresh = await this.datasets.findOneBy({ id: dataset.id });
        isCurrent = fresh?.currentVersionId === version.id;
        if (fresh && isCurrent) {
          const sample = async () =>
            (await this.access.sampleRows(dataset.id, BACKTEST_SAMPLE_ROWS, version.id)).rows;
          await this.recommendations.refresh(fresh, version.id, profile, opened, others, sample);
        }
      } finally {
        await opened.close();
      }
      // The version's schema is final now: rules with the `upload` trigger run on it (first profile only).
      if (isCurrent && !revision)
        await this.versionEvents.versionReady(dataset.id, version.id, version.createdAt);
      this.progress(dataset.id, version.id, { percent: 100, phase: 'done' });
      this.updated(dataset.id, version.id, 'ready');
      await report(100);
      return true;
    } catch (e) {
      // DuckDB quotes whole rows in some messages: never store those (the row may be sensitive data).
      const message = (e instanceof Error ? e.message : String(e))
        .split('\n')
        .filter((l) => !/^\s*Original Line/i.test(l))
        .join('\n')
        .slice(0, 2000);
      if (finalAttempt) {
        await this.versions.update({ id: version.id }, { status: 'error', error: message });
        this.progress(dataset.id, version.id, { percent: 100, phase: 'error', error: message });
        this.updated(dataset.id, version.id, 'error');
      }
      throw e;
    }
  }

  /** The version's columns with what the profile read: the inferred type and format of text columns. */
  private columnsFromProfile(columns: VersionColumnDto[], profile: DatasetProfile): VersionColumnDto[] {
    const byName = new Map(profile.columns.map((c) => [c.name, c]));
    return columns.map((c) => {
      const p = byName.get(c.name);
      if (!p || c.storage === 'native') return c;
      return {
        ...c,
        type: p.inferredType,
        format: p.inferredType === 'date' || p.inferredType === 'timestamp' ? p.format : null,
      };
    });
  }

  /** Latest profile of a dataset (its current version's, else the newest one), decrypted. */
  async latest(datasetId: string): Promise<DatasetProfileRecord | null> {
    const d = await this.datasets.findOneBy({ id: datasetId });
    if (!d) return null;
    let p = d.currentVersionId ? await this.profiles.findOneBy({ versionId: d.currentVersionId }) : null;
    p ??= await this.profiles.findOne({ where: { datasetId }, order: { createdAt: 'DESC' } });
    return p ? this.opened(p) : null;
  }

  async forVersion(versionId: string): Promise<DatasetProfileRecord | null> {
    const p = await this.profiles.findOneBy({ versionId });
    return p ? this.opened(p) : null;
  }

  private opened(p: DatasetProfileRecord): DatasetProfileRecord {
    return { ...p, profile: this.sealer.openJson(p.profile) };
  }
}
