import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { useText } from '../../i18n/language';
import { pilotsText } from './messages';
import { pilotKeys } from './queries';

/** "Only site: X — show every site", above a list narrowed to one site from the Sites screen. */
export function SiteFilterNotice({ siteId, everySite }: { siteId: string; everySite: string }) {
  const t = useText(pilotsText);
  const site = useQuery({
    queryKey: pilotKeys.site(siteId),
    queryFn: () => unwrap(api.pilots.GET('/v1/pilot-sites/{id}', { params: { path: { id: siteId } } })),
  });
  return (
    <p className="notice notice-warning">
      {t('ONLY_ONE_SITE', { site: site.data?.name ?? siteId })} · <Link to={everySite}>{t('SHOW_ALL_SITES')}</Link>
    </p>
  );
}
