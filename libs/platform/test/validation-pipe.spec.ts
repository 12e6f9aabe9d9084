import 'reflect-metadata';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';
import { createValidationPipe, ValidationProblemException } from '@exchange/platform';

class StartupBody {
  @IsString()
  @Length(1, 100)
  name: string;

  @IsInt()
  @Min(1)
  @Max(9)
  trl: number;
}

async function problemFor(body: unknown) {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype: StartupBody });
  } catch (error) {
    return error as ValidationProblemException;
  }
  throw new Error('expected a validation problem');
}

describe('the validation pipe', () => {
  it('says a missing field is required, once, and counts fields rather than constraints', async () => {
    const problem = await problemFor({});
    expect(problem.errors).toEqual([
      { field: 'name', code: 'required', message: 'name is required' },
      { field: 'trl', code: 'required', message: 'trl is required' },
    ]);
    expect(problem.problem.detail).toBe('2 invalid fields: name, trl');
  });

  it('lists every broken constraint of a field that is present, and names unknown fields', async () => {
    const problem = await problemFor({ name: '', trl: 12, colour: 'red' });
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { field: 'name', code: 'isLength', message: expect.stringContaining('longer than or equal to 1') },
        { field: 'trl', code: 'max', message: expect.stringContaining('must not be greater than 9') },
        { field: 'colour', code: 'whitelistValidation', message: 'property colour should not exist' },
      ]),
    );
    expect(problem.problem.detail).toBe('3 invalid fields: colour, name, trl');
    expect(JSON.stringify(problem.problem)).not.toContain('red');
  });
});
