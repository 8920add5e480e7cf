import { Route } from '@angular/router';
import { SettingsPage } from './settings-page/settings-page';

export const settingsRoutes: Route[] = [
  {
    path: '',
    component: SettingsPage,
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'sla' },
      {
        path: 'sla',
        title: 'SLA targets',
        loadComponent: () => import('./sla-settings/sla-settings').then((m) => m.SlaSettings),
      },
      {
        path: 'channels',
        title: 'Notification channels',
        loadComponent: () => import('./channel-list/channel-list').then((m) => m.ChannelList),
      },
      {
        path: 'channels/:id',
        title: 'Delivery log',
        loadComponent: () => import('./delivery-log/delivery-log').then((m) => m.DeliveryLog),
      },
    ],
  },
];
