import { createValidationPipe, ValidationProblemException } from '@exchange/platform';
import { FinalReportInputDto } from '../src/pilots/dto/pilot.dto';

// Found by the fuzz suite (seed 131189843): `contractValue: 1e-320` answered 500, because
// class-validator's maxDecimalPlaces throws on numbers printed with an exponent.
describe('final report: contract value', () => {
  const pipe = createValidationPipe();
  const report = (contractValue: unknown) => ({
    outcome: 'partial',
    results: [{ criterion: 'triage_time_reduction', value: 24 }],
    adoption: 'buy',
    contractValue,
    contractCurrency: 'RUB',
  });
  const check = (body: unknown) => pipe.transform(body, { type: 'body', metatype: FinalReportInputDto });

  it.each([1e-7, 1e-320, 0.001, 1.005])('refuses %p as more than two decimals, naming the field', async (value) => {
    const error = await check(report(value)).then(
      () => null,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(ValidationProblemException);
    expect((error as ValidationProblemException).errors).toEqual([{ field: 'contractValue', code: 'hasAtMostTwoDecimals', message: 'contractValue must have at most two decimal places' }]);
  });

  it.each([0, 1500000, 1500000.5, 99.99])('accepts %p', async (value) => {
    await expect(check(report(value))).resolves.toMatchObject({ contractValue: value });
  });
});
