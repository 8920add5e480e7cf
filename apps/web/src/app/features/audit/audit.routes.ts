import { Route } from '@angular/router';
import { AuditLog } from './audit-log/audit-log';

export const auditRoutes: Route[] = [{ path: '', component: AuditLog }];
