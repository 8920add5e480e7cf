import type { AuditInput } from '../audit/audit.service';
import type { Incident } from './incident.entity';

/**
 * What a transaction on incidents leaves to do once it committed: events to publish, audit entries to
 * append (their own serialized transaction), deliveries to queue. Nothing of it may happen before the
 * commit, or a rolled-back change would be announced.
 */
export class Effects {
  readonly incidents = new Map<string, Incident>();
  readonly audits: AuditInput[] = [];
  readonly deliveries: string[] = [];

  changed(i: Incident): void {
    this.incidents.set(i.id, i);
  }
}
