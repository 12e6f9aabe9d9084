import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request (field list in `errors`)',
  401: 'No valid API key',
  403: 'The key’s role may not do this',
  404: 'Not found (or another tenant’s)',
  409: 'Illegal transition (the problem carries `currentState`) or a stale `version`',
  422: 'The request breaks a rule of the domain',
};

/** Documents the problem+json answers a route can give. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ...[401, 403, ...statuses].map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      }),
    ),
  );
}
