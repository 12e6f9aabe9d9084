import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { SelectionController } from './selection.controller';
import { SelectionService } from './selection.service';

@Module({ imports: [MembersModule], controllers: [SelectionController], providers: [SelectionService] })
export class SelectionModule {}
