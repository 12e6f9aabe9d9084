import { KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { recordRefusalType } from '../src/broker-refusal';

// kafkajs's typings omit the second argument its constructors read (the cause, the retry details).
const NonRetriable = KafkaJSNonRetriableError as unknown as new (error: Error, details: { cause: Error }) => Error;
const RetriesExceeded = KafkaJSNumberOfRetriesExceeded as unknown as new (cause: Error, details: { retryCount: number; retryTime: number }) => Error;
const protocolError = (type: string, retriable: boolean) => new KafkaJSProtocolError({ type, code: 0, retriable, message: type } as never);

describe('recordRefusalType: which broker answers park a row', () => {
  it('finds a refusal of the record itself however kafkajs wraps it', () => {
    const tooLarge = protocolError('MESSAGE_TOO_LARGE', false);
    expect(recordRefusalType(tooLarge)).toBe('MESSAGE_TOO_LARGE');
    expect(recordRefusalType(new NonRetriable(tooLarge, { cause: tooLarge }))).toBe('MESSAGE_TOO_LARGE');
    const corrupt = protocolError('CORRUPT_MESSAGE', true);
    expect(recordRefusalType(new RetriesExceeded(corrupt, { retryCount: 8, retryTime: 100 }))).toBe('CORRUPT_MESSAGE');
    expect(recordRefusalType(protocolError('INVALID_RECORD', false))).toBe('INVALID_RECORD');
  });

  it('leaves errors of the broker, the topic or the network to the retry loop', () => {
    expect(recordRefusalType(protocolError('LEADER_NOT_AVAILABLE', true))).toBeNull();
    expect(recordRefusalType(protocolError('TOPIC_AUTHORIZATION_FAILED', false))).toBeNull();
    expect(recordRefusalType(protocolError('UNKNOWN_TOPIC_OR_PARTITION', true))).toBeNull();
    expect(recordRefusalType(new Error('Connection error: connect ECONNREFUSED'))).toBeNull();
    expect(recordRefusalType(undefined)).toBeNull();
    const loop: { cause?: unknown; type?: string } = {};
    loop.cause = loop;
    expect(recordRefusalType(loop)).toBeNull();
  });
});
