import { Inject } from '@nestjs/common';

/** Injection token of the validated config object of the running service. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
/** Injection token of the service name (`applications`, `pilots`, ...). */
export const SERVICE_NAME = Symbol('SERVICE_NAME');

/** `constructor(@InjectConfig() config: ApplicationsConfig)` */
export const InjectConfig = (): ParameterDecorator => Inject(SERVICE_CONFIG);
