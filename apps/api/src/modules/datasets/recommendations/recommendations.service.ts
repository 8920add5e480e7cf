import {
  backtestInMemory,
  backtestOnSql,
  recommendRules,
  type DatasetProfile,
  type InMemoryRows,
  type OtherDataset,
  type Suggestion,
} from '@dqw/rule-engine';
import type { Paged, RecommendationStatus } from '@dqw/shared-types';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { In, Not, Repository } from 'typeorm';
import { Db } from '../../../core/database/db.service';
import { regexEngine } from '../../../core/engines/regex';
import { ConflictError, NotFoundError } from '../../../core/http/domain-errors';
import { AuditService } from '../../audit/audit.service';
import type { OpenedDataset } from '../dataset-access.service';
import { toRecommendationDto } from '../dataset.mapper';
import { DatasetProfileRecord } from '../entities/dataset-profile.entity';
import { Dataset } from '../entities/dataset.entity';
import { Recommendation } from '../entities/recommendation.entity';
import { Sealer } from '../sealer';

/** Other datasets a FOREIGN_KEY may point into, considered per profile (the recommender keeps unique keys). */
const MAX_OTHER_DATASETS = 20;
const HISTORY_PROFILES = 10;
/** Datasets up to this many rows are back-tested with SQL on all their rows. */
export const SQL_BACKTEST_MAX_ROWS = 250_000;
export const BACKTEST_SAMPLE_ROWS = 1000;

export type RecommendationView = ReturnType<typeof toRecommendationDto>;

/** `TYPE:column`, plus the referenced dataset for FOREIGN_KEY: the identity of a proposal over versions. */
export function fingerprintOf(s: Pick<Suggestion, 'type' | 'column' | 'ast'>): string {
  const ref = s.ast.type === 'FOREIGN_KEY' ? `>${s.ast.refDataset.toLowerCase()}` : '';
  return `${s.type}:${s.column ?? '*'}${ref}`.slice(0, 700);
}

/**
 * Proposed rules per dataset. Each new profile refreshes the proposals; a dismissed or accepted
 * fingerprint is never proposed again. Accepting (which creates the rule) lives with the rules module,
 * which calls `markAccepted`.
 */
@Injectable()
export class RecommendationsService {
  constructor(
    @InjectRepository(Recommendation) private readonly repo: Repository<Recommendation>,
    @InjectRepository(Dataset) private readonly datasets: Repository<Dataset>,
    @InjectRepository(DatasetProfileRecord) private readonly profiles: Repository<DatasetProfileRecord>,
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly sealer: Sealer,
  ) {}

  /** Datasets this one's profile may reference: same engine and reachable from its runner, with a profile. */
  async candidateOthers(dataset: Dataset): Promise<{ name: string; profile: DatasetProfile }[]> {
    const where =
      dataset.sourceType === 'csv'
        ? { sourceType: 'csv' as const, id: Not(dataset.id) }
        : { sourceType: 'table' as const, connectionId: dataset.connectionId ?? '', id: Not(dataset.id) };
    const others = await this.datasets.find({
      where,
      order: { updatedAt: 'DESC' },
      take: MAX_OTHER_DATASETS,
    });
    const ids = others.map((o) => o.currentVersionId).filter((v): v is string => !!v);
    if (!ids.length) return [];
    const profiles = await this.profiles.find({ where: { versionId: In(ids) } });
    const byVersion = new Map(profiles.map((p) => [p.versionId, this.sealer.openJson(p.profile)]));
    return others.flatMap((o) => {
      const profile = o.currentVersionId ? byVersion.get(o.currentVersionId) : undefined;
      return profile ? [{ name: o.name, profile }] : [];
    });
  }

