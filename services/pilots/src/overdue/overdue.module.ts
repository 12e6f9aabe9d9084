import { Module } from '@nestjs/common';
import { OverdueRepository } from './overdue.repository';
import { OverdueSweeper } from './overdue.sweeper';

@Module({ providers: [OverdueSweeper, OverdueRepository], exports: [OverdueSweeper] })
export class OverdueModule {}
