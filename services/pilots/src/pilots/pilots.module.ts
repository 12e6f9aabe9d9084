import { Module } from '@nestjs/common';
import { PilotsController } from './pilots.controller';
import { PilotsRepository } from './pilots.repository';
import { PilotsService } from './pilots.service';

@Module({ controllers: [PilotsController], providers: [PilotsService, PilotsRepository], exports: [PilotsRepository] })
export class PilotsModule {}
