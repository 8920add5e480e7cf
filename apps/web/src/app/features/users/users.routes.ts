import { Route } from '@angular/router';
import { UserList } from './user-list/user-list';

export const usersRoutes: Route[] = [{ path: '', component: UserList }];
