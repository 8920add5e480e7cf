import { Injectable } from '@nestjs/common';
import type { Principal } from '../../core/auth/principal';
import { ConflictError } from '../../core/http/domain-errors';
import { RulesDatasets } from './datasets.port';
import type { AcceptRecommendationDto } from './dto/rule-requests.dto';
import type { Rule } from './rule.entity';
import { RulesService } from './rules.service';

@Injectable()
export class RecommendationAcceptance {
  constructor(
    private readonly datasets: RulesDatasets,
    private readonly rules: RulesService,
  ) {}

  /** Creates the rule (DSL validated like any rule), then marks the recommendation accepted. */
  async accept(datasetId: string, rid: string, dto: AcceptRecommendationDto, by: Principal): Promise<Rule> {
    const rec = await this.datasets.recommendation(datasetId, rid);
    if (rec.status === 'accepted') throw new ConflictError(`Recommendation ${rid} was already accepted`);
    const dsl = dto.dsl ?? rec.dsl;
    const rule = await this.rules.create(
      {
        datasetId,
        name: dto.name ?? dsl.trim().slice(0, 200),
        description: dto.description !== undefined ? dto.description : rec.rationale,
        dsl,
        severity: dto.severity,
        active: dto.active,
        schedule: dto.schedule,
      },
      by,
    );
    try {
      await this.datasets.markRecommendationAccepted(datasetId, rid, rule.id, rule.dsl, by.userId);
    } catch (e) {
      // Accepted concurrently by someone else: keep only their rule.
      await this.rules.remove(rule.id).catch(() => undefined);
      throw e;
    }
    return rule;
  }
}
