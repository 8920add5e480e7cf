import { Route } from '@angular/router';
import { DashboardPage } from './dashboard-page/dashboard-page';

// The route file is loaded lazily (app.routes); the charts inside come later still, in their own chunk.
export const dashboardRoutes: Route[] = [{ path: '', component: DashboardPage }];