  /** Recomputes the proposals of a dataset from its newest profile, back-tested on its own data. */
  async refresh(
    dataset: Dataset,
    versionId: string,
    profile: DatasetProfile,
    opened: OpenedDataset,
    others: { name: string; profile: DatasetProfile }[],
    sample: () => Promise<InMemoryRows>,
  ): Promise<void> {
    const history = (
      await this.profiles.find({
        where: { datasetId: dataset.id, versionId: Not(versionId) },
        order: { createdAt: 'DESC' },
        take: HISTORY_PROFILES,
      })
    ).map((p) => this.sealer.openJson(p.profile));
    const otherDatasets: OtherDataset[] = others.map((o) => ({
      name: o.name,
      profile: o.profile,
      ref: opened.resolveDataset(o.name),
    }));
    const suggestions = recommendRules({ ...profile, dataset: dataset.name }, { otherDatasets, history });
    // Back-testing is one more full scan; past SQL_BACKTEST_MAX_ROWS it runs on a bounded sample in memory
    // (the proposals themselves come from statistics of every row), keeping FOREIGN_KEYs it can't check.
    const { accepted } =
      profile.rowCount <= SQL_BACKTEST_MAX_ROWS
        ? await backtestOnSql(opened.runner, opened.ref, profile, suggestions, {
            otherDatasets,
            regexEngine: regexEngine(),
          })
        : await backtestInMemory(opened.ref.schema, await sample(), profile, suggestions, {
            regexEngine: regexEngine(),
            keepUnchecked: true,
          });
    const best = new Map<string, Suggestion>();
    for (const s of [...accepted].sort((a, b) => b.confidence - a.confidence)) {
      const fp = fingerprintOf(s);
      if (!best.has(fp)) best.set(fp, s);
    }
    await this.db.transaction(async (em) => {
      const existing = await em.find(Recommendation, { where: { datasetId: dataset.id } });
      const byFp = new Map(existing.map((r) => [r.fingerprint, r]));
      const now = new Date();
      for (const [fp, s] of best) {
        const r = byFp.get(fp);
        const evidence = { heuristic: s.heuristic, history: s.history, backtest: s.backtest };
        if (r) {
          if (r.status !== 'proposed') continue;
          Object.assign(r, {
            versionId,
            dsl: this.sealer.text(s.dsl, dataset.sensitive),
            rationale: this.sealer.text(s.rationale, dataset.sensitive),
            confidence: s.confidence,
            evidence,
            updatedAt: now,
          });
          await em.save(r);
          continue;
        }
        await em.save(
          em.create(Recommendation, {
            id: randomUUID(),
            datasetId: dataset.id,
            versionId,
            column: s.column,
            type: s.type,
            fingerprint: fp,
            dsl: this.sealer.text(s.dsl, dataset.sensitive),
            rationale: this.sealer.text(s.rationale, dataset.sensitive),
            confidence: s.confidence,
            status: 'proposed',
            evidence,
            acceptedDsl: null,
            ruleId: null,
            decidedBy: null,
            decidedAt: null,
            createdAt: now,
            updatedAt: now,
          }),
        );
      }
      // Proposals the new data no longer supports disappear; decisions stay.
      const stale = existing
        .filter((r) => r.status === 'proposed' && !best.has(r.fingerprint))
        .map((r) => r.id);
      if (stale.length) await em.delete(Recommendation, { id: In(stale) });
    });
  }

  async list(
    datasetId: string,
    q: { status?: RecommendationStatus | 'all'; page?: number; pageSize?: number },
  ): Promise<Paged<RecommendationView>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const status = q.status ?? 'proposed';
    const [rows, total] = await this.repo.findAndCount({
      where: { datasetId, ...(status === 'all' ? {} : { status }) },
      order: { confidence: 'DESC', fingerprint: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: rows.map((r) => toRecommendationDto(this.opened(r))), total, page, pageSize };
  }

  /** A recommendation with its texts decrypted. */
  async get(datasetId: string, id: string): Promise<Recommendation> {
    const r = await this.repo.findOneBy({ id, datasetId });
    if (!r) throw new NotFoundError('Recommendation', id);
    return this.opened(r);
  }

  private opened(r: Recommendation): Recommendation {
    return {
      ...r,
      dsl: this.sealer.openText(r.dsl),
      rationale: this.sealer.openText(r.rationale),
      acceptedDsl: r.acceptedDsl === null ? null : this.sealer.openText(r.acceptedDsl),
    };
  }

  async dismiss(datasetId: string, id: string, userId: string | null): Promise<Recommendation> {
    const r = await this.get(datasetId, id);
    if (r.status === 'accepted')
      throw new ConflictError('This recommendation was accepted; delete the rule instead');
    if (r.status === 'proposed') {
      const now = new Date();
      Object.assign(r, { status: 'dismissed', decidedBy: userId, decidedAt: now, updatedAt: now });
      // Only the decision: `r` holds decrypted texts that must not be written back.
      await this.repo.update(
        { id },
        { status: 'dismissed', decidedBy: userId, decidedAt: now, updatedAt: now },
      );
      await this.audit.record({
        action: 'recommendation.dismiss',
        entityType: 'dataset',
        entityId: datasetId,
        summary: `Dismissed the ${r.type} recommendation for ${r.column ?? 'the dataset'}`,
        changes: { recommendationId: id, fingerprint: r.fingerprint },
      });
    }
    return r;
  }

  /**
   * Records acceptance (the rules module created rule `ruleId` from `dsl`). Atomic: of two concurrent
   * acceptances only one succeeds, the other gets 409.
   */
  async markAccepted(
    datasetId: string,
    id: string,
    ruleId: string,
    dsl: string | null,
    userId: string | null,
  ): Promise<void> {
    await this.get(datasetId, id);
    const sensitive = (await this.datasets.findOneBy({ id: datasetId }))?.sensitive ?? false;
    const now = new Date();
    const res = await this.repo.update(
      { id, datasetId, status: Not('accepted') },
      {
        status: 'accepted',
        ruleId,
        acceptedDsl: dsl === null ? null : this.sealer.text(dsl, sensitive),
        decidedBy: userId,
        decidedAt: now,
        updatedAt: now,
      },
    );
    if (!res.affected) throw new ConflictError(`Recommendation ${id} was already accepted`);
    await this.audit.record({
      action: 'recommendation.accept',
      entityType: 'dataset',
      entityId: datasetId,
      summary: `Accepted a recommendation as rule ${ruleId}`,
      changes: { recommendationId: id, ruleId },
    });
  }
}
