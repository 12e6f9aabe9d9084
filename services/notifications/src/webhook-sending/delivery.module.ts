import { Global, Module } from '@nestjs/common';
import { EndpointsModule } from '../endpoints/endpoints.module';
import { FanOutRepository } from '../fan-out/fan-out.repository';
import { FanOutService } from '../fan-out/fan-out.service';
import { DeliveryQueue } from './delivery-queue';
import { DeliveryWorker } from './delivery-worker';
import { DeliveryProcessor } from './delivery.processor';
import { DeliveryRepository } from './delivery.repository';
import { EndpointDisabler } from './endpoint-disabler';
import { PostCommitDispatch } from './post-commit-dispatch';
import { endpointSemaphoreProvider, sendRateProvider, webhookSenderProvider } from './sending.providers';

/**
 * Delivery: the queue, the first attempts after commit, the worker and sweeper, and fan-out. Global because
 * the consumer (registered inside MessagingModule) needs FanOutService.
 */
@Global()
@Module({
  imports: [EndpointsModule],
  providers: [
    DeliveryQueue,
    PostCommitDispatch,
    DeliveryRepository,
    EndpointDisabler,
    webhookSenderProvider,
    endpointSemaphoreProvider,
    sendRateProvider,
    DeliveryProcessor,
    DeliveryWorker,
    FanOutRepository,
    FanOutService,
  ],
  exports: [DeliveryQueue, PostCommitDispatch, FanOutService, DeliveryWorker, DeliveryRepository],
})
export class DeliveryModule {}
