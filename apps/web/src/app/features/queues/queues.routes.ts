import { Route } from '@angular/router';
import { QueueStatus } from './queue-status/queue-status';

export const queuesRoutes: Route[] = [{ path: '', component: QueueStatus }];
