/** The /api/v2 route table, shared by the server and the console's page (which calls the same handlers). */
import type { Route } from './router.js';
import { groupRoutes } from './routes-groups.js';
import { roomRoutes } from './routes-rooms.js';
import { deskPhoneRoutes } from './routes-deskphones.js';
import { numberRoutes } from './routes-numbers.js';
import { officeRoutes } from './routes-offices.js';
import { e911Routes } from './routes-e911.js';
import { userRoutes } from './routes-users.js';
import { callerIdRoutes } from './routes-caller-id.js';

/** Every /api/v2 endpoint the emulator answers (each one exists in Dialpad's OpenAPI description). */
export const API_ROUTES: readonly Route[] = [...officeRoutes, ...userRoutes, ...callerIdRoutes, ...numberRoutes, ...groupRoutes, ...roomRoutes, ...deskPhoneRoutes, ...e911Routes];
