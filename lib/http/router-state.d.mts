import type { IncomingHttpHeaders } from 'node:http';

export declare const ROUTER_STATE_HEADER: 'next-router-state-tree';
export declare function routerStateIsValid(value: string | string[] | undefined): boolean;
export declare function dropMalformedRouterState(headers: IncomingHttpHeaders): boolean;
