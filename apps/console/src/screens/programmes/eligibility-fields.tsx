import { useText } from '../../i18n/language';
import { TextField } from '../../ui/forms';
import { Checkbox } from './checkbox';
import { programmesText } from './messages';
import type { DraftChange, ErrorOf } from './programme-form';
import type { ProgrammeDraft } from './programme-draft';

/** The eligibility rules the service checks on every submission, as fields rather than JSON. */
export function EligibilityFields({ draft, onChange, errorOf }: { draft: ProgrammeDraft; onChange: DraftChange; errorOf: ErrorOf }) {
  const t = useText(programmesText);
  const certificate = (name: string) => errorOf(`eligibility.requiredCertification.${name}`);
  return (
    <fieldset className="form-section">
      <legend>{t('SECTION_ELIGIBILITY')}</legend>
      <TextField
        label={t('FIELD_COUNTRIES')}
        hint={t('FIELD_COUNTRIES_HINT')}
        value={draft.countries}
        onChange={(countries) => onChange({ countries })}
        error={errorOf('eligibility.countries')}
        spellCheck={false}
      />
      <TextField
        label={t('FIELD_TECHNOLOGY_FIELDS')}
        hint={t('FIELD_TECHNOLOGY_FIELDS_HINT')}
        value={draft.technologyFields}
        onChange={(technologyFields) => onChange({ technologyFields })}
        error={errorOf('eligibility.technologyFields')}
        spellCheck={false}
      />
      <div className="field-row">
        <TextField type="number" min={1} max={9} label={t('FIELD_MIN_TRL')} value={draft.minTrl} onChange={(minTrl) => onChange({ minTrl })} error={errorOf('eligibility.minTrl')} />
        <TextField type="number" min={1} max={9} label={t('FIELD_MAX_TRL')} value={draft.maxTrl} onChange={(maxTrl) => onChange({ maxTrl })} error={errorOf('eligibility.maxTrl')} />
        <TextField
          type="number"
          min={1}
          max={100}
          label={t('FIELD_MAX_COMPANY_AGE')}
          hint={t('FIELD_MAX_COMPANY_AGE_HINT')}
          value={draft.maxCompanyAgeYears}
          onChange={(maxCompanyAgeYears) => onChange({ maxCompanyAgeYears })}
          error={errorOf('eligibility.maxCompanyAgeYears')}
        />
      </div>
      <Checkbox
        label={t('FIELD_REQUIRE_CERTIFICATE')}
        hint={t('FIELD_REQUIRE_CERTIFICATE_HINT')}
        checked={draft.requireCertificate}
        onChange={(requireCertificate) => onChange({ requireCertificate })}
      />
      {draft.requireCertificate && (
        <div className="field-row">
          <TextField
            label={t('FIELD_CERTIFICATE_KIND')}
            hint={t('FIELD_CERTIFICATE_KIND_HINT')}
            value={draft.certificateKind}
            onChange={(certificateKind) => onChange({ certificateKind })}
            error={certificate('kind')}
            spellCheck={false}
          />
          <TextField
            label={t('FIELD_CERTIFICATE_MIN_GRADE')}
            hint={t('FIELD_CERTIFICATE_MIN_GRADE_HINT')}
            value={draft.certificateMinGrade}
            onChange={(certificateMinGrade) => onChange({ certificateMinGrade })}
            error={certificate('minGrade')}
          />
          <Checkbox
            label={t('FIELD_CERTIFICATE_VERIFIED')}
            checked={draft.certificateVerified}
            onChange={(certificateVerified) => onChange({ certificateVerified })}
            error={certificate('verified')}
          />
          <TextField
            label={t('FIELD_CERTIFICATE_ISSUERS')}
            hint={t('FIELD_CERTIFICATE_ISSUERS_HINT')}
            value={draft.certificateIssuers}
            onChange={(certificateIssuers) => onChange({ certificateIssuers })}
            error={certificate('issuerOrganisationIds')}
            spellCheck={false}
          />
        </div>
      )}
    </fieldset>
  );
}
