import { Module } from '@nestjs/common';
import { OpenCallsController } from './open-calls.controller';
import { OpenCallsRepository } from './open-calls.repository';
import { OpenCallsService } from './open-calls.service';
import { OpenCallsSweeper } from './open-calls.sweeper';

/** Open calls for host needs: published by hosts, searched by anyone, answered by startups. */
@Module({ controllers: [OpenCallsController], providers: [OpenCallsService, OpenCallsRepository, OpenCallsSweeper], exports: [OpenCallsSweeper] })
export class OpenCallsModule {}
