import { describeOpenApiFuzz } from '@exchange/platform/testing';
import { AppModule } from '../src/app.module';
import { applicationsConfigSchema, SERVICE_NAME } from '../src/config';

// No overdue sweep during the run: every row change must come from a request.
describeOpenApiFuzz({ name: SERVICE_NAME, module: AppModule, schema: applicationsConfigSchema }, { env: { REVIEW_OVERDUE_SWEEP_MS: '0', CERTIFICATION_EXPIRY_SWEEP_MS: '0' } });
