/** The four services of the exchange, each with its own OpenAPI document and typed client. */
export const SERVICE_NAMES = ['applications', 'pilots', 'cohorts', 'notifications'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
