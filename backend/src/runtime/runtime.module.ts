import { Module } from '@nestjs/common';
import { FlowRuntimeService } from './flow-runtime.service';

@Module({ providers: [FlowRuntimeService], exports: [FlowRuntimeService] })
export class RuntimeModule {}
