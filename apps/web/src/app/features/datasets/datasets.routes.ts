import { Route } from '@angular/router';
import { DatasetDetail } from './dataset-detail/dataset-detail';
import { DatasetList } from './dataset-list/dataset-list';

export const datasetsRoutes: Route[] = [
  { path: '', component: DatasetList },
  { path: ':id', title: 'Dataset', component: DatasetDetail },
];
