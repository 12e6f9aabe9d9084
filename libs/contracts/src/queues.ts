/**
 * BullMQ queue names. Like topics, never rename one while jobs are in it: version instead.
 */
export const Queues = {
  webhookDelivery: 'exchange.webhook-delivery.v1',
  mail: 'exchange.mail.v1',
} as const;

export type QueueName = (typeof Queues)[keyof typeof Queues];
