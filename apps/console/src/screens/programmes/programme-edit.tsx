import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, ProblemError, unwrap } from '../../api/client';
import { useText, type TextOf } from '../../i18n/language';
import { QueryView } from '../../ui/feedback';
import { useAction } from '../../ui/forms';
import { NativeName } from '../../ui/names';
import { programmesText } from './messages';
import { programmeKeys, useProgramme, type Programme } from './programme-api';
import { changedFields, draftFromProgramme, updateBody, type ComparedField, type ProgrammeDraft } from './programme-draft';
import { ProgrammeForm, useDraft } from './programme-form';

/** The value a changed field has now, where one line can say it. */
function nowValue(field: ComparedField, p: Programme, t: TextOf<typeof programmesText>): string | null {
  switch (field) {
    case 'name':
      return p.nameLatin ? `${p.name} · ${p.nameLatin}` : p.name;
    case 'host':
      return `${p.hostCity}, ${p.hostCountry}`;
    case 'window':
      return `${p.window.opensAtLocal.slice(0, 16).replace('T', ' ')} – ${p.window.closesAtLocal.slice(0, 16).replace('T', ' ')} (${p.window.timeZone})`;
    case 'capacity':
      return p.capacity === null ? t('NO_LIMIT') : String(p.capacity);
    case 'state':
      return t(`STATE_${p.state}`);
    default:
      return null;
  }
}

/** Someone saved the programme after this form read it: what they changed, and the two ways on. */
function StaleNotice({ read, current, onKeepMine, onTakeTheirs }: { read: Programme; current: Programme; onKeepMine: () => void; onTakeTheirs: () => void }) {
  const t = useText(programmesText);
  const changed = changedFields(read, current);
  return (
    <div className="notice notice-warning" role="alert">
      <strong>{t('STALE_TITLE', { read: read.version, current: current.version })}</strong>
      <p>{changed.length > 0 ? t('STALE_CHANGED') : t('STALE_NOTHING_VISIBLE')}</p>
      {changed.length > 0 && (
        <ul className="changes">
          {changed.map((field) => (
            <li key={field}>
              {t(`CHANGED_${field}`)}
              {nowValue(field, current, t) && <>: {nowValue(field, current, t)}</>}
            </li>
          ))}
        </ul>
      )}
      <div className="page-actions">
        <button type="button" className="primary" onClick={onKeepMine}>
          {t('STALE_KEEP_MINE')}
        </button>
        <button type="button" onClick={onTakeTheirs}>
          {t('STALE_TAKE_THEIRS')}
        </button>
      </div>
    </div>
  );
}

function EditForm({ programme }: { programme: Programme }) {
  const t = useText(programmesText);
  const navigate = useNavigate();
  const queries = useQueryClient();
  // The programme as this form read it: its version goes with the save, so a later change is not overwritten unseen.
  const [read, setRead] = useState(programme);
  const [stale, setStale] = useState(false);
  const { draft, change, replace } = useDraft(() => draftFromProgramme(programme));
  const action = useAction(async (current: ProgrammeDraft, version: number) => {
    try {
      const saved = await unwrap(api.applications.PATCH('/v1/programmes/{id}', { params: { path: { id: programme.id } }, body: updateBody(current, version) }));
      queries.setQueryData(programmeKeys.one(saved.id), saved);
      await queries.invalidateQueries({ queryKey: programmeKeys.all });
      navigate(`/programmes/${saved.id}`, { state: { saved: true } });
      return saved;
    } catch (error) {
      if (error instanceof ProblemError && error.code === 'PROGRAMME.VERSION_CONFLICT') {
        await queries.invalidateQueries({ queryKey: programmeKeys.one(programme.id) });
        setStale(true);
      }
      throw error;
    }
  });
  const keepMine = () => {
    setRead(programme);
    setStale(false);
    action.clear();
  };
  const takeTheirs = () => {
    replace(draftFromProgramme(programme));
    keepMine();
  };
  // `programme` is the freshest read; while the notice shows, it is what the others saved.
  return (
    <ProgrammeForm
      notice={stale && read.version !== programme.version ? <StaleNotice read={read} current={programme} onKeepMine={keepMine} onTakeTheirs={takeTheirs} /> : null}
      kindFixed
      draft={draft}
      onChange={change}
      action={action}
      onSubmit={() => void action.run(draft, read.version)}
      submitLabel={t('EDIT_SUBMIT')}
    />
  );
}

/** Editing a draft programme (published ones keep the rules applications were checked against). */
export function ProgrammeEdit() {
  const { programmeId = '' } = useParams();
  const t = useText(programmesText);
  const query = useProgramme(programmeId);
  return (
    <section className="panel">
      <p>
        <Link to={`/programmes/${programmeId}`}>{t('BACK_TO_PROGRAMME')}</Link>
      </p>
      <QueryView query={query}>
        {(programme) => (
          <>
            <h1>
              {t('EDIT_TITLE')}: <NativeName name={programme.name} latin={programme.nameLatin} />
            </h1>
            {programme.state === 'draft' ? (
              <EditForm programme={programme} />
            ) : (
              <p className="notice notice-warning">{t('EDIT_ONLY_DRAFTS', { state: t(`STATE_${programme.state}`) })}</p>
            )}
          </>
        )}
      </QueryView>
    </section>
  );
}
