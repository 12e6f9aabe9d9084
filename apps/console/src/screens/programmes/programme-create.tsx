import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { viewerTimeZone } from '../../i18n/format';
import { useText } from '../../i18n/language';
import { useAction } from '../../ui/forms';
import { programmesText } from './messages';
import { programmeKeys } from './programme-api';
import { createBody, defaultWindow, newProgrammeDraft, type ProgrammeDraft } from './programme-draft';
import { ProgrammeForm, useDraft, type DraftChange } from './programme-form';
import { keyFromLabel } from './rubric-fields';

/** A new draft programme; it opens on its own page, where the manager publishes it. */
export function ProgrammeCreate() {
  const t = useText(programmesText);
  const navigate = useNavigate();
  const queries = useQueryClient();
  // A rubric to start from, labelled in the manager's language; every criterion can be changed.
  const starting = [t('DEFAULT_CRITERION_INNOVATION'), t('DEFAULT_CRITERION_FIT'), t('DEFAULT_CRITERION_TEAM')].map((label, i) => ({
    label,
    key: ['innovation', 'fit', 'team'][i] ?? keyFromLabel(label, i + 1),
    weight: '1',
    description: '',
  }));
  const { draft, change } = useDraft(() => newProgrammeDraft(viewerTimeZone, starting));
  // The proposed window is "from now" on the programme's clock: it follows the zone until the person sets it.
  const [windowSet, setWindowSet] = useState(false);
  const onChange: DraftChange = (patch) => {
    if (patch.opensAt !== undefined || patch.closesAt !== undefined) setWindowSet(true);
    const window = patch.timeZone !== undefined && !windowSet ? defaultWindow(patch.timeZone) : null;
    change(window ? { ...patch, ...window } : patch);
  };
  const action = useAction(async (current: ProgrammeDraft) => {
    const created = await unwrap(api.applications.POST('/v1/programmes', { body: createBody(current) }));
    await queries.invalidateQueries({ queryKey: programmeKeys.all });
    navigate(`/programmes/${created.id}`, { state: { created: true } });
    return created;
  });
  return (
    <section className="panel">
      <p>
        <Link to="/programmes">{t('BACK_TO_PROGRAMMES')}</Link>
      </p>
      <h1>{t('CREATE_TITLE')}</h1>
      <p className="subtle">{t('CREATE_INTRO')}</p>
      <ProgrammeForm draft={draft} onChange={onChange} action={action} onSubmit={() => void action.run(draft)} submitLabel={t('CREATE_SUBMIT')} />
    </section>
  );
}
